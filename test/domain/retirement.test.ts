import { strict as assert } from 'node:assert';
import type { Board } from '../../src/domain/board';
import type { DomainError } from '../../src/domain/errors';
import type { Person } from '../../src/domain/person';
import { planRetirement, returned, rolesHeld } from '../../src/domain/retirement';
import type { Priority } from '../../src/domain/strategy';
import { aPerson, aPriority } from './builders';

/** Two boards: "city" (strategy c) and "county" (strategy k). Kay holds roles on both. */
const BOARDS: Board[] = [
  { key: 'city', name: 'City Board' },
  { key: 'county', name: 'County Board' },
];
const boardOf = (p: Priority) => (p.strategyKey === 'c' ? 'city' : 'county');
const manages = (id: string, ...boards: string[]): Person => ({ ...aPerson(id).manager().build(), manages: boards });
const kay = aPerson('kay').named('Kay Darby').build();
const priorities = () => [
  aPriority('1', 'c').ledBy('kay').build(),
  aPriority('2', 'c').ledBy('megan', 'kay').deputisedBy('kay').build(),
  aPriority('W2', 'c').ledBy('alex').withProject('p1', 'Pregnancy', 'kay').withProject('p2', 'Training').build(),
  aPriority('3', 'k').ledBy('alex').deputisedBy('kay').build(),
];

describe('retiring a person (pure)', () => {
  it('finds every role held, on priorities and on projects, with who is left holding each', () => {
    const held = rolesHeld('kay', priorities(), boardOf);
    assert.deepEqual(
      held.map((r) => [r.boardKey, r.unitKey, r.role, r.holders.join('+'), r.others.join('+')]),
      [
        ['city', '1', 'lead', 'kay', ''],
        ['city', '2', 'lead', 'megan+kay', 'megan'],
        ['city', '2', 'deputy', 'kay', ''],
        ['city', 'W2~p1', 'lead', 'kay', ''],
        ['county', '3', 'deputy', 'kay', ''],
      ],
    );
  });

  it('a manager of one board takes away that board\'s roles only, applied per stored priority; the other board\'s stay and she is not marked retired', () => {
    const people = [kay, manages('alex', 'city', 'county'), manages('adele', 'city')];
    const plan = planRetirement(kay, rolesHeld('kay', priorities(), boardOf), people, ['city'], BOARDS, '2026-11-24');
    assert.deepEqual(plan.removed.map((r) => r.unitKey), ['1', '2', '2', 'W2~p1']);
    assert.deepEqual(plan.kept.map((r) => r.unitKey), ['3']);
    assert.equal(plan.retiredEverywhere, false);
    assert.equal(plan.person.retired, undefined);
    const byKey = new Map(plan.priorities.map((p) => [p.key, p]));
    assert.deepEqual([...byKey.keys()], ['1', '2', 'W2']);
    assert.deepEqual(byKey.get('1')!.leads, []);
    assert.deepEqual([byKey.get('2')!.leads, byKey.get('2')!.deputies], [['megan'], []]);
    assert.deepEqual(byKey.get('W2')!.projects!.map((x) => x.leads ?? []), [[], []]);
    assert.deepEqual(byKey.get('W2')!.leads, ['alex'], 'the workstream\'s own lead is untouched');
  });

  it('retired everywhere: marked with the date, off every board they managed; named again, the mark goes', () => {
    const megan = manages('megan', 'county');
    const people = [megan, manages('alex', 'city', 'county')];
    const plan = planRetirement(megan, rolesHeld('megan', priorities(), boardOf), people, ['city', 'county'], BOARDS, '2026-11-24');
    assert.deepEqual(plan.leaves, ['county']);
    assert.deepEqual([plan.person.retired, plan.person.manages, plan.person.boardManager], ['2026-11-24', [], false]);
    assert.equal(returned(plan.person).retired, undefined);
    assert.equal('retired' in returned(plan.person), false);
  });

  it('refused: the last manager of a board, someone who holds roles only on a board the sender does not manage, someone holding nothing', () => {
    const alex = manages('alex', 'city', 'county');
    const people = [kay, alex, manages('adele', 'city')];
    assert.throws(
      () => planRetirement(alex, rolesHeld('alex', priorities(), boardOf), people, ['city', 'county'], BOARDS, '2026-11-24'),
      (e: DomainError) => e.code === 'LAST_MANAGER' && e.details.board === 'County Board' && e.details.then === 'retire them',
    );
    assert.throws(
      () => planRetirement(kay, rolesHeld('kay', [priorities()[3]!], boardOf), people, ['city'], BOARDS, '2026-11-24'),
      (e: DomainError) => e.code === 'NOT_BOARD_MANAGER' && /County Board/.test(e.details.action ?? ''),
    );
    const nobody = aPerson('sam').named('Sam Okafor').build();
    assert.throws(
      () => planRetirement(nobody, [], [...people, nobody], ['city'], BOARDS, '2026-11-24'),
      (e: DomainError) => e.code === 'NOTHING_TO_CHANGE' && e.details.person === 'Sam Okafor',
    );
  });
});
