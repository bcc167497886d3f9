import { mkdirSync } from 'node:fs';
import type { Server, ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import TableServer from 'azurite/dist/src/table/TableServer';
import TableConfiguration from 'azurite/dist/src/table/TableConfiguration';
import { durableWrite, keyOf, readJournal, replay, TableJournal, type JournalOptions, type JournalRecord, type LokiCollection, type LokiDb } from './table-journal';

/** The well-known Azurite development account (public, documented by Microsoft; not a secret). */
export const DEV_ACCOUNT = 'devstoreaccount1';
export const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface EmbeddedAzurite {
  connectionString: string;
  /** Stops listening, saves the whole database and empties the journal. */
  close(): Promise<void>;
  /** With a data folder and the journal: what start found and replayed, and the snapshots taken since. */
  journal?: JournalStats;
}

export interface JournalStats {
  replayedRecords: number;
  replayedSegments: number;
  /** A half-written last record was found (and dropped) at start: the previous run was killed. */
  tornTail: boolean;
  snapshots: number;
  /** Milliseconds the event loop was held serialising each snapshot (LokiJS's save is synchronous). */
  snapshotSerialiseMs: number[];
}

export interface AzuriteOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Folder for the table database; omitted = in memory (tests). */
  dataDir?: string;
  /**
   * With a data folder: every change is journalled and on disk (fdatasync) before Azurite answers
   * the request that made it. Default true; false gives Azurite's own behaviour (a whole-database
   * save every 5 s, so a kill loses what was acknowledged since), kept for the benchmark.
   */
  journal?: boolean;
  /**
   * With the journal: take a snapshot (LokiJS's whole-database save, which empties the journal)
   * once the journal holds this many bytes, or as many as the last snapshot, whichever is more.
   * Each snapshot then costs at most about what was written since, however large the database.
   */
  snapshotAfterBytes?: number;
  /** With the journal: also take a snapshot this often while anything changed (off by default). */
  snapshotEveryMs?: number;
  /** Without the journal: Azurite's autosave interval (its default is 5,000 ms). */
  autosaveMs?: number;
  /** Tests only: replaces fdatasync, to observe the order of events. */
  journalSync?: JournalOptions['sync'];
}

const DEFAULT_SNAPSHOT_AFTER_BYTES = 8 * 1024 * 1024;

/**
 * Starts Azurite's Table service in this process. `require('azurite')` pulls in VS Code
 * modules; the table server's own modules load cleanly and start in milliseconds.
 */
export async function startAzurite(options: AzuriteOptions = {}): Promise<EmbeddedAzurite> {
  const host = options.host ?? '127.0.0.1';
  const inMemory = options.dataDir === undefined;
  let dbPath = join(resolve('.'), '__azurite_table__.json');
  if (options.dataDir !== undefined) {
    mkdirSync(options.dataDir, { recursive: true });
    dbPath = join(resolve(options.dataDir), '__azurite_db_table__.json');
  }
  const config = new TableConfiguration(host, options.port ?? 0, undefined, dbPath, false, false, undefined, undefined, false, false, '', '', '', undefined, false, inMemory);
  const server = new TableServer(config);
  shieldQueryParsing(server);
  const durable = options.dataDir !== undefined && options.journal !== false ? new DurableTables(server, resolve(options.dataDir), options) : undefined;
  await server.start();
  try {
    await durable?.afterStart();
  } catch (e) {
    // Stop listening without saving: the database file and the journal stay as they were.
    (lokiOf(server) as LokiDb & { autosave: boolean }).autosave = false;
    await server.close();
    throw e;
  }
  if (options.dataDir !== undefined && options.journal === false && options.autosaveMs !== undefined) {
    const db = lokiOf(server) as LokiDb & { autosaveInterval: number; autosaveEnable(): void };
    db.autosaveDisable();
    db.autosaveInterval = options.autosaveMs;
    db.autosaveEnable();
  }
  const address = server.getHttpServerAddress(); // e.g. http://127.0.0.1:54321
  const connectionString = `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};TableEndpoint=${address}/${DEV_ACCOUNT};`;
  let closed = false;
  return {
    connectionString,
    ...(durable ? { journal: durable.stats } : {}),
    async close() {
      if (closed) return;
      closed = true;
      await server.close();
      await durable?.afterClose();
    },
  };
}

