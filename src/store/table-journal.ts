import { readdirSync, readFileSync } from 'node:fs';
import { open, readdir, rename, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Write-ahead journal for the embedded Azurite's table engine (LokiJS).
 *
 * LokiJS keeps the whole database in memory and saves it as one JSON file; Azurite saves every
 * 5 s, so a process killed with SIGKILL lost whatever it had acknowledged since. A save costs
 * time in proportion to the whole database (hundreds of ms at tens of thousands of rows), so
 * saving per write is no answer. Instead every change the engine makes is appended here, as the
 * row it leaves behind, and made durable (fdatasync, one for all records waiting: group commit)
 * before any HTTP response leaves Azurite (see `azurite-embedded.ts`). At start the journal is
 * replayed over the last saved database, then a save is made and the journal dropped.
 *
 * Records are "row key := this row" / "row key deleted" / "collection (re)created" / "collection
 * dropped", written in the order the engine applied them. Replaying any contiguous run of them
 * that ends at the journal's end, over a snapshot taken inside that run, gives the state at the
 * end: each row ends as its last record says. So the journal is cut at snapshots only loosely:
 * at the (synchronous) moment LokiJS serialises the database for a save, the journal moves on to
 * a new segment file; once that save is on disk, the older segments are deleted.
 *
 * Files: `table-journal.<n>.log` in the data folder, JSON lines.
 */

export type JournalRecord =
  | { o: 'put'; c: string; k: Record<string, unknown>; d: Record<string, unknown> }
  | { o: 'del'; c: string; k: Record<string, unknown> }
  | { o: 'add'; c: string; opt: unknown }
  | { o: 'drop'; c: string };

const FILE = /^table-journal\.(\d{8})\.log$/;
export const segmentName = (n: number): string => `table-journal.${String(n).padStart(8, '0')}.log`;

/** The segment numbers present in `dir`, ascending. */
export function listSegments(dir: string): number[] {
  return readdirSync(dir)
    .map((f) => FILE.exec(f))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
}

export class JournalCorruptError extends Error {
  constructor(file: string, line: number) {
    super(`${file}, line ${line}: not a journal record, and valid records follow it, so it is not the torn last record of a crash. The table journal is damaged; move the file away to start without it (its changes would then be missing).`);
    this.name = 'JournalCorruptError';
  }
}

/**
 * The records of every segment in order. A crash can leave the last record half-written (it
 * was never acknowledged: its fdatasync had not returned): that tail is dropped, and nothing
 * after it can exist, since a batch is written only once the previous one is on disk.
 * Anything else unreadable is damage, and is refused rather than silently skipped.
 */
export function readJournal(dir: string): { records: JournalRecord[]; segments: number[]; tornTail: boolean } {
  const segments = listSegments(dir);
  const entries: { rec?: JournalRecord; file: string; line: number }[] = [];
  for (const n of segments) {
    const file = join(dir, segmentName(n));
    const pieces = readFileSync(file, 'utf8').split('\n');
    // Every piece but the last ended with '\n'; the last is an unfinished record, or ''.
    pieces.forEach((text, i) => {
      if (text === '') return;
      const terminated = i < pieces.length - 1;
      entries.push({ file, line: i + 1, ...(terminated ? { rec: parseRecord(text) } : {}) });
    });
  }
  const bad = entries.findIndex((e) => e.rec === undefined);
  if (bad === -1) return { records: entries.map((e) => e.rec!), segments, tornTail: false };
  if (entries.slice(bad).some((e) => e.rec !== undefined)) throw new JournalCorruptError(entries[bad]!.file, entries[bad]!.line);
  return { records: entries.slice(0, bad).map((e) => e.rec!), segments, tornTail: true };
}

function parseRecord(text: string): JournalRecord | undefined {
  try {
    const r = JSON.parse(text) as JournalRecord;
    return r !== null && typeof r === 'object' && ['put', 'del', 'add', 'drop'].includes(r.o) && typeof r.c === 'string' ? r : undefined;
  } catch {
    return undefined;
  }
}

/** The minimal LokiJS surface used here (lokijs ships no types in Azurite's tree). */
export interface LokiCollection {
  name: string;
  findOne(query: Record<string, unknown>): Record<string, unknown> | null;
  insert(doc: Record<string, unknown>): unknown;
  remove(doc: Record<string, unknown>): void;
  on(event: 'insert' | 'update' | 'delete', listener: (doc: Record<string, unknown> | Record<string, unknown>[]) => void): void;
}
export interface LokiDb {
  collections: LokiCollection[];
  getCollection(name: string): LokiCollection | null;
  addCollection(name: string, options?: unknown): LokiCollection;
  removeCollection(name: string): void;
  saveDatabase(callback?: (err?: unknown) => void): void;
  autosaveDisable(): void;
  persistenceAdapter: { loadDatabase(name: string, cb: (data: unknown) => void): void; saveDatabase?(name: string, data: string, cb: (err?: unknown) => void): void };
}

/** Which fields name a row: entity rows, Azurite's table list, its service properties. */
export function keyOf(doc: Record<string, unknown>): Record<string, unknown> {
  if ('PartitionKey' in doc && 'RowKey' in doc) return { PartitionKey: doc.PartitionKey, RowKey: doc.RowKey };
  if ('account' in doc && 'table' in doc) return { account: doc.account, table: doc.table };
  if ('accountName' in doc) return { accountName: doc.accountName };
  throw new Error(`table journal: a row with no known key (${Object.keys(doc).join(', ')})`);
}

export function rowOf(doc: Record<string, unknown>): Record<string, unknown> {
  const row = { ...doc };
  delete row.$loki;
  delete row.meta;
  return row;
}

/** Applies records to the engine, in order. Idempotent over any snapshot taken inside the run (see above). */
export function replay(db: LokiDb, records: JournalRecord[]): void {
  for (const r of records) {
    switch (r.o) {
      case 'add':
        if (db.getCollection(r.c)) db.removeCollection(r.c);
        db.addCollection(r.c, r.opt);
        break;
      case 'drop':
        if (db.getCollection(r.c)) db.removeCollection(r.c);
        break;
      case 'put':
      case 'del': {
        const coll = db.getCollection(r.c);
        if (!coll) throw new Error(`table journal: a row of ${r.c}, a collection the saved database does not have; the journal does not belong to this database file (was __azurite_db_table__.json replaced or deleted?)`);
        const existing = coll.findOne(r.k);
        if (existing) coll.remove(existing);
        if (r.o === 'put') coll.insert(structuredClone(r.d));
        break;
      }
    }
  }
}

export interface JournalOptions {
  /** fdatasync, replaceable in tests to observe the order of events. */
  sync?: (handle: FileHandle) => Promise<void>;
  /** After each group of records reached the disk. */
  onFlushed?: () => void;
}

/**
 * The journal of one data folder while the engine runs. `append` is called synchronously from
 * the engine's change events; `barrier()` answers a promise that settles once every record
 * appended so far is on disk (undefined when nothing is waiting), and the HTTP layer holds
 * each response until it settles.
 */
export class TableJournal {
  private segment: number;
  private handle: { n: number; fh: FileHandle } | undefined;
  private pending: string[] = [];
  private appended = 0;
  private durable = 0;
  private waiters: { seq: number; resolve: () => void; reject: (e: Error) => void }[] = [];
  private queue: Promise<void> = Promise.resolve();
  private flushQueued = false;
  private failure: Error | undefined;
  /** Bytes written to the journal since the last snapshot began. */
  bytesSinceSnapshot = 0;
  /** Records appended since the last snapshot began. */
  recordsSinceSnapshot = 0;
  private readonly sync: (handle: FileHandle) => Promise<void>;
  private readonly onFlushed: () => void;

  constructor(
    readonly dir: string,
    firstSegment: number,
    options: JournalOptions = {},
  ) {
    this.segment = firstSegment;
    this.sync = options.sync ?? ((fh) => fh.datasync());
    this.onFlushed = options.onFlushed ?? (() => undefined);
  }

  get failed(): Error | undefined {
    return this.failure;
  }

  append(record: JournalRecord): void {
    const line = `${JSON.stringify(record.o === 'put' ? { ...record, d: rowOf(record.d) } : record)}\n`;
    this.pending.push(line);
    this.appended += 1;
    this.recordsSinceSnapshot += 1;
  }

  barrier(): Promise<void> | undefined {
    if (this.failure) return Promise.reject(this.failure);
    if (this.durable >= this.appended) return undefined;
    const seq = this.appended;
    const p = new Promise<void>((resolve, reject) => this.waiters.push({ seq, resolve, reject }));
    if (!this.flushQueued) {
      this.flushQueued = true;
      // A failure is handled by fail(), which rejects every waiter.
      this.enqueue(() => this.flush()).catch(() => undefined);
    }
    return p;
  }

  /** Everything appended so far, on disk. */
  async flushed(): Promise<void> {
    await (this.barrier() ?? Promise.resolve());
  }

  /**
   * Called synchronously at the instant a snapshot is serialised: what is appended from now on
   * goes to a new segment. Returns the last segment the snapshot makes unnecessary.
   */
  rotate(): number {
    const sealed = this.segment;
    this.segment += 1;
    this.bytesSinceSnapshot = 0;
    this.recordsSinceSnapshot = 0;
    return sealed;
  }

  /**
   * After a snapshot is on disk: deletes the segments it covers, oldest first, in the write
   * queue so that no write to them is in flight. A segment that cannot be deleted now is left
   * for the next snapshot: replaying it too is harmless, as replay starts anywhere before the
   * snapshot (see above), so this never fails the journal.
   */
  dropUpTo(sealed: number): Promise<void> {
    return this.enqueue(async () => {
      if (this.handle && this.handle.n <= sealed) {
        await this.handle.fh.close();
        this.handle = undefined;
      }
      try {
        const names = (await readdir(this.dir)).map((f) => FILE.exec(f)).filter((m): m is RegExpExecArray => m !== null);
        const old = names.map((m) => Number(m[1])).filter((n) => n <= sealed).sort((a, b) => a - b);
        for (const n of old) await unlink(join(this.dir, segmentName(n))).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? undefined : Promise.reject(e)));
        if (old.length > 0) await syncDir(this.dir);
      } catch {
        // left for the next snapshot
      }
    });
  }

  /** Writes what is pending and closes the file. */
  async close(): Promise<void> {
    await this.flushed();
    await this.enqueue(async () => {
      await this.handle?.fh.close();
      this.handle = undefined;
    });
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(() => (this.failure ? Promise.reject(this.failure) : task()));
    this.queue = run.catch((e: unknown) => this.fail(e as Error));
    return run;
  }

  private async flush(): Promise<void> {
    this.flushQueued = false;
    if (this.pending.length === 0) return;
    const batch = this.pending.join('');
    const upTo = this.appended;
    this.pending = [];
    if (this.handle && this.handle.n !== this.segment) {
      await this.handle.fh.close();
      this.handle = undefined;
    }
    if (!this.handle) {
      const n = this.segment;
      this.handle = { n, fh: await open(join(this.dir, segmentName(n)), 'a') };
      await syncDir(this.dir); // the new file's name must survive a power cut too
    }
    await this.handle.fh.appendFile(batch);
    await this.sync(this.handle.fh);
    this.bytesSinceSnapshot += Buffer.byteLength(batch);
    this.durable = upTo;
    const ready = this.waiters.filter((w) => w.seq <= upTo);
    this.waiters = this.waiters.filter((w) => w.seq > upTo);
    for (const w of ready) w.resolve();
    this.onFlushed();
  }

  /** From now on nothing is acknowledged: every waiting and later barrier rejects. */
  fail(e: Error): void {
    this.failure ??= new Error(`table journal: cannot write to ${this.dir} (${e.message}); no change is acknowledged from now on`);
    for (const w of this.waiters) w.reject(this.failure);
    this.waiters = [];
  }
}

async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * LokiJS's own file adapter writes a temporary file and renames it, without fsync: fine for a
 * process crash, not for a power cut. This one syncs the file before the rename and the folder
 * after it, so a snapshot is on disk before the journal segments it replaces are deleted.
 */
export async function durableWrite(file: string, data: string): Promise<void> {
  const tmp = `${file}~`;
  const fh = await open(tmp, 'w');
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, file);
  await syncDir(join(file, '..'));
}
