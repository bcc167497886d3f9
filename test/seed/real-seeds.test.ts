import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateCard } from '../../src/cards/validate-card';
import { strategySummary } from '../../src/app/summary';
import { loadSeeds } from '../../src/seed/load-seeds';
import { readSeedSet, seedFilesIn } from '../../src/seed/seed-files';
import { ALEX, cardAction, MEGAN, message, submitFrom, type TeamsUser } from '../support/activities';
import { BotHarness, cardText } from '../support/bot-harness';
import { freshStorage } from '../support/storage';

const ROOT = join(__dirname, '..', '..');
const SEEDS = join(ROOT, 'seeds');

interface Printed {
  period: string;
  rag?: Record<string, number>;
  directionOfTravel?: Record<string, number>;
}

describe('the boards\' real seed data', function () {
  this.timeout(60_000);

  it('every strategy whose paper prints its counts is seeded so that our summary computes the same counts', async () => {
    const storage = await freshStorage();
    try {
      const files = seedFilesIn(SEEDS);
      await loadSeeds(storage, readSeedSet(files, SEEDS), new Date('2026-11-24T10:00:00Z'));
      const printed = files
        .map((f) => JSON.parse(readFileSync(f, 'utf8')) as { key?: string; summaryAsPrinted?: Printed })
        .filter((s): s is { key: string; summaryAsPrinted: Printed } => s.summaryAsPrinted !== undefined && s.key !== undefined);
      assert.ok(printed.some((s) => s.key === 'leicester-2013-16'), 'the 2013-16 final report prints its counts');
      for (const { key, summaryAsPrinted } of printed) {
        const { summary } = await strategySummary({ strategies: storage.strategies, checkIns: storage.checkIns }, key, summaryAsPrinted.period);
        if (summaryAsPrinted.rag) assert.deepEqual(summary.rag, summaryAsPrinted.rag, `${key}: RAG counts`);
        if (summaryAsPrinted.directionOfTravel) assert.deepEqual(summary.directionOfTravel, summaryAsPrinted.directionOfTravel, `${key}: direction of travel`);
      }
    } finally {
      await storage.tables.dropTables();
    }
  });

  it('hwb-bot summary for Closing the Gap 2013-16 prints the April 2016 report\'s counts: RAG 12 green, 7 amber; DoT 20 improved, 3 worsened, 2 not comparable', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hwb-real-seeds-'));
    try {
      const run = (...args: string[]) =>
        spawnSync(process.execPath, [join(ROOT, 'bin', 'hwb-bot.js'), ...args], {
          cwd: ROOT,
          encoding: 'utf8',
          env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir, SEEDS_DIR: SEEDS, LOG_LEVEL: 'silent' },
        });
      const load = run('seed', 'load');
      assert.equal(load.status, 0, load.stderr);
      const r = run('summary', '--strategy', 'leicester-2013-16', '--json');
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout), {
        strategy: 'leicester-2013-16',
        period: '2016-Q1',
        rag: { red: 0, amber: 7, green: 12, notReported: 0 },
        directionOfTravel: { improved: 20, same: 0, worsened: 3, notComparable: 2 },
      });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  describe('in chat', () => {
    let bot: BotHarness;
    before(async () => (bot = await new BotHarness('2026-11-24T10:00:00Z', { SEEDS_DIR: SEEDS }).start()));
    after(async () => bot.stop());

    const ask = async (user: TeamsUser, text: string) => {
      bot.connector.reset();
      await bot.post(message(user, bot.serviceUrl, text));
      const card = bot.connector.lastCard();
      assert.deepEqual(validateCard(card), []);
      return cardText(card);
    };

    it('status of a 2013-16 section shows its contacts, its final statement of April 2016 and its RAG', async () => {
      const text = await ask(ALEX, 'status 1.1');
      assert.match(text, /^1\.1\. Reduce Infant Mortality\n/);
      assert.match(text, /RAG now\n▲ Amber/);
      assert.match(text, /Contacts\nClare Mills \(Leicester City Council\); Nicola Bassindale \(Leicester City Council\)/);
      assert.match(text, /Latest answer\n2016-Q1, by Clare Mills/);
      assert.match(text, /Strategy closed: history only/);
      assert.match(text, /Update\nAction underway in the City to Reduce Infant Mortality since the last update include:/);
      assert.match(text, /Breastfeeding at 6-8 weeks \(%\)\n54\.9 \(2011\/12\)\n62\.6 \(2015\/16 \(Q1\)\)\nNone set\n↗ improved/);
    });

    it('status of a 2022-27 workstream shows its projects\' KPIs with baseline, latest, target and direction; a lead\'s reading moves them', async () => {
      const before = await ask(ALEX, 'status W1');
      assert.match(before, /^W1\. Childhood Immunisations\n/);
      assert.match(before, /Projects\n• Antenatal Vaccinations/);
      assert.match(before, /Babies and Pre-school Children: MMR 2 doses at 5 years, City uptake \(%\)\n69 \(2024\)\nNo reading since baseline\n95 \(WHO\)\nNot yet measurable/);

      // Megan leads W1 in the demo people file: her check-in carries a new MMR2 reading.
      await bot.post(message(MEGAN, bot.serviceUrl, 'checkin W1'));
      const { verb, data } = submitFrom(bot.connector.lastCard(), { rag: 'amber', update: 'Home visits started in the lowest-uptake practices.', kpi_mmr2: '72', ragReason: 'Uptake rose, but 72% is far from the 95% the WHO asks for.' });
      const answer = await bot.invoke(cardAction(MEGAN, bot.serviceUrl, verb, data));
      assert.equal(answer.body.statusCode, 200);
      assert.doesNotMatch(cardText(answer.body.value as Record<string, unknown>), /Nothing was saved/);
      const after = await ask(ALEX, 'status W1');
      assert.match(after, /MMR 2 doses at 5 years, City uptake \(%\)\n69 \(2024\)\n72 \(2026-Q3\)\n95 \(WHO\)\n↗ improved/);
    });
  });
});
