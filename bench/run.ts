/**
 * `npm run bench`: figures, not pass/fail. Every figure stands beside a floor or ceiling measured
 * in the same run on the same machine, because machines here are shared and noisy.
 * Sizes: BENCH_LEADS (default 10000), BENCH_SUBMITS (300), BENCH_STATUS (200).
 * BENCH_ONLY=digest,status (any of submit, digest (with board), board, status, memory, fanout, start, journal, stalls) runs some
 * figures only and writes them to bench/results-partial.json, leaving the full run's results.json
 * alone. `fanout`: the reminder fan-out only, printing each thousand's rate as it goes; `start`:
 * start to ready and resident memory with BENCH_LEADS leads (the full run runs both, on the same
 * seeds). `journal` (in the full run): submit turns on the embedded storage with its write-ahead
 * journal on and off, at 50 and BENCH_JOURNAL_LEADS (10000) leads. `stalls` (only when asked for:
 * three 10,000-lead fan-outs, about 15 minutes): event-loop stalls during the fan-out with Azurite
 * in memory, persisted with its 5 s autosave and no journal, and persisted with the journal.
 * `memory`: the bot's RSS over 5 rounds of 20 senders × 50 `status` (scripts/heap-snapshot.ts,
 * which with --snapshots also says what grew).
 */
import { randomUUID } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { odata } from '@azure/data-tables';
import { buildDigest } from '../src/app/digest';
import { boardPage } from '../src/app/board-page';
import { boardPageHtml } from '../src/web/board-page-html';
import { strategySummary } from '../src/app/summary';
import { boardOf } from '../src/domain/board';
import { listAll } from '../src/store/azure-tables/tables';
import { CachedStrategyStore } from '../src/store/read-cache';
import { DEFAULT_ESCALATION_RULES } from '../src/domain/escalation';
import { startAzurite, type AzuriteOptions, type EmbeddedAzurite } from '../src/store/azurite-embedded';
import { openStorage } from '../src/store/open-storage';
import { cardAction, message } from '../test/support/activities';
import { BotHarness } from '../test/support/bot-harness';
import { TestClock } from '../test/support/test-clock';
import { BotProcess } from '../test/support/bot-process';
import { manyLeadsSeeds, remindAllLeads } from '../test/support/many-leads';
import { startEchoBot } from './echo-bot';
import { statusMemory } from '../scripts/heap-snapshot';

const LEADS = Number(process.env.BENCH_LEADS ?? 10_000);
const SUBMITS = Number(process.env.BENCH_SUBMITS ?? 300);
const STATUS = Number(process.env.BENCH_STATUS ?? 200);
const JOURNAL_LEADS = Number(process.env.BENCH_JOURNAL_LEADS ?? 10_000);

interface Row { figure: string; value: string; against: string; ratio: string; target: string; met: boolean | null }
const rows: Row[] = [];
const results: Record<string, unknown> = { date: new Date().toISOString(), node: process.version, leads: LEADS };

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const median = (xs: number[]) => pct(xs, 50);
const ms = (n: number) => `${n.toFixed(1)} ms`;

/** Times `f` n times in a row; with `minGapMs`, each call starts at least that long after the one before. */
async function timed(n: number, f: (i: number) => Promise<void>, minGapMs = 0): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await f(i);
    const took = performance.now() - t;
    out.push(took);
    if (took < minGapMs) await new Promise((r) => setTimeout(r, minGapMs - took));
  }
  return out;
}

async function post(url: string, body: unknown): Promise<string> {
  const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return res.text();
}

