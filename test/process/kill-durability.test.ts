import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStorage } from '../../src/store/open-storage';
import { cardAction } from '../support/activities';
import { cardText } from '../support/bot-harness';
import { BotProcess } from '../support/bot-process';
import { bundledBot } from '../support/bundled-bot';
import { ConnectorStandIn } from '../support/connector-stand-in';
import { installAll, manyLeadsSeeds, sendsPerConversation } from '../support/many-leads';

/**
 * The bot as `npm start` runs it, on its default storage (Azurite embedded in the process, data
 * in DATA_DIR), killed with SIGKILL at random instants. A receipt, or an outbox "sent" mark, may
 * only exist once the write behind it is on disk: whatever the bot acknowledged must be there
 * after a restart.
 */
const lead = (i: number) => ({ id: `29:lead-${i}`, name: `Lead ${i}`, aadObjectId: `00000000-0000-0000-0001-${String(i).padStart(12, '0')}` });

/** The version a receipt names, or undefined if the answer is not a receipt. */
function receiptVersion(body: string): number | undefined {
  let card: unknown;
  try {
    card = (JSON.parse(body) as { value?: unknown }).value;
  } catch {
    return undefined;
  }
  if (!/Check-in received for 2026-Q3/.test(cardText(card))) return undefined;
  let version: number | undefined;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.title === 'Version' && typeof o.value === 'string') version = Number(o.value);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return version;
}

/** An acknowledged answer: the receipt named this version of this lead's check-in. */
interface Ack {
  lead: number;
  version: number;
  submissionId: string;
}

