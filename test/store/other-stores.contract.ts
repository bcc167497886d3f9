import { strict as assert } from 'node:assert';
import type { ConversationStore, PersonStore, ReachStore, SeedLedger, StrategyStore } from '../../src/domain/ports';
import type { Priority, Strategy } from '../../src/domain/strategy';

export interface StoreSet {
  strategies: StrategyStore;
  people: PersonStore;
  conversations: ConversationStore;
  ledger: SeedLedger;
  reach: ReachStore;
  done(): Promise<void>;
}

const strategy = (key: string): Strategy => ({ key, title: `Strategy ${key}`, board: 'Board', area: 'Area', years: { from: 2022, to: 2027 }, reportingFrequency: 'quarterly', themes: [{ key: 't', title: 'Theme' }], plusGroups: [], sources: ['x'], kpis: [] });

const priority = (strategyKey: string, key: string, over: Partial<Priority> = {}): Priority => ({
  strategyKey,
  key,
  number: key,
  title: `We will do ${key}`,
  themeKey: 't',
  kind: 'priority',
  status: 'active',
  contacts: [],
  frequency: 'quarterly',
  kpis: [],
  leads: ['alex'],
  deputies: [],
  ...over,
});

/** Contracts of the smaller ports; every implementation runs them. */
export function otherStoresContract(name: string, make: () => Promise<StoreSet>): void {
  describe(`StrategyStore, PersonStore, ConversationStore, SeedLedger contracts: ${name}`, () => {
    let s: StoreSet;
    beforeEach(async () => (s = await make()));
    afterEach(async () => s.done());

    it('strategies and priorities round-trip, and priorities list per strategy', async () => {
      await s.strategies.putStrategy(strategy('b'));
      await s.strategies.putStrategy(strategy('a'));
      assert.deepEqual((await s.strategies.listStrategies()).map((x) => x.key), ['a', 'b']);
      assert.deepEqual(await s.strategies.getStrategy('a'), strategy('a'));
      assert.equal(await s.strategies.getStrategy('zz'), undefined);
      await s.strategies.putPriority(priority('a', '1'));
      await s.strategies.putPriority(priority('a', '2'));
      await s.strategies.putPriority(priority('b', '1'));
      assert.equal((await s.strategies.listPriorities('a')).length, 2);
      assert.equal((await s.strategies.listPriorities()).length, 3);
      assert.deepEqual(await s.strategies.getPriority('b', '1'), priority('b', '1'));
    });

    it('a priority larger than one table property (64 KiB) round-trips', async () => {
      const big = priority('a', 'big', { actions: Array.from({ length: 40 }, (_, i) => `Action ${i} `.repeat(200)) });
      await s.strategies.putPriority(big);
      assert.deepEqual(await s.strategies.getPriority('a', 'big'), big);
    });

    it('putting a priority again replaces it', async () => {
      await s.strategies.putPriority(priority('a', '1', { leads: ['alex'] }));
      await s.strategies.putPriority(priority('a', '1', { leads: ['megan'] }));
      assert.deepEqual((await s.strategies.getPriority('a', '1'))?.leads, ['megan']);
    });

    it('people round-trip with optional fields absent', async () => {
      await s.people.putPerson({ id: 'alex', name: 'Alex', email: 'a@example.com', aadObjectId: 'abc-123', organisation: 'Leicester City Council', boardManager: true });
      assert.equal((await s.people.getPerson('alex'))?.organisation, 'Leicester City Council');
      await s.people.putPerson({ id: 'bo', name: 'Bo', boardManager: false });
      assert.deepEqual(await s.people.getPerson('bo'), { id: 'bo', name: 'Bo', boardManager: false });
      assert.equal((await s.people.listPeople()).length, 2);
      assert.equal(await s.people.getPerson('nobody'), undefined);
    });

    it('conversation references round-trip and are replaced on reinstall', async () => {
      await s.conversations.put({ key: 'user:abc', personId: 'alex', reference: { serviceUrl: 'https://smba/', conversation: { id: 'a:1' } }, updatedAt: '2026-01-01T00:00:00Z' });
      await s.conversations.put({ key: 'user:abc', personId: 'alex', reference: { serviceUrl: 'https://smba/', conversation: { id: 'a:2' } }, updatedAt: '2026-01-02T00:00:00Z', origin: 'roster' });
      const r = await s.conversations.get('user:abc');
      assert.deepEqual(r?.reference, { serviceUrl: 'https://smba/', conversation: { id: 'a:2' } });
      assert.equal(r?.origin, 'roster');
      assert.equal((await s.conversations.list()).length, 1);
      assert.equal(await s.conversations.get('user:none'), undefined);
    });

    it('a chat is marked welcomed once, of many racing writers, until the app is removed', async () => {
      const at = '2026-01-01T00:00:00Z';
      const racing = await Promise.all([1, 2, 3, 4].map(() => s.conversations.markWelcomed('user:abc', at)));
      assert.deepEqual(racing.filter(Boolean).length, 1);
      assert.equal(await s.conversations.markWelcomed('user:abc', at), false);
      assert.equal(await s.conversations.markWelcomed('user:other', at), true, 'another chat is its own install');
      await s.conversations.clearWelcomed('user:abc');
      await s.conversations.clearWelcomed('user:never-welcomed');
      assert.equal(await s.conversations.markWelcomed('user:abc', at), true, 'a reinstall after removal is welcomed again');
    });

    it('reach records round-trip (teams, member id, last failure) and are replaced per person', async () => {
      await s.reach.put({ personId: 'alex', teams: ['19:t1', '19:t2'], memberId: '29:alex', lastFailure: { at: '2026-01-01T00:00:00Z', note: '403: not in tenant' }, updatedAt: '2026-01-01T00:00:00Z' });
      await s.reach.put({ personId: 'bo', teams: [], updatedAt: '2026-01-01T00:00:00Z' });
      assert.deepEqual(await s.reach.get('alex'), { personId: 'alex', teams: ['19:t1', '19:t2'], memberId: '29:alex', lastFailure: { at: '2026-01-01T00:00:00Z', note: '403: not in tenant' }, updatedAt: '2026-01-01T00:00:00Z' });
      await s.reach.put({ personId: 'alex', teams: ['19:t1'], memberId: '29:alex', updatedAt: '2026-01-02T00:00:00Z' });
      assert.deepEqual(await s.reach.get('alex'), { personId: 'alex', teams: ['19:t1'], memberId: '29:alex', updatedAt: '2026-01-02T00:00:00Z' });
      assert.deepEqual((await s.reach.list()).map((r) => r.personId).sort(), ['alex', 'bo']);
      assert.equal(await s.reach.get('nobody'), undefined);
    });

    it('the seed ledger remembers the last hash', async () => {
      assert.equal(await s.ledger.lastLoaded('seeds'), undefined);
      await s.ledger.recordLoaded('seeds', 'h1', '2026-01-01T00:00:00Z');
      await s.ledger.recordLoaded('seeds', 'h2', '2026-01-02T00:00:00Z');
      assert.equal(await s.ledger.lastLoaded('seeds'), 'h2');
    });
  });
}