async function submitTurn(): Promise<void> {
  const { dir } = manyLeadsSeeds(SUBMITS);
  const bot = await new BotHarness('2026-10-20T10:00:00Z', { SEEDS_DIR: dir }).start();
  const echo = await startEchoBot();
  try {
    const lead = (i: number) => ({ id: `29:lead-${i}`, name: `Lead ${i}`, aadObjectId: `00000000-0000-0000-0001-${String(i).padStart(12, '0')}` });
    const submit = (i: number) => cardAction(lead(i), bot.serviceUrl, 'checkin.submit', { priority: `big-board/p${i}`, period: '2026-Q3', baseVersion: 0, submissionId: randomUUID(), rag: 'green', update: `Progress ${i}` });
    for (let i = 0; i < 10; i++) await post(echo.url, submit(i)); // warm-up
    const echoTimes = await timed(SUBMITS, async (i) => void (await post(echo.url, submit(i))));
    const times = await timed(SUBMITS, async (i) => {
      const text = await post(bot.app.url, submit(i));
      if (!text.includes("received for 2026")) throw new Error(`submit ${i} failed: ${text.replace(/.*?"text":"([^"]*)".*?"text":"([^"]*)".*?"text":"([^"]*)".*/, "$1 / $2 / $3").slice(0, 300)}`);
    });
    const [p50, p99, e50, e99] = [pct(times, 50), pct(times, 99), pct(echoTimes, 50), pct(echoTimes, 99)];
    results.submit = { p50, p99, echoP50: e50, echoP99: e99, n: SUBMITS };
    rows.push({ figure: 'check-in submit turn p50', value: ms(p50), against: `echo bot ${ms(e50)}`, ratio: `${(p50 / e50).toFixed(1)}×`, target: '≤ 1.5× echo', met: p50 / e50 <= 1.5 });
    rows.push({ figure: 'check-in submit turn p99', value: ms(p99), against: `echo bot ${ms(e99)}`, ratio: `${(p99 / e99).toFixed(1)}×`, target: '≤ 50 ms', met: p99 <= 50 });
  } finally {
    await echo.close();
    await bot.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The send rate of each thousand sends, printed as it goes (a run that slows as the outbox
 * grows shows it here, and a run stopped early still says how far it got), with the load average.
 */
function progressPerThousand(sent: () => number, overLimit: () => number): { stop(): { sends: number; rate: number; overLimit: number; load: number }[] } {
  const out: { sends: number; rate: number; overLimit: number; load: number }[] = [];
  let [lastN, lastT] = [0, performance.now()];
  const timer = setInterval(() => {
    const n = sent();
    if (n - lastN < 1000) return;
    const now = performance.now();
    const row = { sends: n, rate: ((n - lastN) / (now - lastT)) * 1000, overLimit: overLimit(), load: loadavg()[0]! };
    out.push(row);
    console.log(`fan-out: ${n} sent, ${row.rate.toFixed(1)}/s over the last ${n - lastN}, ${row.overLimit} over a limit so far, load average ${row.load.toFixed(1)}`);
    [lastN, lastT] = [n, now];
  }, 250);
  return {
    stop() {
      clearInterval(timer);
      return out;
    },
  };
}

async function fanOut(): Promise<string> {
  const { dir, leadIds } = manyLeadsSeeds(LEADS);
  const bot = await new BotHarness('2026-10-01T08:31:00Z', { SEEDS_DIR: dir }).start();
  try {
    bot.connector.limits = { perAppPerSecond: 50, perConversationPerSecond: 7 };
    bot.connector.chaos = { p429: 0.01, p502: 0, pDrop: 0 };
    const progress = progressPerThousand(() => bot.connector.calls.length, () => bot.connector.overLimit);
    const { seconds, missing: lost, twice: duplicated } = await remindAllLeads(bot, leadIds, 58);
    const perThousand = progress.stop();
    const rate = (LEADS - lost) / seconds;
    results.fanOut = { leads: LEADS, seconds, rate, ceiling: 50, lost, duplicated, injected429: bot.connector.refused, overLimit: bot.connector.overLimit, perThousand, loadAverage: loadavg() };
    // Requests the stand-in refused for going over a limit (the injected 429s are not among them): each is a bot fault.
    const overLimit = bot.connector.overLimit;
    rows.push({ figure: `reminder fan-out, ${LEADS} leads (1% 429s)`, value: `${rate.toFixed(1)}/s, ${lost} lost, ${duplicated} duplicated`, against: 'ceiling 50/s per app', ratio: `${((rate / 50) * 100).toFixed(0)}%`, target: '≥ 90%, 0 lost, 0 duplicated', met: rate / 50 >= 0.9 && lost === 0 && duplicated === 0 });
    rows.push({ figure: `requests over Teams' limits, fan-out of ${LEADS} leads`, value: String(overLimit), against: "50/s per app, 7/s per chat (stand-in)", ratio: '', target: '0', met: overLimit === 0 });
    console.log(`fan-out of ${LEADS} leads: ${seconds.toFixed(1)} s, ${rate.toFixed(1)}/s, ${lost} lost, ${duplicated} duplicated, ${overLimit} over a limit, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    return dir;
  } finally {
    await bot.stop();
  }
}

/** About 300 characters, as a lead writes a paragraph of an update. */
const PARAGRAPH = 'The service was recommissioned in the quarter and the first clinics ran in the two wards with the lowest uptake; attendance was below the plan because of staff sickness, and a second round is booked. Partners in the ICB and the voluntary sector helped reach families who do not use the surgery. ';

async function digestBuild(): Promise<void> {
  const azurite = await startAzurite({});
  const storage = await openStorage({ storageConnectionString: azurite.connectionString, dataDir: '', tablePrefix: 'benchdigest' });
  try {
    const strategy = { key: 's', title: 'Bench strategy', board: 'Bench board', area: 'Bench', years: { from: 2020, to: 2030 }, reportingFrequency: 'quarterly' as const, themes: [{ key: 't', title: 'Theme' }], plusGroups: [], sources: [], kpis: [] };
    await storage.strategies.putStrategy(strategy);
    const periods = Array.from({ length: 20 }, (_, i) => `${2022 + Math.floor(i / 4)}-Q${(i % 4) + 1}`);
    const rags = ['red', 'amber', 'green'] as const;
    for (let p = 0; p < 1000; p += 50) {
      await Promise.all(
        Array.from({ length: 50 }, async (_, k) => {
          const i = p + k;
          await storage.strategies.putPriority({ strategyKey: 's', key: `p${i}`, number: String(i + 1), title: `Priority ${i + 1}`, themeKey: 't', kind: 'priority', status: 'active', contacts: [], frequency: 'quarterly', kpis: [], leads: [], deputies: [] });
          for (const [j, period] of periods.entries()) {
            // Answers as long as the papers' (an update of ~900 characters, next steps and risks), so
            // the latest-state rows, which keep the last answers whole, weigh what they will.
            await storage.checkIns.save({ strategyKey: 's', priorityKey: `p${i}`, period, rag: rags[(i + j) % 3], update: `Update ${i} ${period}. ${PARAGRAPH.repeat(3)}`, nextSteps: PARAGRAPH, risks: PARAGRAPH, plusGroups: { smi: 'Outreach reached 40 people in supported housing.' }, kpiReadings: { k1: 50 + (j % 7) }, submittedBy: 'x', submittedByName: 'X', submittedAt: '2026-01-01T00:00:00.000Z', submissionId: `b-${i}-${period}` }, 0);
          }
        }),
      );
    }
    // As the app runs: strategies and priorities from the read cache, check-in state from storage.
    const deps = { strategies: new CachedStrategyStore(storage.strategies), checkIns: storage.checkIns, clock: new TestClock('2026-11-24T10:00:00Z'), board: { timeZone: 'Europe/London', periodPolicy: { dueAfterDays: 14 }, rules: DEFAULT_ESCALATION_RULES } };
    const board = { key: boardOf(strategy), name: strategy.board };
    // The floor: a raw read of 1,000 rows (one period's answers), the least a picture of 1,000 priorities can read.
    const last = periods[periods.length - 1]!;
    const raw = await timed(7, async () => void (await listAll(storage.tables.client('checkins'), odata`RowKey eq ${last}`)));
    const states = await timed(7, async () => void (await storage.checkIns.states('s')));
    const digest = await timed(7, async () => void (await buildDigest(deps, board)));
    const summary = await timed(7, async () => void (await strategySummary(deps, 's')));
    const [d, r, s] = [median(digest), median(raw), median(summary)];
    results.digest = { priorities: 1000, periods: 20, digestMs: d, summaryMs: s, rawQueryMs: r, statesReadMs: median(states) };
    rows.push({ figure: 'of which: reading the 1,000 latest-state rows', value: ms(median(states)), against: `raw read of 1,000 rows ${ms(r)}`, ratio: `${(median(states) / r).toFixed(2)}×`, target: 'figure only', met: null });
    rows.push({ figure: 'digest build, 1,000 priorities × 20 periods', value: ms(d), against: `raw read of 1,000 rows ${ms(r)}`, ratio: `${(d / r).toFixed(2)}×`, target: '≤ 250 ms and ≤ 2× floor', met: d <= 250 && d / r <= 2 });
    rows.push({ figure: 'summary, 1,000 priorities × 20 periods', value: ms(s), against: `raw read of 1,000 rows ${ms(r)}`, ratio: `${(s / r).toFixed(2)}×`, target: '≤ 250 ms and ≤ 2× floor', met: s <= 250 && s / r <= 2 });
    // The board's page: the same picture, the grid of all 20 periods, and its HTML (server time to the page).
    const manager = { id: 'bench-manager', name: 'Bench Manager', boardManager: true };
    const page = await timed(7, async () => void boardPageHtml(await boardPage({ ...deps, people: storage.people }, { person: manager, role: 'manager' }, board, { periods: 20 }), 'token'));
    const b = median(page);
    results.boardPage = { priorities: 1000, periods: 20, boardPageMs: b, digestMs: d };
    rows.push({ figure: "board's page HTML, 1,000 priorities × 20 periods", value: ms(b), against: `digest build ${ms(d)}`, ratio: `${(b / d).toFixed(2)}×`, target: '≤ 300 ms and ≤ 2× digest', met: b <= 300 && b / d <= 2 });
  } finally {
    await azurite.close();
  }
}

async function statusLatency(): Promise<void> {
  const bot = await new BotHarness('2026-11-24T10:00:00Z').start();
  const echo = await startEchoBot();
  try {
    const months = Array.from({ length: 120 }, (_, i) => `${2016 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
    await Promise.all(months.map((period, i) => bot.app.storage.checkIns.save({ strategyKey: 'test-board-2025-28', priorityKey: '19', period, rag: (['red', 'amber', 'green'] as const)[i % 3], update: `Month ${period}: ${'progress '.repeat(40)}`, plusGroups: {}, kpiReadings: { 'falls-admissions': 2100 - i }, submittedBy: 'alex-wilber', submittedByName: 'Alex Wilber', submittedAt: `${period}-28T09:00:00.000Z`, submissionId: `h-${period}` }, 0)));
    // Replies are paced under Teams' limits (6 per conversation, 49 per app, each held until 1.05 s after its answer):
    // one chat asking 200 times as fast as it can would measure that pacing (a ~1 s wait every
    // seventh reply), not the status turn. So the calls rotate over 20 of Alex's chats (one turn
    // per chat every ~0.5 s) and start at most one per 25 ms (40/s): as many people asking at once.
    const chats = Array.from({ length: 20 }, (_, i) => ({ id: `29:alex-${i}`, name: 'Alex Wilber', aadObjectId: '00000000-0000-0000-0000-0000000000020' }));
    let n = 0;
    const ask = async () => void (await post(bot.app.url, message(chats[n++ % chats.length]!, bot.serviceUrl, 'status 19')));
    await timed(20, ask, 25);
    const times = await timed(STATUS, ask, 25);
    const echoTimes = await timed(STATUS, async () => void (await post(echo.url, message(chats[0]!, bot.serviceUrl, 'status 19'))), 25);
    const [p99, e99] = [pct(times, 99), pct(echoTimes, 99)];
    results.status = { p50: pct(times, 50), p99, echoP99: e99, months: 120 };
    rows.push({ figure: 'status p99, 10 years of monthly history', value: ms(p99), against: `echo message turn ${ms(e99)}`, ratio: `${(p99 / e99).toFixed(1)}×`, target: '≤ 50 ms', met: p99 <= 50 });
  } finally {
    await echo.close();
    await bot.stop();
  }
}

/** The bot's own process under the status load: RSS after start (and a warm-up) and after each of 5 rounds. */
async function memoryUnderStatus(): Promise<void> {
  const { rssMb, failures } = await statusMemory({ rounds: 5, senders: 20, asks: 50 });
  const [start, last] = [rssMb[0]!, rssMb[5]!];
  const tail = rssMb.slice(3, 6);
  const spread = Math.max(...tail) - Math.min(...tail);
  results.memory = { rssMb, failures, loadAverage: loadavg() };
  rows.push({ figure: 'RSS after 5 rounds of 20 × 50 status', value: `${last.toFixed(0)} MB (rounds: ${rssMb.slice(1).map((m) => m.toFixed(0)).join(', ')})`, against: `after start ${start.toFixed(0)} MB`, ratio: `+${(last - start).toFixed(0)} MB`, target: '≤ start + 60 MB, rounds 3–5 within 10 MB', met: last <= start + 60 && spread <= 10 && failures === 0 });
}

async function startToReady(bigSeeds: string): Promise<void> {
  const azurite = await startAzurite({});
  const measure = async (seeds: string, prefix: string) => {
    const env = { STORAGE_CONNECTION_STRING: azurite.connectionString, TABLE_PREFIX: prefix, SEEDS_DIR: seeds, SCHEDULER: 'off', LOG_LEVEL: 'warn' };
    await new BotProcess(env).start(300_000).then((p) => p.stop('SIGTERM')); // first start loads the seeds
    const t = performance.now();
    const p = await new BotProcess(env).start(120_000);
    const ready = performance.now() - t;
    const pid = p.pid;
    const status = pid ? (await import('node:fs')).readFileSync(`/proc/${pid}/status`, 'utf8') : '';
    const rssMb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    await p.stop('SIGTERM');
    return { ready, rssMb };
  };
  try {
    const { dir: small } = manyLeadsSeeds(1);
    const floor = await measure(small, 'benchsmall');
    const big = await measure(bigSeeds, 'benchbig');
    rmSync(small, { recursive: true, force: true });
    results.start = { leads: LEADS, readyMs: big.ready, rssMb: big.rssMb, emptyBoardReadyMs: floor.ready, emptyBoardRssMb: floor.rssMb };
    rows.push({ figure: `start to ready, ${LEADS} leads`, value: ms(big.ready), against: `1-lead board ${ms(floor.ready)}`, ratio: `${(big.ready / floor.ready).toFixed(1)}×`, target: '≤ 3 s', met: big.ready <= 3000 });
    rows.push({ figure: `resident memory, ${LEADS} leads`, value: `${big.rssMb.toFixed(0)} MB`, against: `1-lead board ${floor.rssMb.toFixed(0)} MB`, ratio: `${(big.rssMb / floor.rssMb).toFixed(1)}×`, target: '≤ 150 MB', met: big.rssMb <= 150 });
  } finally {
    await azurite.close();
  }
}

/**
 * A data folder with the seeds loaded (by default with the journal off, so the sequential seed
 * load does not wait for a disk flush per row), to be copied for each variant so all start equal.
 */
async function seededFolder(seeds: string, options: AzuriteOptions = { journal: false }): Promise<{ dir: string; loadMs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'hwb-bench-data-'));
  const azurite = await startAzurite({ ...options, dataDir: dir });
  const t = performance.now();
  const bot = await new BotHarness('2026-10-01T08:00:00Z', { SEEDS_DIR: seeds, STORAGE_CONNECTION_STRING: azurite.connectionString, TABLE_PREFIX: 'bench' }).start();
  const loadMs = performance.now() - t;
  await bot.stop();
  await azurite.close();
  return { dir, loadMs };
}

/** First start on an empty folder: the seed loader writes one row at a time, each now waiting for its journal flush. */
async function seedLoadJournal(leads: number): Promise<void> {
  const { dir: seeds } = manyLeadsSeeds(leads);
  try {
    const off = await seededFolder(seeds, { journal: false });
    const on = await seededFolder(seeds, {});
    rmSync(off.dir, { recursive: true, force: true });
    rmSync(on.dir, { recursive: true, force: true });
    results.journalSeedLoad = { leads, offMs: off.loadMs, onMs: on.loadMs };
    rows.push({ figure: `first start (seed load), ${leads} leads, journal on vs off`, value: ms(on.loadMs), against: `journal off ${ms(off.loadMs)}`, ratio: `${(on.loadMs / off.loadMs).toFixed(2)}×`, target: 'figure only', met: null });
  } finally {
    rmSync(seeds, { recursive: true, force: true });
  }
}

interface Variant {
  name: string;
  /** undefined: Azurite in memory, as the other figures use. */
  options?: AzuriteOptions;
}
const JOURNAL_OFF: Variant = { name: 'journal off (5 s autosave)', options: { journal: false } };
const JOURNAL_ON: Variant = { name: 'journal on', options: {} };

async function startVariant(v: Variant, folder: string | undefined): Promise<{ azurite: EmbeddedAzurite; dir?: string }> {
  if (!v.options || !folder) return { azurite: await startAzurite({}) };
  const dir = mkdtempSync(join(tmpdir(), 'hwb-bench-variant-'));
  cpSync(folder, dir, { recursive: true });
  return { azurite: await startAzurite({ ...v.options, dataDir: dir }), dir };
}

/**
 * Submit turns with the journal on and off, on copies of one seeded folder, in alternating
 * blocks (the machine is shared: noise then falls on both alike).
 */
async function submitJournal(leads: number): Promise<void> {
  const { dir: seeds } = manyLeadsSeeds(leads);
  const { dir: folder } = await seededFolder(seeds);
  const variants = [JOURNAL_OFF, JOURNAL_ON];
  const running = await Promise.all(variants.map((v) => startVariant(v, folder)));
  const bots = await Promise.all(running.map((r) => new BotHarness('2026-10-20T10:00:00Z', { SEEDS_DIR: seeds, STORAGE_CONNECTION_STRING: r.azurite.connectionString, TABLE_PREFIX: 'bench' }).start()));
  try {
    const n = Math.min(SUBMITS, leads);
    const lead = (i: number) => ({ id: `29:lead-${i}`, name: `Lead ${i}`, aadObjectId: `00000000-0000-0000-0001-${String(i).padStart(12, '0')}` });
    const times: number[][] = variants.map(() => []);
    const versions = variants.map(() => new Array<number>(n).fill(0));
    const submit = async (k: number, i: number) => {
      const bot = bots[k]!;
      const t = performance.now();
      const text = await post(bot.app.url, cardAction(lead(i), bot.serviceUrl, 'checkin.submit', { priority: `big-board/p${i}`, period: '2026-Q3', baseVersion: versions[k]![i], submissionId: randomUUID(), rag: 'green', update: `Progress ${i}` }));
      times[k]!.push(performance.now() - t);
      if (!text.includes('received for 2026')) throw new Error(`submit ${i} (${variants[k]!.name}) failed`);
      versions[k]![i] += 1;
    };
    for (let i = 0; i < 10; i++) for (let k = 0; k < variants.length; k++) await submit(k, i); // warm-up
    for (let k = 0; k < variants.length; k++) times[k]!.length = 0;
    const total = Math.max(SUBMITS, 300);
    for (let block = 0; block < total; block += 25) {
      for (let k = 0; k < variants.length; k++) for (let j = block; j < Math.min(total, block + 25); j++) await submit(k, j % n);
    }
    const [off, on] = times as [number[], number[]];
    const figure = { leads, n: total, offP50: pct(off, 50), offP99: pct(off, 99), onP50: pct(on, 50), onP99: pct(on, 99), onSnapshots: running[1]!.azurite.journal?.snapshots ?? 0 };
    results.journalSubmit = [...((results.journalSubmit as unknown[] | undefined) ?? []), figure];
    rows.push({ figure: `submit p50, journal on vs off, ${leads} leads`, value: ms(figure.onP50), against: `journal off ${ms(figure.offP50)}`, ratio: `${(figure.onP50 / figure.offP50).toFixed(2)}×`, target: 'figure only', met: null });
    rows.push({ figure: `submit p99, journal on vs off, ${leads} leads`, value: ms(figure.onP99), against: `journal off ${ms(figure.offP99)}`, ratio: `${(figure.onP99 / figure.offP99).toFixed(2)}×`, target: 'figure only', met: null });
  } finally {
    for (const b of bots) await b.stop();
    for (const r of running) {
      await r.azurite.close();
      if (r.dir) rmSync(r.dir, { recursive: true, force: true });
    }
    rmSync(folder, { recursive: true, force: true });
    rmSync(seeds, { recursive: true, force: true });
  }
}

/** Event-loop lateness, sampled every 10 ms: the worst, and the time lost to stalls over 50 ms. */
function stallMeter(): { stop(): { maxMs: number; stalls: number; stalledMs: number } } {
  let last = performance.now();
  let maxMs = 0;
  let stalls = 0;
  let stalledMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    const late = now - last - 10;
    last = now;
    maxMs = Math.max(maxMs, late);
    if (late > 50) {
      stalls += 1;
      stalledMs += late;
    }
  }, 10);
  return {
    stop() {
      clearInterval(timer);
      return { maxMs, stalls, stalledMs };
    },
  };
}

