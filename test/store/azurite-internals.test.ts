import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import TableServer from 'azurite/dist/src/table/TableServer';
import TableConfiguration from 'azurite/dist/src/table/TableConfiguration';

/**
 * The table journal (src/store/azurite-embedded.ts, table-journal.ts) reaches into Azurite's
 * private parts: its LokiJS database, LokiJS's persistence adapter and change events, the HTTP
 * server, the configuration's positional arguments. None of that is Azurite's public API, so an
 * upgrade may move it without a word. These tests name each part the journal relies on and fail
 * saying which one changed, before the journal silently stops journalling.
 */
const AZURITE_VERSION = (JSON.parse(readFileSync(require.resolve('azurite/package.json'), 'utf8')) as { version: string }).version;
const LOKI_VERSION = (JSON.parse(readFileSync(require.resolve('lokijs/package.json', { paths: [require.resolve('azurite/package.json')] }), 'utf8')) as { version: string }).version;
const CHECKED = `checked against azurite 3.35.0 with lokijs 1.5.12; installed: azurite ${AZURITE_VERSION}, lokijs ${LOKI_VERSION}. Read src/store/azurite-embedded.ts before upgrading`;

type Loki = Record<string, unknown> & { collections: Record<string, unknown>[]; persistenceAdapter: Record<string, unknown> | null };

/** Builds the server exactly as startAzurite does (16 positional arguments), without starting it. */
function tableServer(dataDir: string | undefined): { server: TableServer; config: Record<string, unknown> } {
  const dbPath = join(dataDir ?? tmpdir(), '__azurite_db_table__.json');
  const config = new TableConfiguration('127.0.0.1', 0, undefined, dbPath, false, false, undefined, undefined, false, false, '', '', '', undefined, false, dataDir === undefined);
  return { server: new TableServer(config), config: config as unknown as Record<string, unknown> };
}

function lokiOf(server: TableServer): Loki {
  const store = (server as unknown as { metadataStore?: { db?: Loki } }).metadataStore;
  assert.ok(store, `TableServer has no metadataStore any more (${CHECKED})`);
  assert.ok(store.db, `TableServer.metadataStore has no LokiJS db any more (${CHECKED})`);
  return store.db;
}

