import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { Agent, createServer, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TableClient } from '@azure/data-tables';
import { startAzurite } from '../../src/store/azurite-embedded';
import { JournalCorruptError, listSegments, readJournal, segmentName } from '../../src/store/table-journal';
import { dumpAccount } from '../support/table-dump';

const ROOT = join(__dirname, '..', '..');

/** Runs test/support/durability-child.ts, which writes, dumps the account and SIGKILLs itself. */
function runChild(args: Record<string, unknown>): Promise<{ signal: NodeJS.Signals | null; output: string }> {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', join(ROOT, 'test', 'support', 'durability-child.ts'), JSON.stringify(args)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  return new Promise((resolve) => child.once('exit', (_code, signal) => resolve({ signal, output })));
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * Round trips through a second loopback HTTP server in this process: an answer Azurite has
 * already written to its socket is read by the client before such a round trip completes, so
 * after a few, "not answered yet" means held back, not slow. No clock is involved.
 */
async function loopbackProbe(): Promise<{ roundTrips(n: number): Promise<void>; close(): Promise<void> }> {
  const server = createServer((_req, res) => res.end('ok'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const agent = new Agent({ keepAlive: false });
  const once = () =>
    new Promise<void>((resolve, reject) => {
      get({ host: '127.0.0.1', port, path: '/', agent }, (res) => {
        res.resume();
        res.on('end', resolve);
      }).on('error', reject);
    });
  return {
    async roundTrips(n) {
      for (let i = 0; i < n; i++) await once();
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('the embedded Azurite journal: acknowledged changes survive SIGKILL', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'hwb-journal-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  for (const [label, snapshotAfterBytes] of [
    ['everything since start only in the journal', undefined],
    ['snapshots taken (and the journal cut) all through the run', 16_000],
  ] as const) {
    it(`${label}: after the kill, a restart holds exactly what the killed process was showing`, async () => {
      const dataDir = join(dir, 'data');
      const dumpFile = join(dir, 'dump.json');
      const run = await runChild({ dataDir, dumpFile, rounds: 5, ...(snapshotAfterBytes !== undefined ? { snapshotAfterBytes } : {}) });
      assert.equal(run.signal, 'SIGKILL', run.output);
      const before = JSON.parse(readFileSync(dumpFile, 'utf8')) as Record<string, unknown>;
      assert.ok(Object.keys(before).length >= 8, 'the child wrote its tables');
      assert.ok(listSegments(dataDir).length > 0, 'the kill left a journal behind');

      const restarted = await startAzurite({ dataDir });
      try {
        assert.ok(restarted.journal!.replayedRecords > 0);
        assert.deepEqual(await dumpAccount(restarted.connectionString), before);
        // The replayed state was saved at start and the journal dropped.
        assert.deepEqual(listSegments(dataDir), []);
      } finally {
        await restarted.close();
      }
      // …and a clean close leaves no journal, and the same state.
      assert.deepEqual(listSegments(dataDir), []);
      const again = await startAzurite({ dataDir });
      try {
        assert.equal(again.journal!.replayedRecords, 0);
        assert.deepEqual(await dumpAccount(again.connectionString), before);
      } finally {
        await again.close();
      }
    });
  }

  it('a change is answered only after its journal record is on disk, and a read waits for it too', async () => {
    const events: string[] = [];
    // The disk is a gate the test opens: each fdatasync waits until the test lets it through.
    const syncs: { open: () => void }[] = [];
    let nextStarted = deferred();
    const sync = async (fh: FileHandle) => {
      events.push('sync started');
      const gate = deferred();
      syncs.push({ open: gate.resolve });
      nextStarted.resolve();
      await gate.promise;
      await fh.datasync();
      events.push('synced');
    };
    const syncStarted = async () => {
      await nextStarted.promise;
      nextStarted = deferred();
      return syncs.at(-1)!;
    };
    const azurite = await startAzurite({ dataDir: dir, journalSync: sync });
    const probe = await loopbackProbe();
    try {
      const client = TableClient.fromConnectionString(azurite.connectionString, 'ordering', { allowInsecureConnection: true });
      const table = client.createTable();
      (await syncStarted()).open();
      await table;
      events.length = 0;

      const write1 = client.createEntity({ partitionKey: 'p', rowKey: '1', v: 1 }).then(() => events.push('write 1 answered'));
      // The sync starts when Azurite writes its answer: from here an answer not held back is on the wire.
      const first = await syncStarted();
      await probe.roundTrips(3);
      assert.deepEqual(events, ['sync started'], 'write 1 was answered before its record was on disk');
      first.open();
      await write1;
      assert.deepEqual(events, ['sync started', 'synced', 'write 1 answered']);

      events.length = 0;
      const write2 = client.upsertEntity({ partitionKey: 'p', rowKey: '1', v: 2 }, 'Replace').then(() => events.push('write 2 answered'));
      const second = await syncStarted();
      // Write 2 is applied in memory and on its way to disk: a reader must not see it earlier.
      const read = client.getEntity<{ v: number }>('p', '1').then((r) => events.push(`read saw v${r.v}`));
      await probe.roundTrips(3);
      assert.deepEqual(events, ['sync started'], 'write 2, or a read of it, was answered before its record was on disk');
      second.open();
      await Promise.all([write2, read]);
      assert.equal(events[1], 'synced');
      // Both answers were held by the same fdatasync; their order after it is the network's.
      assert.deepEqual(events.slice(2).sort(), ['read saw v2', 'write 2 answered']);
    } finally {
      for (const s of syncs) s.open();
      await probe.close();
      await azurite.close();
    }
  });

  it('concurrent changes share one fdatasync (group commit)', async () => {
    let syncs = 0;
    const azurite = await startAzurite({ dataDir: dir, journalSync: async (fh) => void (syncs++, await fh.datasync()) });
    try {
      const client = TableClient.fromConnectionString(azurite.connectionString, 'group', { allowInsecureConnection: true });
      await client.createTable();
      syncs = 0;
      await Promise.all(Array.from({ length: 50 }, (_, i) => client.createEntity({ partitionKey: 'p', rowKey: String(i) })));
      assert.ok(syncs < 50, `${syncs} fdatasyncs for 50 concurrent writes`);
    } finally {
      await azurite.close();
    }
  });
});

describe('a damaged journal', () => {
  it('stops the start, saying which file and line, and leaves the data folder as it was', async function () {
    this.timeout(20_000);
    const dir = mkdtempSync(join(tmpdir(), 'hwb-journal-bad-'));
    try {
      const first = await startAzurite({ dataDir: dir });
      await TableClient.fromConnectionString(first.connectionString, 'kept', { allowInsecureConnection: true }).createTable();
      await first.close();
      const rows = () => (JSON.parse(readFileSync(join(dir, '__azurite_db_table__.json'), 'utf8')) as { collections: { name: string; data: unknown[] }[] }).collections.map((c) => [c.name, c.data]);
      const saved = rows();
      const good = JSON.stringify({ o: 'drop', c: 'devstoreaccount1$kept' });
      writeFileSync(join(dir, segmentName(7)), `${good}\nnot a record\n${good}\n`);
      await assert.rejects(startAzurite({ dataDir: dir }), /table-journal\.00000007\.log, line 2: .*damaged/);
      assert.deepEqual(rows(), saved);
      assert.deepEqual(listSegments(dir), [7]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('reading the journal', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'hwb-journal-read-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const rec = (i: number) => JSON.stringify({ o: 'put', c: 'c', k: { PartitionKey: 'p', RowKey: String(i) }, d: { PartitionKey: 'p', RowKey: String(i) } });

  it('reads segments in order, and drops a half-written last record (a crash mid-write, never acknowledged)', () => {
    writeFileSync(join(dir, segmentName(2)), `${rec(3)}\n`);
    writeFileSync(join(dir, segmentName(1)), `${rec(1)}\n${rec(2)}\n`);
    assert.deepEqual(readJournal(dir).records.map((r) => (r as unknown as { k: { RowKey: string } }).k.RowKey), ['1', '2', '3']);
    appendFileSync(join(dir, segmentName(2)), rec(4).slice(0, 30));
    const torn = readJournal(dir);
    assert.equal(torn.tornTail, true);
    assert.equal(torn.records.length, 3);
    // A complete record without its newline was never acknowledged either.
    writeFileSync(join(dir, segmentName(2)), `${rec(3)}\n${rec(4)}`);
    assert.equal(readJournal(dir).records.length, 3);
  });

  it('refuses damage in the middle rather than skip acknowledged changes', () => {
    writeFileSync(join(dir, segmentName(1)), `${rec(1)}\n{"o":"pu\n${rec(2)}\n`);
    assert.throws(() => readJournal(dir), JournalCorruptError);
    assert.throws(() => readJournal(dir), /table-journal\.00000001\.log, line 2/);
  });
});
