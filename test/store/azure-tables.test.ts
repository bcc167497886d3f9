// restify is loaded on purpose: it patches http.IncomingMessage, which once made the embedded
// Azurite ignore every $filter (see shieldQueryParsing). These suites must pass with it loaded.
import 'restify';
import { strict as assert } from 'node:assert';
import { AzureTables, keyPart, fromKeyPart, jsonColumns, readJsonColumns } from '../../src/store/azure-tables/tables';
import { fromRow, toRow } from '../../src/store/azure-tables/azure-tables-check-in-store';
import { startAzurite } from '../../src/store/azurite-embedded';
import { CachedPersonStore, CachedStrategyStore } from '../../src/store/read-cache';
import { freshStorage } from '../support/storage';
import { boardCalendarStoreContract } from './board-calendar.contract';
import { boardPeopleContract, changeLogContract } from './change-log.contract';
import { checkInStoreContract } from './check-in-store.contract';
import { otherStoresContract } from './other-stores.contract';
import { outboxAndCoverContract } from './outbox-and-cover.contract';

describe('latest-state rows for answers stored before they existed', () => {
  it('are built once at start from the current answers, and a second run builds none', async () => {
    const s = await freshStorage();
    try {
      const base = { strategyKey: 's', update: 'u', plusGroups: {}, kpiReadings: {}, submittedBy: 'x', submittedByName: 'X', submittedAt: '2026-01-01T00:00:00.000Z' };
      await s.checkIns.save({ ...base, priorityKey: '1', period: '2026-Q1', rag: 'amber', submissionId: 'm-1-aaaaaaaa' }, 0);
      await s.checkIns.save({ ...base, priorityKey: '1', period: '2026-Q2', rag: 'amber', kpiReadings: { k: 3 }, submissionId: 'm-2-aaaaaaaa' }, 0);
      await s.checkIns.save({ ...base, priorityKey: '2', period: '2026-Q2', rag: 'red', submissionId: 'm-3-aaaaaaaa' }, 0);
      const expected = await s.checkIns.states('s');
      // As data from before this change: the state rows are not there.
      for (const pk of ['s|1', 's|2']) await s.tables.client('checkins').deleteEntity(pk, '~state');
      assert.deepEqual(await s.checkIns.states('s'), []);
      assert.equal(await s.checkIns.buildMissingStates(), 2);
      assert.deepEqual(await s.checkIns.states('s'), expected);
      assert.equal(await s.checkIns.buildMissingStates(), 0, 'idempotent');
    } finally {
      await s.tables.dropTables();
    }
  });
});

checkInStoreContract('Azure Tables on Azurite', async () => {
  const s = await freshStorage();
  return { store: s.checkIns, done: () => s.tables.dropTables() };
});

otherStoresContract('Azure Tables on Azurite', async () => {
  const s = await freshStorage();
  return { ...s, done: () => s.tables.dropTables() };
});

outboxAndCoverContract('Azure Tables on Azurite', async () => {
  const s = await freshStorage();
  return { outbox: s.outbox, cover: s.cover, done: () => s.tables.dropTables() };
});

boardCalendarStoreContract('Azure Tables on Azurite', async () => {
  const s = await freshStorage();
  return { calendars: s.calendars, done: () => s.tables.dropTables() };
});

changeLogContract('Azure Tables on Azurite', async () => {
  const s = await freshStorage();
  return { changes: s.changes, done: () => s.tables.dropTables() };
});

otherStoresContract('the in-memory read cache over Azure Tables', async () => {
  const s = await freshStorage();
  return { ...s, strategies: new CachedStrategyStore(s.strategies), people: new CachedPersonStore(s.people), done: () => s.tables.dropTables() };
});