/** The 10,000-lead fan-out on each storage variant, with the event loop's stalls measured. */
async function fanOutStalls(): Promise<void> {
  const { dir: seeds, leadIds } = manyLeadsSeeds(LEADS);
  const { dir: folder } = await seededFolder(seeds);
  const out: unknown[] = [];
  try {
    for (const v of [{ name: 'in memory (as the fan-out figure)' } as Variant, JOURNAL_OFF, JOURNAL_ON]) {
      const { azurite, dir } = await startVariant(v, folder);
      const bot = await new BotHarness('2026-10-01T08:31:00Z', { SEEDS_DIR: seeds, STORAGE_CONNECTION_STRING: azurite.connectionString, TABLE_PREFIX: 'bench' }).start();
      try {
        bot.connector.limits = { perAppPerSecond: 50, perConversationPerSecond: 7 };
        bot.connector.chaos = { p429: 0.01, p502: 0, pDrop: 0 };
        const meter = stallMeter();
        const { seconds, missing, twice } = await remindAllLeads(bot, leadIds, 58);
        const stalls = meter.stop();
        const rate = (LEADS - missing) / seconds;
        const j = azurite.journal;
        const figure = { variant: v.name, leads: LEADS, rate, lost: missing, duplicated: twice, ...stalls, snapshots: j?.snapshots, snapshotSerialiseMs: j?.snapshotSerialiseMs };
        out.push(figure);
        console.log(JSON.stringify(figure));
        rows.push({ figure: `fan-out ${LEADS} leads, ${v.name}`, value: `${rate.toFixed(1)}/s; stalls >50 ms: ${stalls.stalls} (${(stalls.stalledMs / 1000).toFixed(1)} s), worst ${stalls.maxMs.toFixed(0)} ms`, against: 'ceiling 50/s per app', ratio: `${((rate / 50) * 100).toFixed(0)}%`, target: 'figure only', met: null });
      } finally {
        await bot.stop();
        await azurite.close();
        if (dir) rmSync(dir, { recursive: true, force: true });
      }
    }
    results.fanOutStalls = out;
  } finally {
    rmSync(folder, { recursive: true, force: true });
    rmSync(seeds, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  console.log(`Benchmarks on ${process.version}; sizes: ${LEADS} leads, ${SUBMITS} submits, ${STATUS} status calls.`);
  // The harness's storage: one in-memory Azurite for this run, as the tests use.
  const shared = await startAzurite({});
  process.env.TEST_STORAGE_CONNECTION_STRING = shared.connectionString;
  const only = process.env.BENCH_ONLY?.split(',').map((x) => x.trim());
  const wanted = (name: string) => only === undefined || only.includes(name);
  if (wanted('submit')) await submitTurn();
  if (wanted('journal')) {
    await submitJournal(50);
    await submitJournal(JOURNAL_LEADS);
    await seedLoadJournal(1000);
  }
  // `board` (the board's page) is measured against the digest on the same data, in the same run.
  if (wanted('digest') || wanted('board')) await digestBuild();
  if (wanted('status')) await statusLatency();
  if (wanted('memory')) await memoryUnderStatus();
  if (wanted('fanout') || wanted('start')) {
    const bigSeeds = wanted('fanout') ? await fanOut() : manyLeadsSeeds(LEADS).dir;
    if (wanted('start')) await startToReady(bigSeeds);
    rmSync(bigSeeds, { recursive: true, force: true });
  }
  if (only?.includes('stalls')) await fanOutStalls();
  await shared.close();
  const w = (s: string, n: number) => s.padEnd(n);
  console.log(`\n| ${w('figure', 44)} | ${w('value', 34)} | ${w('floor / ceiling, same run', 32)} | ${w('ratio', 6)} | target |`);
  console.log(`|${'-'.repeat(46)}|${'-'.repeat(36)}|${'-'.repeat(34)}|${'-'.repeat(8)}|---|`);
  for (const r of rows) console.log(`| ${w(r.figure, 44)} | ${w(r.value, 34)} | ${w(r.against, 32)} | ${w(r.ratio, 6)} | ${r.target}${r.met === null ? '' : r.met ? ' (met)' : ' (missed)'} |`);
  mkdirSync(join(__dirname), { recursive: true });
  const file = only === undefined ? 'results.json' : 'results-partial.json';
  writeFileSync(join(__dirname, file), `${JSON.stringify({ ...results, only, table: rows }, null, 2)}\n`);
  console.log(`\nWrote bench/${file}`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