describe('the Azurite internals the table journal relies on', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'hwb-azurite-internals-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('TableConfiguration still takes the database path 4th and "in memory" 16th', () => {
    const { config } = tableServer(dir);
    assert.equal(config.metadataDBPath, join(dir, '__azurite_db_table__.json'), `TableConfiguration's 4th argument is no longer the database path (${CHECKED})`);
    assert.equal(config.isMemoryPersistence, false, `TableConfiguration's 16th argument is no longer "in memory" (${CHECKED})`);
    assert.equal(tableServer(undefined).config.isMemoryPersistence, true, `TableConfiguration's 16th argument is no longer "in memory" (${CHECKED})`);
  });

  it('TableServer keeps its Node http.Server as httpServer, where the journal holds every answer', () => {
    const { server } = tableServer(dir);
    const http = (server as unknown as { httpServer?: unknown }).httpServer;
    assert.ok(http instanceof Server, `TableServer.httpServer is not a Node http.Server any more: answers would not be held until durable (${CHECKED})`);
    for (const m of ['start', 'close', 'getHttpServerAddress'] as const) assert.equal(typeof (server as unknown as Record<string, unknown>)[m], 'function', `TableServer.${m}() is gone (${CHECKED})`);
  });

  it('its LokiJS database has the methods the journal wraps, and a file persistence adapter it can replace', () => {
    const db = lokiOf(tableServer(dir).server);
    for (const m of ['serialize', 'saveDatabase', 'addCollection', 'removeCollection', 'getCollection', 'autosaveDisable', 'autosaveEnable']) {
      assert.equal(typeof db[m], 'function', `LokiJS db.${m}() is gone (${CHECKED})`);
    }
    assert.ok(Array.isArray(db.collections), `LokiJS db.collections is not an array any more (${CHECKED})`);
    const adapter = db.persistenceAdapter;
    assert.ok(adapter, `Azurite's LokiJS has no persistenceAdapter on a data folder: snapshots would bypass the journal (${CHECKED})`);
    assert.equal(typeof adapter.loadDatabase, 'function', `the persistence adapter has no loadDatabase (${CHECKED})`);
    assert.equal(typeof adapter.saveDatabase, 'function', `the persistence adapter has no saveDatabase(name, data, cb): the journal cannot rotate at the snapshot's instant (${CHECKED})`);
  });

  it('a save serialises, then hands the string to the adapter in the same tick (the instant the journal rotates)', async () => {
    const db = lokiOf(tableServer(dir).server) as Loki & { serialize(): string; saveDatabase(cb: (err?: unknown) => void): void; addCollection(name: string): { insert(doc: object): void } };
    db.addCollection('probe').insert({ PartitionKey: 'p', RowKey: 'r' });
    let sameTick = false;
    const order: string[] = [];
    const serialize = db.serialize.bind(db);
    db.serialize = () => {
      order.push('serialize');
      sameTick = true;
      queueMicrotask(() => (sameTick = false));
      return serialize();
    };
    let handed: unknown;
    db.persistenceAdapter = {
      loadDatabase: (_name: string, cb: (data: unknown) => void) => cb(null),
      saveDatabase: (_name: string, data: string, cb: (err?: unknown) => void) => {
        order.push(sameTick ? 'adapter (same tick)' : 'adapter (later)');
        handed = data;
        cb();
      },
    };
    await new Promise<void>((resolve, reject) => db.saveDatabase((err) => (err ? reject(err as Error) : resolve())));
    assert.deepEqual(order, ['serialize', 'adapter (same tick)'], `LokiJS no longer hands the serialised database to the adapter synchronously: a change between the two would be in neither the snapshot nor the next journal segment (${CHECKED})`);
    assert.equal(typeof handed, 'string', `the adapter is no longer given the serialised database as a string (${CHECKED})`);
    assert.match(handed as string, /"name":"probe"/);
  });

  it('collections announce insert, update and delete with the row (the journal records each)', () => {
    const db = lokiOf(tableServer(dir).server) as unknown as { addCollection(name: string): { on(e: string, l: (d: unknown) => void): void; insert(d: object): Record<string, unknown>; update(d: object): void; remove(d: object): void } };
    const coll = db.addCollection('events');
    const seen: [string, unknown][] = [];
    for (const e of ['insert', 'update', 'delete']) coll.on(e, (d) => seen.push([e, (d as { RowKey?: unknown }).RowKey]));
    const row = coll.insert({ PartitionKey: 'p', RowKey: 'r', v: 1 });
    row.v = 2;
    coll.update(row);
    coll.remove(row);
    assert.deepEqual(seen, [['insert', 'r'], ['update', 'r'], ['delete', 'r']], `LokiJS collection events changed: changes would go unjournalled (${CHECKED})`);
  });

  it("Azurite's table store changes rows only through the LokiJS calls the journal watches", () => {
    // LokiJS 1.5's calls that change data. The journal sees the watched ones (a query chain's
    // remove()/update() go through the collection's, so they are seen too); the others change
    // rows, or the whole database, without the events it listens to.
    const watched = new Set(['insert', 'update', 'remove', 'addCollection', 'removeCollection']);
    const unwatched = ['findAndRemove', 'findAndUpdate', 'removeWhere', 'updateWhere', 'clear', 'removeDataOnly', 'batchInsert', 'insertOne', 'loadJSON', 'loadJSONObject'];
    const source = readFileSync(require.resolve('azurite/dist/src/table/persistence/LokiTableMetadataStore.js'), 'utf8');
    const calls = new Set([...source.matchAll(/\.(\w+)\(/g)].map((m) => m[1]!));
    const bypassing = unwatched.filter((m) => calls.has(m));
    assert.deepEqual(bypassing, [], `Azurite's LokiTableMetadataStore now calls ${bypassing.join(', ')}: changes the journal does not see (${CHECKED})`);
    for (const m of watched) assert.ok(calls.has(m), `Azurite's LokiTableMetadataStore no longer calls ${m}(): the journal's picture of how rows change is out of date (${CHECKED})`);
  });
});
