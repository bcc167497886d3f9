import { strict as assert } from 'node:assert';
import type { CoverStore, OutboxClaim, OutboxClaimAnswer, OutboxLedger } from '../../src/domain/ports';

/** Contracts of the outbox ledger and the cover store; every implementation runs them. */
export function outboxAndCoverContract(name: string, make: () => Promise<{ outbox: OutboxLedger; cover: CoverStore; done(): Promise<void>; second?: () => OutboxLedger }>): void {
  describe(`OutboxLedger and CoverStore contracts: ${name}`, () => {
    let outbox: OutboxLedger;
    let cover: CoverStore;
    let done: () => Promise<void>;
    /** Another instance's outbox on the same store (the same one when the store is in this process). */
    let second: () => OutboxLedger;
    beforeEach(async () => {
      const made = await make();
      ({ outbox, cover, done } = made);
      second = made.second ?? (() => outbox);
    });
    afterEach(async () => done());

    const t0 = new Date('2026-10-01T08:00:00Z');
    const later = (ms: number) => new Date(t0.getTime() + ms);
    const msg = (key = 'reminder|s/19|2026-Q3|open|alex') => ({ key, localDate: '2026-10-01', kind: 'reminder' });
    /** The claim, failing the test when the answer was `done` or `busy`. */
    const held = (answer: OutboxClaimAnswer): OutboxClaim => {
      assert.ok(typeof answer === 'object', `expected a claim, got ${String(answer)}`);
      return answer;
    };
    const isClaim = (answer: OutboxClaimAnswer) => typeof answer === 'object';

    it('the first claim wins; another owner is told busy while the lease runs', async () => {
      held(await outbox.claim(msg(), 'a', t0, 60_000));
      assert.equal(await outbox.claim(msg(), 'b', later(1_000), 60_000), 'busy');
      assert.equal(await outbox.claim(msg(), 'a', later(2_000), 60_000), 'busy', 'even its owner does not claim it twice');
    });

    it('a completed message is done for everyone, whatever its outcome', async () => {
      for (const status of ['sent', 'skipped', 'undeliverable', 'failed'] as const) {
        const m = msg(`k-${status}`);
        const claim = held(await outbox.claim(m, 'a', t0, 60_000));
        assert.equal(await outbox.complete(claim, { status, recipientId: 'alex', note: 'why' }, later(10)), true);
        assert.equal(await outbox.claim(m, 'b', later(10 * 60_000), 60_000), 'done');
      }
    });

    it('a claim whose owner died is taken over after the lease, once', async () => {
      held(await outbox.claim(msg(), 'dead', t0, 60_000));
      held(await outbox.claim(msg(), 'b', later(60_000), 60_000));
      assert.equal(await outbox.claim(msg(), 'c', later(60_001), 60_000), 'busy');
      const [entry] = await outbox.list('2026-10-01', '2026-10-01');
      assert.equal(entry?.owner, 'b');
      assert.equal(entry?.attempts, 2);
    });

    it('a released claim can be claimed again at once (the next tick retries it)', async () => {
      const claim = held(await outbox.claim(msg(), 'a', t0, 60_000));
      assert.equal(await outbox.release(claim, '503: connector unavailable'), true);
      const [pending] = await outbox.list('2026-10-01', '2026-10-01');
      assert.equal(pending?.status, 'pending');
      assert.equal(pending?.note, '503: connector unavailable');
      held(await outbox.claim(msg(), 'b', later(1), 60_000));
    });

    it('a lease that runs out mid-send: the late owner\'s release and complete change nothing, so the message goes at most twice', async () => {
      // Four instances tick one after another; each sends whenever it holds the claim.
      let sends = 0;
      const a = held(await outbox.claim(msg(), 'a', t0, 60_000));
      sends += 1; // a's send hangs past its lease
      const b = held(await outbox.claim(msg(), 'b', later(60_000), 60_000));
      sends += 1;
      // a's send finally fails: giving it back would let the next tick send a third time.
      assert.equal(await outbox.release(a, 'timeout'), false, 'a late release reports the lost claim');
      assert.equal(await outbox.complete(a, { status: 'failed', recipientId: 'alex', note: 'timeout' }, later(61_000)), false, 'a late complete reports the lost claim');
      const [whileB] = await outbox.list('2026-10-01', '2026-10-01');
      assert.deepEqual([whileB?.status, whileB?.owner, whileB?.attempts, whileB?.note], ['claimed', 'b', 2, undefined]);
      const c = await outbox.claim(msg(), 'c', later(61_000), 60_000);
      if (isClaim(c)) sends += 1;
      assert.equal(c, 'busy');
      assert.equal(await outbox.complete(b, { status: 'sent', recipientId: 'alex' }, later(62_000)), true);
      const d = await outbox.claim(msg(), 'd', later(10 * 60_000), 60_000);
      if (isClaim(d)) sends += 1;
      assert.equal(d, 'done');
      assert.equal(sends, 2);
    });

    it('a late complete does not overwrite the new owner\'s outcome, nor a release its retry', async () => {
      const a = held(await outbox.claim(msg(), 'a', t0, 60_000));
      const b = held(await outbox.claim(msg(), 'b', later(60_000), 60_000));
      assert.equal(await outbox.release(b, '503: connector unavailable'), true);
      const c = held(await outbox.claim(msg(), 'c', later(60_500), 60_000));
      assert.equal(await outbox.complete(a, { status: 'sent', recipientId: 'alex', note: 'via Teams' }, later(61_000)), false);
      assert.equal(await outbox.release(b, 'late twice'), false, 'a released claim is spent');
      const [entry] = await outbox.list('2026-10-01', '2026-10-01');
      assert.deepEqual([entry?.status, entry?.owner, entry?.attempts, entry?.note], ['claimed', 'c', 3, '503: connector unavailable']);
      assert.equal(await outbox.complete(c, { status: 'failed', recipientId: 'alex', note: '403' }, later(62_000)), true);
      assert.equal(await outbox.complete(a, { status: 'sent', recipientId: 'alex' }, later(63_000)), false);
      const [final] = await outbox.list('2026-10-01', '2026-10-01');
      assert.deepEqual([final?.status, final?.owner, final?.note], ['failed', 'c', '403']);
    });

    it('final keys: one planned date\'s sent, skipped, undeliverable and failed entries, not those claimed or pending', async () => {
      const on = (key: string, localDate = '2026-10-01') => ({ key, localDate, kind: 'reminder' });
      for (const status of ['sent', 'skipped', 'undeliverable', 'failed'] as const) {
        await outbox.complete(held(await outbox.claim(on(`k-${status}`), 'a', t0, 60_000)), { status, recipientId: 'alex' }, later(5));
      }
      held(await outbox.claim(on('k-claimed'), 'a', t0, 60_000));
      await outbox.release(held(await outbox.claim(on('k-pending'), 'a', t0, 60_000)), '503');
      await outbox.complete(held(await outbox.claim(on('k-other-day', '2026-10-02'), 'a', t0, 60_000)), { status: 'sent', recipientId: 'alex' }, later(5));
      assert.deepEqual((await outbox.finalKeys('2026-10-01')).sort(), ['k-failed', 'k-sent', 'k-skipped', 'k-undeliverable']);
      assert.deepEqual(await outbox.finalKeys('2026-10-02'), ['k-other-day']);
      assert.deepEqual(await outbox.finalKeys('2026-10-03'), []);
    });

    it('two instances on one store: what one completed is done for the other, even after the other remembered the date', async () => {
      const other = second();
      const m = msg();
      assert.deepEqual(await other.finalKeys(m.localDate), []);
      held(await other.claim(msg('k-warm'), 'b', t0, 60_000)); // b has read (and may remember) the date
      await outbox.complete(held(await outbox.claim(m, 'a', t0, 60_000)), { status: 'sent', recipientId: 'alex' }, later(5));
      assert.equal(await other.claim(m, 'b', later(10 * 60_000), 60_000), 'done');
      assert.equal(await outbox.claim(m, 'a', later(10 * 60_000), 60_000), 'done');
    });

    it('plan: written once before anything is sent, claimed like any entry, listed as still to send until final', async () => {
      const m = msg('welcome|kay-darby|lead of s/19|2026-10-01T08:00:00.000Z');
      assert.equal(await outbox.plan(m, 'kay-darby', t0), true);
      assert.equal(await outbox.plan(m, 'kay-darby', later(5)), false, 'a retried plan writes nothing new');
      const [planned] = await outbox.planned();
      assert.deepEqual([planned?.key, planned?.localDate, planned?.status, planned?.recipientId], [m.key, '2026-10-01', 'planned', 'kay-darby']);
      assert.deepEqual((await outbox.list('2026-10-01', '2026-10-01')).map((e) => e.status), ['planned']);
      const claim = held(await second().claim(m, 'b', later(10), 60_000));
      assert.equal(await outbox.claim(m, 'a', later(20), 60_000), 'busy', 'one owner at a time, as for any entry');
      assert.equal((await outbox.planned()).length, 1, 'still to send while it is being sent');
      assert.equal(await second().complete(claim, { status: 'sent', recipientId: 'kay-darby' }, later(30)), true);
      assert.deepEqual(await outbox.planned(), []);
      assert.equal(await outbox.claim(m, 'a', later(40), 60_000), 'done');
    });

    it('plan: the cycle\'s own entry for the same key comes first, and no second message is planned', async () => {
      const m = msg();
      await outbox.complete(held(await outbox.claim(m, 'cycle', t0, 60_000)), { status: 'sent', recipientId: 'alex' }, later(5));
      assert.equal(await outbox.plan(m, 'alex', later(10)), false);
      assert.deepEqual(await outbox.planned(), []);
    });

    it('cancel: a planned or pending entry, or one not written yet, is not sent; a live claim or a final entry is left as it is', async () => {
      const planned = msg('reminder|s/19|2026-Q3|open|alex');
      await outbox.plan(planned, 'alex', t0);
      assert.equal(await outbox.cancel(planned, 'alex no longer leads s/19', later(1), 60_000), true);
      assert.equal(await second().claim(planned, 'b', later(2), 60_000), 'cancelled');
      assert.deepEqual(await outbox.planned(), []);
      const [entry] = await outbox.list('2026-10-01', '2026-10-01');
      assert.deepEqual([entry?.status, entry?.note], ['cancelled', 'alex no longer leads s/19']);
      assert.equal(await outbox.cancel(planned, 'again', later(3), 60_000), false);

      const pending = msg('k-pending');
      await outbox.release(held(await outbox.claim(pending, 'a', t0, 60_000)), '503');
      assert.equal(await outbox.cancel(pending, 'removed', later(1), 60_000), true);
      assert.equal(await outbox.claim(pending, 'a', later(2), 60_000), 'cancelled');

      // A step the cycle has not reached yet: an instance still reading the old lead finds it cancelled.
      const ahead = { key: 'nudge|s/19|2026-Q3|due-3wd|alex', localDate: '2026-10-09', kind: 'nudge' };
      assert.equal(await outbox.cancel(ahead, 'removed', later(1), 60_000), true);
      assert.equal(await second().claim(ahead, 'b', new Date('2026-10-09T08:30:00Z'), 60_000), 'cancelled');

      const sending = msg('k-sending');
      const claim = held(await outbox.claim(sending, 'a', t0, 60_000));
      assert.equal(await outbox.cancel(sending, 'removed', later(1_000), 60_000), false, 'a send in flight is not undone');
      assert.equal(await outbox.complete(claim, { status: 'sent', recipientId: 'alex' }, later(2_000)), true);
      assert.equal(await outbox.cancel(sending, 'removed', later(3_000), 60_000), false, 'sent stays sent');
      assert.deepEqual(await outbox.finalKeys('2026-10-01'), ['k-sending'], 'cancelled is never remembered as final');
    });

    it('reopen: a cancelled entry may go after all (its lead is back), on every instance; anything else is left alone', async () => {
      const other = second();
      const m = msg();
      assert.deepEqual(await other.finalKeys(m.localDate), []);
      await outbox.cancel(m, 'removed', t0, 60_000);
      assert.equal(await other.claim(m, 'b', later(1), 60_000), 'cancelled');
      assert.equal(await outbox.reopen(m), true);
      assert.equal(await outbox.reopen(m), false);
      const claim = held(await other.claim(m, 'b', later(2), 60_000));
      assert.equal(await outbox.reopen(m), false, 'a claimed entry is not reopened');
      assert.equal(await other.complete(claim, { status: 'sent', recipientId: 'alex' }, later(3)), true);
      assert.equal(await outbox.claim(m, 'a', later(4), 60_000), 'done');
    });

    it('lists entries by planned date, inclusive, with their outcome', async () => {
      for (const d of ['2026-09-30', '2026-10-01', '2026-10-02', '2026-10-03']) {
        const m = { key: `k-${d}`, localDate: d, kind: 'nudge' };
        await outbox.complete(held(await outbox.claim(m, 'a', t0, 60_000)), { status: 'sent', recipientId: 'alex' }, later(5));
      }
      const listed = await outbox.list('2026-10-01', '2026-10-02');
      assert.deepEqual(listed.map((e) => e.localDate).sort(), ['2026-10-01', '2026-10-02']);
      assert.ok(listed.every((e) => e.status === 'sent' && e.recipientId === 'alex' && e.kind === 'nudge' && e.sentAt === later(5).toISOString()));
    });

    it('cover: one absence per person, replaced by a new one, cleared by "back"', async () => {
      await cover.set({ personId: 'alex', until: '2026-12-01', deputyId: 'megan', setAt: t0.toISOString() });
      await cover.set({ personId: 'bo', until: '2026-11-01', setAt: t0.toISOString() });
      await cover.set({ personId: 'alex', until: '2026-12-18', setAt: later(1).toISOString() });
      const all = (await cover.list()).sort((a, b) => a.personId.localeCompare(b.personId));
      assert.deepEqual(all, [
        { personId: 'alex', until: '2026-12-18', setAt: later(1).toISOString() },
        { personId: 'bo', until: '2026-11-01', setAt: t0.toISOString() },
      ]);
      await cover.clear('alex');
      await cover.clear('nobody');
      assert.deepEqual((await cover.list()).map((c) => c.personId), ['bo']);
    });
  });
}