describe('kill -9 on the embedded storage (DATA_DIR)', function () {
  // About 3 minutes on a quiet machine; much more when the machine is shared and busy.
  this.timeout(480_000);
  let dir: string;
  const connector = new ConnectorStandIn();
  // Every process started here, so none outlives a failed test.
  const started = new Set<BotProcess>();
  let bundle: Awaited<ReturnType<typeof bundledBot>> | undefined;
  const bot = (env: Record<string, string>) => {
    const p = new BotProcess(env, bundle!.entry);
    started.add(p);
    return p;
  };
  let failed = false;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hwb-kill-'));
    await connector.start();
    // The bot is started 22 times: compiled once, it starts in about 60% of the time.
    bundle = await bundledBot();
  });
  afterEach(async () => {
    await Promise.all([...started].map((p) => p.stop('SIGKILL')));
    started.clear();
  });
  after(async () => {
    await connector.stop();
    bundle?.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * One data folder: start the bot, stream submits from several users at once, kill it at a
   * random instant while receipts come back, start it again on the same folder; `kills` times.
   * Returns every receipt, and what the folder holds at the end.
   */
  async function killLoop(name: string, kills: number, seeds: string): Promise<{ acks: Ack[]; lost: Ack[]; turns: number }> {
    const dataDir = join(dir, name);
    const env = { DATA_DIR: dataDir, SEEDS_DIR: seeds, CLOCK_START: '2026-10-20T10:00:00Z', SCHEDULER: 'off', LOG_LEVEL: 'warn' };
    const acks: Ack[] = [];
    const version = new Array<number>(LEADS).fill(0);
    // A submit whose answer the kill cut off may or may not be stored: the next round sends it
    // again unchanged, and the store answers it as a duplicate (same receipt) or saves it.
    const unanswered = new Map<number, string>();
    const refused: string[] = [];
    let turns = 0;
    for (let round = 0; round < kills && !failed; round++) {
      const running = await bot(env).start(60_000);
      let alive = true;
      let firstReceipt: () => void = () => undefined;
      const receiving = new Promise<void>((r) => (firstReceipt = r));
      const worker = async (w: number) => {
        for (let n = 0; alive && n < 1000; n++) {
          const i = w + WORKERS * (n % Math.ceil((LEADS - w) / WORKERS));
          const submissionId = unanswered.get(i) ?? randomUUID();
          unanswered.set(i, submissionId);
          const activity = cardAction(lead(i), connector.url, 'checkin.submit', { priority: `big-board/p${i}`, period: '2026-Q3', baseVersion: version[i], submissionId, rag: 'green', update: `${name} round ${round}, version ${version[i]! + 1}` });
          let text: string;
          try {
            const res = await fetch(`${running.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
            text = await res.text();
          } catch {
            return; // killed mid-request
          }
          turns += 1;
          const receipt = receiptVersion(text);
          if (receipt === undefined) {
            refused.push(`${name}: lead ${i} on base version ${version[i]}: ${text.slice(0, 300)}`);
            alive = false;
            return;
          }
          acks.push({ lead: i, version: receipt, submissionId });
          version[i] = receipt;
          unanswered.delete(i);
          firstReceipt();
        }
      };
      const workers = Array.from({ length: WORKERS }, (_, w) => worker(w));
      await Promise.race([receiving, Promise.all(workers)]);
      // A random instant while receipts stream out.
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 1200));
      alive = false;
      await running.stop('SIGKILL');
      await Promise.all(workers);
      // A refused edit means the version it was based on, acknowledged, is gone.
      if (refused.length > 0) {
        failed = true;
        assert.fail(`after kill ${round + 1} of data folder ${name}, ${refused.length} edits of acknowledged versions were refused: those versions were lost. First: ${refused[0]}`);
      }
    }
    const storage = await openStorage({ dataDir, tablePrefix: 'hwb' });
    try {
      const lost: Ack[] = [];
      for (let i = 0; i < LEADS; i++) {
        const stored = await storage.checkIns.versions('big-board', `p${i}`, '2026-Q3');
        for (const a of acks.filter((x) => x.lead === i)) if (!stored.some((s) => s.version === a.version && s.submissionId === a.submissionId)) lost.push(a);
      }
      return { acks, lost, turns };
    } finally {
      await storage.close();
    }
  }

  const LEADS = 40;
  const WORKERS = 6;

  it('every acknowledged check-in version is stored after 20 kills at random instants', async () => {
    const { dir: seeds } = manyLeadsSeeds(LEADS);
    try {
      // Two data folders side by side (two cores): 10 kills each.
      const runs = await Promise.all([killLoop('a', 10, seeds), killLoop('b', 10, seeds)]);
      const acks = runs.flatMap((r) => r.acks);
      const lost = runs.flatMap((r) => r.lost);
      console.log(`      20 kills, ${runs[0]!.turns + runs[1]!.turns} submit turns answered, ${acks.length} receipts; ${lost.length} acknowledged versions missing`);
      assert.ok(acks.length >= 20, `only ${acks.length} receipts`);
      assert.deepEqual(lost, []);
    } finally {
      rmSync(seeds, { recursive: true, force: true });
    }
  });

  it('a kill mid fan-out (500 leads): after a restart nobody is reminded twice except for sends in flight at the kill', async () => {
    const { dir: seeds, leadIds } = manyLeadsSeeds(500);
    const dataDir = join(dir, 'fan-out');
    const fanOut = new ConnectorStandIn();
    await fanOut.start();
    try {
      // Every lead has installed the bot: written to the data folder before the bot starts.
      const setup = await openStorage({ dataDir, tablePrefix: 'hwb' });
      await installAll(setup.conversations, leadIds, fanOut.url);
      await setup.close();
      const env = { DATA_DIR: dataDir, SEEDS_DIR: seeds, CLOCK_START: '2026-10-01T08:31:00Z', OUTBOX_LEASE_SECONDS: '2', LOG_LEVEL: 'warn' };
      const killAfter = 100 + Math.floor(Math.random() * 250);
      const first = bot(env);
      let timer: NodeJS.Timeout | undefined;
      const killed = new Promise<number>((resolve) => {
        timer = setInterval(() => {
          if (fanOut.sent().length >= killAfter) {
            clearInterval(timer);
            void first.stop('SIGKILL').then(() => resolve(fanOut.sent().length));
          }
        }, 2);
      });
      await first.start(60_000).catch((e: unknown) => {
        clearInterval(timer);
        throw e;
      });
      const atKill = await killed;
      assert.ok(atKill < 500, `killed after ${atKill} sends, before the end`);

      // What the folder holds after the kill: claimed and not marked done = in flight at the kill.
      const after = await openStorage({ dataDir, tablePrefix: 'hwb' });
      const ledger = await after.outbox.list('2026-09-01', '2026-12-31');
      await after.close();
      const whom = (key: string) => `a:personal-${key.split('|').at(-1)}`;
      const inFlight = new Set(ledger.filter((e) => e.status === 'claimed').map((e) => whom(e.key)));
      const markedSent = new Set(ledger.filter((e) => e.status === 'sent').map((e) => whom(e.key)));
      const reachedBeforeKill = new Set(fanOut.sent().map((c) => c.conversationId));
      // Every reminder the connector had accepted is in the ledger as sent, or still in flight.
      const unaccounted = [...reachedBeforeKill].filter((c) => !markedSent.has(c) && !inFlight.has(c));

      const second = await bot(env).start(60_000);
      try {
        const deadline = Date.now() + 90_000;
        while (new Set(fanOut.sent().map((c) => c.conversationId)).size < leadIds.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      } finally {
        await second.stop('SIGTERM');
      }
      const counts = sendsPerConversation(fanOut.calls);
      const missing = leadIds.filter((id) => !counts.has(`a:personal-${id}`));
      const twice = [...counts.entries()].filter(([, n]) => n > 1).map(([c]) => c);
      const twiceNotInFlight = twice.filter((c) => !inFlight.has(c));
      console.log(`      killed after ${atKill} sends (${markedSent.size} marked sent, ${inFlight.size} in flight); after the restart: ${missing.length} missing, ${twice.length} reminded twice, ${twiceNotInFlight.length} of them not in flight at the kill`);
      assert.deepEqual(unaccounted, [], 'reminders the connector accepted that the ledger lost');
      assert.deepEqual(missing, []);
      assert.deepEqual(twiceNotInFlight, []);
      assert.ok(inFlight.size <= 8, `${inFlight.size} sends in flight, more than the send concurrency`);
    } finally {
      await fanOut.stop();
      rmSync(seeds, { recursive: true, force: true });
    }
  });
});