describe('the read cache', () => {
  it('serves from memory, sees another instance\'s write once its snapshot is older than the TTL, and drops its snapshot on its own writes', async () => {
    const s = await freshStorage();
    try {
      let now = 0;
      let scans = 0;
      let secondScan: () => void = () => {};
      const refreshed = new Promise<void>((r) => (secondScan = r));
      const listPeople = async () => {
        scans++;
        const people = await s.people.listPeople();
        if (scans === 2) setImmediate(secondScan);
        return people;
      };
      const counting = { ...s.people, listPeople, putPerson: (p: Parameters<typeof s.people.putPerson>[0]) => s.people.putPerson(p), getPerson: (id: string) => s.people.getPerson(id) };
      const cached = new CachedPersonStore(counting, 30_000, () => now);
      await s.people.putPerson({ id: 'alex', name: 'Alex Wilber', boardManager: true });
      assert.equal((await cached.getPerson('alex'))?.name, 'Alex Wilber');
      await cached.listPeople();
      await cached.getPerson('nobody');
      assert.equal(scans, 1, 'one scan for three reads');
      // Another instance renames Alex; within the TTL this one still answers from memory.
      await s.people.putPerson({ id: 'alex', name: 'Alex W.', boardManager: true });
      now = 10_000;
      assert.equal((await cached.getPerson('alex'))?.name, 'Alex Wilber');
      // Past the TTL: the next read is served stale while a refresh runs; the one after sees it.
      now = 31_000;
      assert.equal((await cached.getPerson('alex'))?.name, 'Alex Wilber');
      await refreshed;
      assert.equal((await cached.getPerson('alex'))?.name, 'Alex W.');
      assert.equal(scans, 2);
      // A write through this instance is visible at once.
      await cached.putPerson({ id: 'megan', name: 'Megan Bowen', boardManager: false });
      assert.equal((await cached.getPerson('megan'))?.name, 'Megan Bowen');
    } finally {
      await s.tables.dropTables();
    }
  });
});

describe('Azure Tables mapping layer', () => {
  it('key parts are safe for any input and decode back', () => {
    for (const raw of ['a/b', 'c\\d', 'e#f', 'g?h', "it's", 'tab\tnew\nline', '100%', 'plain-key.1']) {
      const k = keyPart(raw);
      // eslint-disable-next-line no-control-regex -- control characters are exactly what keys may not contain
      assert.doesNotMatch(k, /[/\\#?\u0000-\u001f\u007f]/);
      assert.equal(fromKeyPart(k), raw);
    }
  });

  it('json columns split large values and join them back', () => {
    const value = { text: 'x'.repeat(70_000) };
    const cols = jsonColumns(value);
    assert.ok(Object.keys(cols).length >= 3);
    for (const v of Object.values(cols)) assert.ok(v.length <= 30_000);
    assert.deepEqual(readJsonColumns(cols), value);
  });

  it('check-in rows map both ways', () => {
    const c = { strategyKey: 's', priorityKey: 'p', period: '2026-Q1', rag: 'red' as const, update: 'u', plusGroups: { a: 'b' }, kpiReadings: { k: 1.5 }, submittedBy: 'x', submittedByName: 'X', submittedAt: 't', version: 3, submissionId: 'id' };
    assert.deepEqual(fromRow(toRow(c)), c);
  });

  it('a check-in marked "No change since last period" keeps the mark through its row', () => {
    const c = { strategyKey: 's', priorityKey: 'p', period: '2026-Q3', rag: 'green' as const, update: 'u', plusGroups: {}, kpiReadings: {}, submittedBy: 'x', submittedByName: 'X', submittedAt: 't', version: 1, submissionId: 'id', noChange: true };
    assert.equal(toRow(c).noChange, true);
    assert.deepEqual(fromRow(toRow(c)), c);
  });

  it('a table prefix that is not letters and digits is refused', () => {
    assert.throws(() => new AzureTables({ connectionString: 'UseDevelopmentStorage=true', prefix: 'bad-prefix' }), /letters and digits/);
  });
});

describe('embedded Azurite persistence', () => {
  it('data written before a clean close is there after a restart on the same folder', async function () {
    this.timeout(30_000);
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'hwb-azurite-'));
    try {
      const first = await startAzurite({ dataDir: dir });
      const t1 = new AzureTables({ connectionString: first.connectionString, prefix: 'p' });
      await t1.ensureTables();
      await t1.client('meta').createEntity({ partitionKey: 'x', rowKey: 'y', v: 42 });
      await first.close();
      const second = await startAzurite({ dataDir: dir });
      const t2 = new AzureTables({ connectionString: second.connectionString, prefix: 'p' });
      const e = await t2.client('meta').getEntity<{ v: number }>('x', 'y');
      assert.equal(e.v, 42);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
boardPeopleContract('Azure Tables on Azurite', async () => {
  const s = await freshStorage();
  return { boardPeople: s.boardPeople, done: () => s.tables.dropTables() };
});
