// restify is loaded on purpose: it patches http.IncomingMessage, which once made the embedded
// Azurite ignore every $filter (see shieldQueryParsing). These suites must pass with it loaded.
import 'restify';
import { strict as assert } from 'node:assert';
import { AzureTables, keyPart, fromKeyPart, jsonColumns, listAll, readJsonColumns } from '../../src/store/azure-tables/tables';
import { AzureTablesOutbox, outboxPartition } from '../../src/store/azure-tables/azure-tables-outbox';
import type { OutboxClaim } from '../../src/domain/ports';
import { openStorage } from '../../src/store/open-storage';
import { RememberedOutbox } from '../../src/store/remembered-outbox';
import { fromRow, toRow } from '../../src/store/azure-tables/azure-tables-check-in-store';
import { startAzurite } from '../../src/store/azurite-embedded';
import { CachedCalendarStore, CachedPersonStore, CachedStrategyStore } from '../../src/store/read-cache';
import { freshStorage, testConnectionString, uniquePrefix } from '../support/storage';
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
  return { outbox: s.outbox, cover: s.cover, done: () => s.tables.dropTables(), second: () => new RememberedOutbox(new AzureTablesOutbox(s.tables)) };
});

outboxAndCoverContract('Azure Tables on Azurite, without the memory of final entries', async () => {
  const s = await freshStorage();
  return { outbox: new AzureTablesOutbox(s.tables), cover: s.cover, done: () => s.tables.dropTables() };
});

describe('the outbox of the first layout (table outbox, one partition a day)', () => {
  it('is moved once at start, each row as it stood: sent stays done, pending is sent, a live claim stays busy; a second start moves nothing', async () => {
    const prefix = uniquePrefix();
    const tables = new AzureTables({ connectionString: testConnectionString(), prefix });
    const old = tables.clientByName('outbox');
    await old.createTable();
    const row = (key: string, fields: Record<string, unknown>) => ({ partitionKey: keyPart('2026-10-01'), rowKey: keyPart(key), key, kind: 'reminder', owner: 'old', claimedAt: '2026-10-01T08:00:00.000Z', attempts: 1, ...fields });
    await old.createEntity(row('reminder|s/1|2026-Q3|open|alex', { status: 'sent', sentAt: '2026-10-01T08:00:01.000Z', recipientId: 'alex', note: 'via Teams' }));
    await old.createEntity(row('reminder|s/2|2026-Q3|open|bo', { status: 'pending', note: '503' }));
    await old.createEntity(row('reminder|s/3|2026-Q3|open|cy', { status: 'claimed' }));
    const open = () => openStorage({ storageConnectionString: testConnectionString(), dataDir: '', tablePrefix: prefix });
    const s = await open();
    try {
      const ref = (key: string) => ({ key, localDate: '2026-10-01', kind: 'reminder' });
      const at = new Date('2026-10-01T08:00:30.000Z');
      assert.equal(await s.outbox.claim(ref('reminder|s/1|2026-Q3|open|alex'), 'new', at, 60_000), 'done');
      assert.equal(await s.outbox.claim(ref('reminder|s/3|2026-Q3|open|cy'), 'new', at, 60_000), 'busy', 'the old owner\'s lease still runs');
      const pending = await s.outbox.claim(ref('reminder|s/2|2026-Q3|open|bo'), 'new', at, 60_000);
      assert.ok(typeof pending === 'object');
      const moved = (await s.outbox.list('2026-10-01', '2026-10-01')).sort((a, b) => a.key.localeCompare(b.key));
      assert.deepEqual(moved.map((e) => [e.status, e.owner, e.attempts, e.note ?? null]), [['sent', 'old', 1, 'via Teams'], ['claimed', 'new', 2, '503'], ['claimed', 'old', 1, null]]);
      assert.equal(moved[0]!.sentAt, '2026-10-01T08:00:01.000Z');
      assert.deepEqual(await listAll(old), [], 'the old rows are gone');
      assert.equal(await new AzureTablesOutbox(s.tables).adoptFirstLayout(), 0, 'a second start moves nothing');
    } finally {
      await s.tables.dropTables();
      await old.deleteTable();
    }
  });

  it('a move cut short and run again keeps what the new layout has since written', async () => {
    const s = await freshStorage();
    const old = s.tables.clientByName('outbox');
    try {
      await old.createTable();
      const key = 'nudge|s/1|2026-Q3|nudge|alex';
      await old.createEntity({ partitionKey: keyPart('2026-10-01'), rowKey: keyPart(key), key, kind: 'nudge', status: 'pending', owner: 'old', claimedAt: '2026-10-01T08:00:00.000Z', attempts: 1 });
      // The first move copied the row and stopped before deleting it; the row was then sent.
      const outbox = new AzureTablesOutbox(s.tables);
      await s.tables.client('outbox2').createEntity({ partitionKey: outboxPartition('2026-10-01', key), rowKey: keyPart(key), key, kind: 'nudge', status: 'sent', owner: 'new', claimedAt: '2026-10-01T08:01:00.000Z', attempts: 2 });
      assert.equal(await outbox.adoptFirstLayout(), 1);
      const [entry] = await outbox.list('2026-10-01', '2026-10-01');
      assert.deepEqual([entry?.status, entry?.owner], ['sent', 'new']);
      assert.deepEqual(await listAll(old), []);
    } finally {
      await s.tables.dropTables();
      await old.deleteTable();
    }
  });

  it('a day of the new layout spans its 256 shards, and lists apart from the days beside it', async () => {
    const s = await freshStorage();
    try {
      const outbox = new AzureTablesOutbox(s.tables);
      const keys = Array.from({ length: 100 }, (_, i) => `reminder|s/${i}|2026-Q3|open|lead-${i}`);
      const shards = new Set(keys.map((k) => outboxPartition('2026-10-01', k)));
      assert.ok(shards.size > 60, `100 keys over 256 shards fill about 80; these filled ${shards.size}`);
      const t = new Date('2026-10-01T08:00:00Z');
      for (const d of ['2026-09-30', '2026-10-01', '2026-10-02']) {
        for (let i = 0; i < keys.length; i += 50) await Promise.all(keys.slice(i, i + 50).map(async (key) => outbox.complete((await outbox.claim({ key, localDate: d, kind: 'reminder' }, 'a', t, 60_000)) as OutboxClaim, { status: 'sent' }, t)));
      }
      assert.equal((await outbox.finalKeys('2026-10-01')).length, 100);
      assert.equal((await outbox.list('2026-10-01', '2026-10-02')).length, 200);
    } finally {
      await s.tables.dropTables();
    }
  });
});

boardCalendarStoreContract('Azure Tables on Azurite', async () => {
  const s = await freshStorage();
  return { calendars: s.calendars, done: () => s.tables.dropTables() };
});

boardCalendarStoreContract('Azure Tables on Azurite, through the read cache', async () => {
  const s = await freshStorage();
  return { calendars: new CachedCalendarStore(s.calendars), done: () => s.tables.dropTables() };
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
      // A change about to be worked out drops the copy: the next read is from storage, within the TTL.
      await s.people.putPerson({ id: 'alex', name: 'Alex Wilber-Jones', boardManager: true });
      now = 32_000;
      assert.equal((await cached.getPerson('alex'))?.name, 'Alex W.');
      cached.dropCached();
      assert.equal((await cached.getPerson('alex'))?.name, 'Alex Wilber-Jones');
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
