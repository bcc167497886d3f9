import { strict as assert } from 'node:assert';
import type { CheckIn } from '../../src/domain/check-in';
import type { CheckInStore } from '../../src/domain/ports';
import { stateFromAnswers } from '../../src/domain/priority-state';

/** The CheckInStore contract: every implementation runs this suite (Azure Tables on Azurite always). */
export function checkInStoreContract(name: string, make: () => Promise<{ store: CheckInStore; done(): Promise<void> }>): void {
  describe(`CheckInStore contract: ${name}`, () => {
    let store: CheckInStore;
    let done: () => Promise<void>;
    beforeEach(async () => ({ store, done } = await make()));
    afterEach(async () => done());

    let n = 0;
    const answer = (over: Partial<CheckIn> = {}): Omit<CheckIn, 'version'> => ({
      strategyKey: 's-1',
      priorityKey: '19',
      period: '2026-Q3',
      rag: 'amber',
      update: 'Update text',
      plusGroups: { smi: 'Reached 40 people' },
      kpiReadings: { falls: 1980.5 },
      submittedBy: 'alex-wilber',
      submittedByName: 'Alex Wilber',
      submittedAt: '2026-10-02T09:00:00.000Z',
      submissionId: `sub-${++n}-aaaaaaaa`,
      ...over,
    });

    it('saves version 1 and reads it back field for field', async () => {
      const a = answer({ nextSteps: 'Next', risks: 'Risk', escalation: 'Escalate', onBehalfOf: 'x', onBehalfOfName: 'X' });
      const out = await store.save(a, 0);
      assert.equal(out.kind, 'saved');
      assert.deepEqual(await store.get('s-1', '19', '2026-Q3'), { ...a, version: 1 });
    });

    it('keeps each priority\'s latest state with every save: the same as rebuilding it from the current answers', async () => {
      await store.save(answer({ period: '2026-Q2', rag: 'green', kpiReadings: { falls: 2000 } }), 0);
      const first = await store.save(answer({ rag: 'amber' }), 0);
      assert.equal(first.kind, 'saved');
      // An edit replaces the period's rating and readings (the reading left empty is gone).
      await store.save({ ...answer({ rag: 'red', kpiReadings: {} }) }, 1);
      await store.save(answer({ priorityKey: '9', rag: 'green' }), 0);
      const states = await store.states('s-1');
      assert.deepEqual(states.map((x) => x.priorityKey).sort(), ['19', '9']);
      const nineteen = await store.state('s-1', '19');
      assert.deepEqual(nineteen, stateFromAnswers('s-1', '19', await store.listForPriority('s-1', '19')));
      assert.deepEqual(nineteen?.rags, { '2026-Q2': 'green', '2026-Q3': 'red' });
      assert.deepEqual(nineteen?.versions, { '2026-Q2': 1, '2026-Q3': 2 });
      assert.deepEqual(nineteen?.readings, { falls: [{ period: '2026-Q2', value: 2000 }] });
      assert.equal(await store.state('s-1', 'none'), undefined);
      assert.deepEqual(await store.states('s-2'), []);
    });

    it('a state keeps ratings, who and when, and the point for escalation, but no texts (those stay in the answer\'s own row)', async () => {
      const long = 'A paper-length update. '.repeat(150);
      await store.save(answer({ update: long, nextSteps: long, risks: long, escalation: 'Needs the board', plusGroups: { smi: long } }), 0);
      const kept = (await store.state('s-1', '19'))!.answers[0]!;
      assert.deepEqual(Object.keys(kept).sort(), ['escalation', 'period', 'priorityKey', 'rag', 'strategyKey', 'submittedAt', 'submittedBy', 'submittedByName', 'version']);
      assert.equal((await store.get('s-1', '19', '2026-Q3'))?.update, long);
    });

    it('a retried save leaves the state as the first save made it', async () => {
      const a = answer({ rag: 'green' });
      await store.save(a, 0);
      const before = await store.state('s-1', '19');
      assert.equal((await store.save(a, 0)).kind, 'duplicate');
      assert.deepEqual(await store.state('s-1', '19'), before);
    });

    it('get of a missing answer is undefined', async () => {
      assert.equal(await store.get('s-1', '19', '2020-Q1'), undefined);
    });

    it('the same submission twice writes one version (a retried submit)', async () => {
      const a = answer();
      assert.equal((await store.save(a, 0)).kind, 'saved');
      const again = await store.save(a, 0);
      assert.equal(again.kind, 'duplicate');
      assert.equal(again.kind === 'duplicate' && again.checkIn.version, 1);
      assert.equal((await store.versions('s-1', '19', '2026-Q3')).length, 1);
    });

    it('concurrent saves of the same submission still write one version', async () => {
      const a = answer();
      const outcomes = await Promise.all([store.save(a, 0), store.save(a, 0), store.save(a, 0)]);
      assert.deepEqual(outcomes.map((o) => o.kind).sort(), ['duplicate', 'duplicate', 'saved']);
      assert.equal((await store.versions('s-1', '19', '2026-Q3')).length, 1);
    });

    it('50 identical concurrent retries of one edit: every one gets the receipt, one record, none told "changed by"', async () => {
      await store.save(answer({ update: 'v1' }), 0);
      const edit = answer({ update: 'v2, pressed many times' });
      const outcomes = await Promise.all(Array.from({ length: 50 }, () => store.save(edit, 1)));
      assert.equal(outcomes.filter((o) => o.kind === 'saved').length, 1);
      assert.equal(outcomes.filter((o) => o.kind === 'duplicate').length, 49);
      assert.ok(outcomes.every((o) => o.kind !== 'stale' && o.checkIn.version === 2 && o.checkIn.submissionId === edit.submissionId));
      assert.equal((await store.versions('s-1', '19', '2026-Q3')).length, 2);
    });

    it('two editors from the same base: one wins, the other is told it is stale (no lost update)', async () => {
      await store.save(answer({ update: 'v1' }), 0);
      const [x, y] = await Promise.all([store.save(answer({ update: 'from X' }), 1), store.save(answer({ update: 'from Y' }), 1)]);
      const kinds = [x.kind, y.kind].sort();
      assert.deepEqual(kinds, ['saved', 'stale']);
      const versions = await store.versions('s-1', '19', '2026-Q3');
      assert.deepEqual(versions.map((v) => v.version), [1, 2]);
      const winner = x.kind === 'saved' ? 'from X' : 'from Y';
      assert.equal((await store.get('s-1', '19', '2026-Q3'))?.update, winner);
    });

    it('an edit keeps every earlier version, oldest first', async () => {
      await store.save(answer({ update: 'one' }), 0);
      await store.save(answer({ update: 'two', rag: 'red' }), 1);
      await store.save(answer({ update: 'three', rag: 'green' }), 2);
      const versions = await store.versions('s-1', '19', '2026-Q3');
      assert.deepEqual(versions.map((v) => [v.version, v.update, v.rag]), [[1, 'one', 'amber'], [2, 'two', 'red'], [3, 'three', 'green']]);
    });

    it('a save from an old base after later edits is stale and returns the current answer', async () => {
      await store.save(answer({ update: 'one' }), 0);
      await store.save(answer({ update: 'two' }), 1);
      const out = await store.save(answer({ update: 'late' }), 1);
      assert.equal(out.kind, 'stale');
      assert.equal(out.kind === 'stale' && out.current.update, 'two');
    });

    it('lists current answers per priority and per strategy, in period order, without history rows', async () => {
      await store.save(answer({ period: '2026-Q2', update: 'q2' }), 0);
      await store.save(answer({ period: '2026-Q1', update: 'q1' }), 0);
      await store.save(answer({ period: '2026-Q2', update: 'q2 edited' }), 1);
      await store.save(answer({ priorityKey: '9', period: '2026-Q2' }), 0);
      await store.save(answer({ strategyKey: 's-10', priorityKey: '19', period: '2026-Q2' }), 0);
      const mine = await store.listForPriority('s-1', '19');
      assert.deepEqual(mine.map((c) => [c.period, c.update]), [['2026-Q1', 'q1'], ['2026-Q2', 'q2 edited']]);
      const strategy = await store.listForStrategy('s-1');
      assert.deepEqual(strategy.map((c) => `${c.priorityKey}@${c.period}`).sort(), ['19@2026-Q1', '19@2026-Q2', '9@2026-Q2']);
    });

    it('keys with / \\ # ? and quotes are stored safely and found again', async () => {
      const odd = answer({ strategyKey: "s/1\\x#y?z'", priorityKey: "p'or'1'='1", submissionId: 'odd-aaaaaaaaaa' });
      assert.equal((await store.save(odd, 0)).kind, 'saved');
      assert.equal((await store.get(odd.strategyKey, odd.priorityKey, odd.period))?.update, 'Update text');
      assert.equal((await store.listForPriority(odd.strategyKey, odd.priorityKey)).length, 1);
      assert.equal((await store.listForPriority('s', '1')).length, 0);
    });

    it('text near the size limits round-trips unchanged', async () => {
      const long = 'é'.repeat(4000);
      await store.save(answer({ update: long }), 0);
      assert.equal((await store.get('s-1', '19', '2026-Q3'))?.update, long);
    });

    it('line and paragraph separators (U+2028, U+2029) in every text field are saved and read back exactly', async () => {
      const odd = 'first\u2028second\u2029third\r\nfourth';
      const a = answer({ update: odd, nextSteps: odd, risks: odd, escalation: odd, plusGroups: { smi: odd }, submittedByName: 'Alex\u2028Wilber' });
      assert.equal((await store.save(a, 0)).kind, 'saved');
      assert.deepEqual(await store.get('s-1', '19', '2026-Q3'), { ...a, version: 1 });
      assert.equal((await store.save({ ...a, update: `${odd} edited`, submissionId: 'sep-edit-aaaaaaaa' }, 1)).kind, 'saved');
      assert.deepEqual((await store.versions('s-1', '19', '2026-Q3')).map((v) => v.update), [odd, `${odd} edited`]);
    });
  });
}
