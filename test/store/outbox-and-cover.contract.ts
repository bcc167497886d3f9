import { strict as assert } from 'node:assert';
import type { CoverStore, OutboxLedger } from '../../src/domain/ports';

/** Contracts of the outbox ledger and the cover store; every implementation runs them. */
export function outboxAndCoverContract(name: string, make: () => Promise<{ outbox: OutboxLedger; cover: CoverStore; done(): Promise<void> }>): void {
  describe(`OutboxLedger and CoverStore contracts: ${name}`, () => {
    let outbox: OutboxLedger;
    let cover: CoverStore;
    let done: () => Promise<void>;
    beforeEach(async () => ({ outbox, cover, done } = await make()));
    afterEach(async () => done());

    const t0 = new Date('2026-10-01T08:00:00Z');
    const later = (ms: number) => new Date(t0.getTime() + ms);
    const msg = (key = 'reminder|s/19|2026-Q3|open|alex') => ({ key, localDate: '2026-10-01', kind: 'reminder' });

    it('the first claim wins; another owner is told busy while the lease runs', async () => {
      assert.equal(await outbox.claim(msg(), 'a', t0, 60_000), 'claimed');
      assert.equal(await outbox.claim(msg(), 'b', later(1_000), 60_000), 'busy');
      assert.equal(await outbox.claim(msg(), 'a', later(2_000), 60_000), 'busy', 'even its owner does not claim it twice');
    });

    it('a completed message is done for everyone, whatever its outcome', async () => {
      for (const status of ['sent', 'skipped', 'undeliverable', 'failed'] as const) {
        const m = msg(`k-${status}`);
        assert.equal(await outbox.claim(m, 'a', t0, 60_000), 'claimed');
        await outbox.complete(m, { status, recipientId: 'alex', note: 'why' }, later(10));
        assert.equal(await outbox.claim(m, 'b', later(10 * 60_000), 60_000), 'done');
      }
    });

    it('a claim whose owner died is taken over after the lease, once', async () => {
      assert.equal(await outbox.claim(msg(), 'dead', t0, 60_000), 'claimed');
      assert.equal(await outbox.claim(msg(), 'b', later(60_000), 60_000), 'claimed');
      assert.equal(await outbox.claim(msg(), 'c', later(60_001), 60_000), 'busy');
      const [entry] = await outbox.list('2026-10-01', '2026-10-01');
      assert.equal(entry?.owner, 'b');
      assert.equal(entry?.attempts, 2);
    });

    it('a released claim can be claimed again at once (the next tick retries it)', async () => {
      assert.equal(await outbox.claim(msg(), 'a', t0, 60_000), 'claimed');
      await outbox.release(msg(), '503: connector unavailable');
      const [pending] = await outbox.list('2026-10-01', '2026-10-01');
      assert.equal(pending?.status, 'pending');
      assert.equal(pending?.note, '503: connector unavailable');
      assert.equal(await outbox.claim(msg(), 'b', later(1), 60_000), 'claimed');
    });

    it('lists entries by planned date, inclusive, with their outcome', async () => {
      for (const d of ['2026-09-30', '2026-10-01', '2026-10-02', '2026-10-03']) {
        const m = { key: `k-${d}`, localDate: d, kind: 'nudge' };
        await outbox.claim(m, 'a', t0, 60_000);
        await outbox.complete(m, { status: 'sent', recipientId: 'alex' }, later(5));
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
