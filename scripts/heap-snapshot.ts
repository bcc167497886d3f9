/**
 * Memory under the status load, in a bot started as `npm start` runs it (its own process, the
 * real seeds, embedded Azurite): 5 rounds of 20 senders × 50 `status 19`, the resident memory
 * (RSS) before and after each round, and, with `--snapshots`, a heap snapshot after the warm-up
 * and after the last round, compared by constructor (what grew, in bytes and in objects).
 *
 *   node --require tsx/cjs scripts/heap-snapshot.ts [--snapshots] [--rounds 5] [--senders 20] [--asks 50] [--node=<node option>…]
 *
 * Snapshots are written to a temporary folder named in the output (each can be opened in Chrome's
 * DevTools, Memory tab, for the retainers). `npm run bench` runs the same load without snapshots
 * (writing a snapshot itself adds to the RSS) for its memory row.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { message, type TeamsUser } from '../test/support/activities';
import { BotProcess } from '../test/support/bot-process';
import { ConnectorStandIn } from '../test/support/connector-stand-in';

const ROOT = join(__dirname, '..');

export interface StatusMemoryOptions {
  rounds: number;
  senders: number;
  asks: number;
  /** Folder for heap snapshots; none taken without it. */
  snapshotDir?: string;
  /** More node options for the bot's process (to try GC settings). */
  nodeArgs?: string[];
  log?: (line: string) => void;
}

export interface StatusMemoryResult {
  /** RSS in MB: [0] after start and a warm-up round, then after each round. */
  rssMb: number[];
  /** At the same points, as the bot's process saw itself (MB): V8's heap used and reserved, Buffers. */
  breakdown: { heapUsed: number; heapTotal: number; external: number; arrayBuffers: number }[];
  /** Heap used after a full collection, MB, at the same points (from the snapshots, when taken). */
  snapshots: string[];
  failures: number;
}

const MB = 1024 * 1024;