// Azurite's private parts, used here and below: test/store/azurite-internals.test.ts fails,
// saying which, when an upgrade moves one of them.
function lokiOf(server: TableServer): LokiDb {
  return (server as unknown as { metadataStore: { db: LokiDb } }).metadataStore.db;
}

function httpOf(server: TableServer): Server {
  return (server as unknown as { httpServer: Server }).httpServer;
}

/**
 * The journal around one embedded Azurite (see table-journal.ts for the design):
 * - LokiJS's file adapter is replaced by one that syncs the snapshot to disk, and at the instant
 *   a snapshot is serialised moves the journal to a new segment; once the snapshot is on disk the
 *   older segments are deleted;
 * - every change to a collection is appended to the journal as it happens;
 * - every HTTP response is held until all that was appended before it is on disk: a client is
 *   never told of a write (nor shown one, by a read) that a crash could still take back.
 */
class DurableTables {
  private readonly db: LokiDb;
  private journal: TableJournal | undefined;
  private saving: Promise<void> | undefined;
  private lastSnapshotBytes = 0;
  private timer: NodeJS.Timeout | undefined;
  readonly stats: JournalStats = { replayedRecords: 0, replayedSegments: 0, tornTail: false, snapshots: 0, snapshotSerialiseMs: [] };

  constructor(
    server: TableServer,
    private readonly dir: string,
    private readonly options: AzuriteOptions,
  ) {
    this.db = lokiOf(server);
    const original = this.db.persistenceAdapter;
    let serialiseStarted = 0;
    const loki = this.db as LokiDb & { serialize(): string };
    const serialize = loki.serialize.bind(loki);
    loki.serialize = () => {
      serialiseStarted = performance.now();
      return serialize();
    };
    this.db.persistenceAdapter = {
      loadDatabase: (name, cb) => original.loadDatabase(name, cb),
      // Called synchronously right after LokiJS serialised the database: what the string holds is
      // every change made so far, so the journal's next records go to a new segment.
      saveDatabase: (name, data, cb) => {
        this.stats.snapshotSerialiseMs.push(performance.now() - serialiseStarted);
        const sealed = this.journal?.rotate();
        this.lastSnapshotBytes = data.length;
        durableWrite(name, data)
          .then(() => (sealed === undefined ? undefined : this.journal!.dropUpTo(sealed)))
          .then(() => {
            this.stats.snapshots += 1;
            cb();
          }, cb);
      },
    };
    httpOf(server).prependListener('request', (_req, res: ServerResponse) => {
      holdUntilDurable(res, () => this.journal?.barrier());
    });
  }

  async afterStart(): Promise<void> {
    this.db.autosaveDisable();
    const { records, segments, tornTail } = readJournal(this.dir);
    replay(this.db, records);
    this.stats.replayedRecords = records.length;
    this.stats.replayedSegments = segments.length;
    this.stats.tornTail = tornTail;
    this.journal = new TableJournal(this.dir, (segments.at(-1) ?? 0) + 1, {
      ...(this.options.journalSync ? { sync: this.options.journalSync } : {}),
      // After the answers this flush released have gone out: a snapshot's serialisation holds the event loop.
      onFlushed: () => void setImmediate(() => this.maybeSnapshot()),
    });
    this.watch();
    if (segments.length > 0) await this.snapshot();
    if (this.options.snapshotEveryMs !== undefined) {
      this.timer = setInterval(() => {
        if (this.journal!.recordsSinceSnapshot > 0) void this.snapshot().catch(() => undefined);
      }, this.options.snapshotEveryMs);
      this.timer.unref();
    }
  }

  async afterClose(): Promise<void> {
    clearInterval(this.timer);
    // Azurite's close saved if LokiJS saw changes; a save may still be writing, or a change
    // (a collection dropped) may not mark LokiJS dirty: settle both, then close the journal.
    await this.saving;
    if (this.journal && this.journal.recordsSinceSnapshot > 0) await this.snapshot();
    await this.journal?.close();
  }

