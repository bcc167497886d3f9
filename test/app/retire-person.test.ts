import { strict as assert } from 'node:assert';
import { setAway } from '../../src/app/cover';
import { runDue } from '../../src/app/reporting-cycle';
import { askManagersToReassign, proposeRetirement, retirePerson } from '../../src/app/retire-person';
import { NotifierError } from '../../src/domain/ports';
import { aPerson, aPriority, aStrategy } from '../domain/builders';
import { inMemoryApp } from './in-memory-app';

/**
 * The retirement use case on in-memory ports: covers naming a retired person end, and the
 * managers' requests to reassign go through the outbox (sent, undeliverable without a chat, failed).
 * 1 Oct 2026 opens 2026-Q3 on the test board (key "test").
 */
const lead = aPerson('lead').named('Lena Lead').build();
const deputy = aPerson('dep').named('Dev Deputy').build();
const cora = aPerson('cover').named('Cora Cover').build();
const boss = aPerson('boss').named('Bea Boss').manager().build();
const other = aPerson('boss2').named('Bo Other').manager().build();
const who = (p: { aadObjectId?: string }) => ({ aadObjectId: p.aadObjectId! });
const world = () => ({
  strategies: [aStrategy().build()],
  priorities: [aPriority('1').ledBy('lead').deputisedBy('dep').build(), aPriority('2').ledBy('cover').build()],
  people: [lead, deputy, cora, boss, other],
});

describe('retiring a person (use case)', () => {
  it('a lead away named the retired person to cover: the cover ends with them, and the reminder goes to the priority\'s deputy', async () => {
    const { deps, cycle, notifier, install } = await inMemoryApp({ now: '2026-09-28T09:00:00Z', ...world() });
    for (const id of ['lead', 'dep', 'cover']) await install(id);
    await setAway(deps, who(lead), '2026-10-20', { name: 'Cora Cover' });
    assert.equal((await deps.cover.list())[0]?.deputyId, 'cover');

    const proposal = await proposeRetirement(deps, who(boss), { text: 'Cora Cover' });
    assert.equal(proposal.retiredEverywhere, true);
    const outcome = await retirePerson(deps, who(boss), { personId: 'cover', versions: Object.fromEntries(proposal.boards.map((b) => [b.key, b.version])) });
    assert.equal(outcome.kind, 'saved');
    assert.deepEqual(await deps.cover.list(), [{ personId: 'lead', until: '2026-10-20', setAt: (await deps.cover.list())[0]!.setAt }]);

    await runDue(cycle, new Date('2026-10-01T08:31:00Z'));
    assert.deepEqual([...new Set(notifier.sent.map((s) => s.to))], ['chat-dep'], 'nothing to the retired person, nor for 2, which has no lead now');
  });

  it('the managers\' requests to reassign go through the outbox: sent to a chat, undeliverable without one, failed when Teams refuses; each once', async () => {
    const { deps, cycle, notifier, install, stores } = await inMemoryApp({ now: '2026-09-28T09:00:00Z', ...world() });
    await install('boss');
    const proposal = await proposeRetirement(deps, who(boss), { text: 'Cora Cover' });
    assert.deepEqual(proposal.removed.map((r) => [r.what, r.after]), [['Lead of 2. We will improve 2', 'No lead']]);
    const outcome = await retirePerson(deps, who(boss), { personId: 'cover', versions: Object.fromEntries(proposal.boards.map((b) => [b.key, b.version])) });
    assert.ok(outcome.kind === 'saved');
    assert.deepEqual(outcome.notices.map((n) => n.kind === 'managers-reassign' && n.to.id).sort(), ['boss', 'boss2']);

    assert.deepEqual(await askManagersToReassign(cycle, outcome.notices), { sent: 1, undeliverable: 1, failed: 0 });
    assert.deepEqual(notifier.sent.map((s) => [s.to, s.notice.kind]), [['chat-boss', 'managers-reassign']]);
    // Asked again (a retried invoke): the outbox has them already, nothing is sent twice.
    assert.deepEqual(await askManagersToReassign(cycle, outcome.notices), { sent: 0, undeliverable: 0, failed: 0 });
    const ledger = (await stores.outbox.list('2026-09-28', '2026-09-28')).map((e) => [e.recipientId, e.status]).sort();
    assert.deepEqual(ledger, [['boss', 'sent'], ['boss2', 'undeliverable']]);

    await install('boss2');
    notifier.failFor.set('chat-boss2', new NotifierError('the app was removed', false));
    const later = outcome.notices.map((n) => (n.kind === 'managers-reassign' ? { ...n, at: '2026-09-28T10:00:00.000Z' } : n));
    assert.deepEqual(await askManagersToReassign(cycle, later), { sent: 1, undeliverable: 0, failed: 1 });
  });

  it('a confirmation made on an older version writes nothing and comes back as it would be now', async () => {
    const { deps, stores } = await inMemoryApp({ now: '2026-09-28T09:00:00Z', ...world() });
    const proposal = await proposeRetirement(deps, who(boss), { personId: 'cover' });
    await stores.boardPeople.advance('test', proposal.boards[0]!.version, { source: 'teams', changedAt: '2026-09-28T09:00:00Z' });
    const outcome = await retirePerson(deps, who(boss), { personId: 'cover', versions: { test: proposal.boards[0]!.version } });
    assert.equal(outcome.kind, 'stale');
    assert.deepEqual((await deps.strategies.getPriority('s', '2'))?.leads, ['cover']);
    assert.equal((await deps.people.getPerson('cover'))?.retired, undefined);
    assert.deepEqual(await deps.changes.list('test'), []);
  });
});