/** The bot's latest self-report from scripts/memory-probe.cjs, in MB, once it has printed one after `since` characters of output. */
async function breakdownOf(bot: BotProcess, since: number): Promise<StatusMemoryResult['breakdown'][number]> {
  for (;;) {
    const lines = bot.output.slice(since).match(/^MEMORY (\{.*\})$/gm);
    if (lines && lines.length > 0) {
      const m = JSON.parse(lines[lines.length - 1]!.slice('MEMORY '.length)) as Record<'heapUsed' | 'heapTotal' | 'external' | 'arrayBuffers', number>;
      return { heapUsed: m.heapUsed / MB, heapTotal: m.heapTotal / MB, external: m.external / MB, arrayBuffers: m.arrayBuffers / MB };
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

function rssOf(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
}

/** Asks the bot to write a heap snapshot (node's --heapsnapshot-signal) and waits for the file. */
async function snapshot(bot: BotProcess, dir: string): Promise<string> {
  const before = new Set(readdirSync(dir));
  bot.signal('SIGUSR2');
  for (;;) {
    await new Promise((r) => setTimeout(r, 250));
    const made = readdirSync(dir).filter((f) => f.endsWith('.heapsnapshot') && !before.has(f));
    // Node writes the file in place: it is complete once its JSON closes.
    for (const f of made) {
      const text = readFileSync(join(dir, f), 'utf8');
      if (text.trimEnd().endsWith('}')) return join(dir, f);
    }
  }
}

export async function statusMemory(o: StatusMemoryOptions): Promise<StatusMemoryResult> {
  const log = o.log ?? (() => undefined);
  const connector = await new ConnectorStandIn().start();
  const dataDir = mkdtempSync(join(tmpdir(), 'hwb-memory-'));
  const nodeArgs = [...(o.nodeArgs ?? []), '--require', join(__dirname, 'memory-probe.cjs'), ...(o.snapshotDir ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${o.snapshotDir}`] : [])];
  const bot = await new BotProcess({ DATA_DIR: dataDir, SCHEDULER: 'off', LOG_LEVEL: 'warn' }, [...nodeArgs, '--require', 'tsx/cjs', join(ROOT, 'src', 'index.ts')]).start(120_000);
  const result: StatusMemoryResult = { rssMb: [], breakdown: [], snapshots: [], failures: 0 };
  try {
    const pid = bot.pid!;
    // Alex leads priority 19 in the real seeds; each sender is one of Alex's chats.
    const senders: TeamsUser[] = Array.from({ length: o.senders }, (_, i) => ({ id: `29:alex-${i}`, name: 'Alex Wilber', aadObjectId: '00000000-0000-0000-0000-0000000000020' }));
    const round = async (asks: number) => {
      await Promise.all(
        senders.map(async (sender) => {
          for (let i = 0; i < asks; i++) {
            try {
              const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message(sender, connector.url, 'status 19')) });
              await res.text();
              if (res.status !== 200) result.failures += 1;
            } catch (e) {
              // A dropped connection is counted, not fatal: the figures are about memory.
              result.failures += 1;
              if (result.failures <= 3) log(`request failed: ${(e as Error).message} ${String((e as { cause?: unknown }).cause ?? '')}`);
            }
          }
        }),
      );
      // The stand-in keeps every reply it received; this process's memory is not the bot's, but keep it small.
      connector.reset();
    };
    const measure = async (what: string) => {
      const since = bot.output.length;
      result.rssMb.push(rssOf(pid));
      const b = await breakdownOf(bot, since);
      result.breakdown.push(b);
      log(`${what}: RSS ${result.rssMb[result.rssMb.length - 1]!.toFixed(0)} MB; V8 heap ${b.heapUsed.toFixed(0)} used of ${b.heapTotal.toFixed(0)} MB; external ${b.external.toFixed(0)} MB (ArrayBuffers ${b.arrayBuffers.toFixed(0)})`);
    };
    await round(5); // warm-up: modules loaded, caches filled
    await measure('after start and warm-up');
    if (o.snapshotDir) result.snapshots.push(await snapshot(bot, o.snapshotDir));
    for (let r = 1; r <= o.rounds; r++) {
      await round(o.asks);
      await measure(`round ${r} (${o.senders} × ${o.asks} status)`);
    }
    if (o.snapshotDir) result.snapshots.push(await snapshot(bot, o.snapshotDir));
    return result;
  } finally {
    await bot.stop('SIGTERM');
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Self size and count per constructor (or node type for strings, code, arrays) in a heap snapshot. */
export function heapByConstructor(file: string): Map<string, { bytes: number; count: number }> {
  const snap = JSON.parse(readFileSync(file, 'utf8')) as { snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }; nodes: number[]; strings: string[] };
  const fields = snap.snapshot.meta.node_fields;
  const width = fields.length;
  const [typeAt, nameAt, sizeAt] = [fields.indexOf('type'), fields.indexOf('name'), fields.indexOf('self_size')];
  const types = snap.snapshot.meta.node_types[0];
  const out = new Map<string, { bytes: number; count: number }>();
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + typeAt]!]!;
    const key = type === 'object' || type === 'closure' ? snap.strings[snap.nodes[i + nameAt]!]! : `(${type})`;
    const entry = out.get(key) ?? { bytes: 0, count: 0 };
    entry.bytes += snap.nodes[i + sizeAt]!;
    entry.count += 1;
    out.set(key, entry);
  }
  return out;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const num = (flag: string, fallback: number) => {
    const i = args.indexOf(flag);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  const snapshotDir = args.includes('--snapshots') ? mkdtempSync(join(tmpdir(), 'hwb-heap-')) : undefined;
  const nodeArgs = args.filter((a) => a.startsWith('--node=')).map((a) => a.slice('--node='.length));
  const result = await statusMemory({ rounds: num('--rounds', 5), senders: num('--senders', 20), asks: num('--asks', 50), nodeArgs, ...(snapshotDir ? { snapshotDir } : {}), log: (l) => console.log(l) });
  console.log(`failed requests: ${result.failures}`);
  const [first, last] = [result.snapshots[0], result.snapshots[result.snapshots.length - 1]];
  if (first && last && first !== last) {
    const [a, b] = [heapByConstructor(first), heapByConstructor(last)];
    const total = (m: Map<string, { bytes: number }>) => [...m.values()].reduce((n, e) => n + e.bytes, 0) / 1024 / 1024;
    console.log(`\nlive heap (after a full collection): ${total(a).toFixed(1)} MB after warm-up, ${total(b).toFixed(1)} MB after the last round`);
    const grew = [...b].map(([k, e]) => ({ k, bytes: e.bytes - (a.get(k)?.bytes ?? 0), count: e.count - (a.get(k)?.count ?? 0) })).sort((x, y) => y.bytes - x.bytes).slice(0, 15);
    console.log('what grew most (bytes, objects):');
    for (const g of grew) console.log(`  ${(g.bytes / 1024).toFixed(0).padStart(8)} KB  ${String(g.count).padStart(8)}  ${g.k.slice(0, 80)}`);
    console.log(`\nsnapshots: ${first}\n           ${last}`);
  }
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