  private maybeSnapshot(): void {
    const j = this.journal!;
    if (this.saving || this.options.snapshotEveryMs !== undefined) return;
    if (j.bytesSinceSnapshot >= Math.max(this.options.snapshotAfterBytes ?? DEFAULT_SNAPSHOT_AFTER_BYTES, this.lastSnapshotBytes)) void this.snapshot().catch(() => undefined);
  }

  /** A whole-database save now (LokiJS runs one at a time and queues the rest). */
  snapshot(): Promise<void> {
    const p = new Promise<void>((resolve, reject) => this.db.saveDatabase((err) => (err ? reject(err as Error) : resolve())));
    // Settles either way (a failed save leaves the journal in place; callers see the rejection of p).
    const tracked: Promise<void> = p.then(
      () => undefined,
      () => undefined,
    ).then(() => {
      if (this.saving === tracked) this.saving = undefined;
    });
    this.saving = tracked;
    return p;
  }

  private watch(): void {
    const journal = this.journal!;
    const record = (r: () => JournalRecord) => {
      try {
        journal.append(r());
      } catch (e) {
        journal.fail(e as Error);
      }
    };
    const watchCollection = (coll: LokiCollection) => {
      const put = (doc: Record<string, unknown>) => record(() => ({ o: 'put', c: coll.name, k: keyOf(doc), d: doc }));
      coll.on('insert', (d) => (Array.isArray(d) ? d.forEach(put) : put(d)));
      coll.on('update', (d) => put(d as Record<string, unknown>));
      coll.on('delete', (d) => record(() => ({ o: 'del', c: coll.name, k: keyOf(d as Record<string, unknown>) })));
    };
    this.db.collections.forEach(watchCollection);
    const add = this.db.addCollection.bind(this.db);
    const remove = this.db.removeCollection.bind(this.db);
    this.db.addCollection = (name, opt) => {
      if (this.db.getCollection(name)) return add(name, opt); // LokiJS answers the existing one
      const coll = add(name, opt);
      record(() => ({ o: 'add', c: name, opt: opt ?? {} }));
      watchCollection(coll);
      return coll;
    };
    this.db.removeCollection = (name) => {
      const existed = this.db.getCollection(name) !== null;
      remove(name);
      if (existed) record(() => ({ o: 'drop', c: name }));
    };
  }
}

/**
 * Holds a response's bytes until the journal says everything appended before the response began
 * is on disk. The body is written by `write`/`end` (and `pipe`, which uses them); headers go out
 * with the first of those, so holding both holds the whole answer. Reads wait only when changes
 * are still on their way to disk, so a reader never sees a change that a crash could undo.
 */
function holdUntilDurable(res: ServerResponse, barrier: () => Promise<void> | undefined): void {
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  let held: (() => void)[] | undefined;
  let released = false;
  const through = (call: () => void): void => {
    if (released) return call();
    if (held) {
      held.push(call);
      return;
    }
    const wait = barrier();
    if (!wait) {
      released = true;
      return call();
    }
    held = [call];
    wait.then(
      () => {
        released = true;
        const calls = held!;
        held = undefined;
        for (const c of calls) c();
      },
      () => res.destroy(), // not on disk: the client must not take it as done
    );
  };
  res.write = ((...args: unknown[]) => {
    let ok = true;
    through(() => {
      ok = write(...args);
    });
    return ok;
  }) as ServerResponse['write'];
  res.end = ((...args: unknown[]) => {
    through(() => void end(...args));
    return res;
  }) as ServerResponse['end'];
}

/**
 * restify adds `query()` to http.IncomingMessage.prototype. Azurite's Express then believes every
 * request's query is parsed already and drops `$filter`: every query returns the whole table.
 * Giving each request to Azurite an own `query` of undefined lets Express parse it as usual.
 * (Found when the bot and the embedded emulator shared a process; test/store covers it.)
 */
function shieldQueryParsing(server: TableServer): void {
  httpOf(server).prependListener('request', (req) => {
    Object.defineProperty(req, 'query', { value: undefined, writable: true, configurable: true, enumerable: true });
  });
}
