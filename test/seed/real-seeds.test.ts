import { strict as assert } from 'node:assert';
import JSZip from 'jszip';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateCard } from '../support/validate-card';
import { strategySummary } from '../../src/app/summary';
import { aBoard } from '../domain/builders';
import { TestClock } from '../support/test-clock';
import { runCli } from '../support/cli-runner';
import type { CheckInStore, StrategyStore } from '../../src/domain/ports';
import { loadSeeds } from '../../src/seed/load-seeds';
import { readSeedSet, seedFilesIn } from '../../src/seed/seed-files';
import { ALEX, cardAction, CHANNEL_ID, channelMessage, MEGAN, message, submitFrom, type TeamsUser } from '../support/activities';
import { BotHarness, cardText } from '../support/bot-harness';
import { freshStorage } from '../support/storage';

const ROOT = join(__dirname, '..', '..');
const SEEDS = join(ROOT, 'seeds');

interface Printed {
  period: string;
  rag?: Record<string, number>;
  directionOfTravel?: Record<string, number>;
}

const LOADED_AT = '2026-11-24T10:00:00Z';

/** What the picture needs: the stores, the test clock at the seeds' load date, and the board's settings. */
function pictureDeps(storage: { strategies: StrategyStore; checkIns: CheckInStore }) {
  return { strategies: storage.strategies, checkIns: storage.checkIns, clock: new TestClock(LOADED_AT), board: aBoard().build() };
}

describe('the boards\' real seed data', function () {
  this.timeout(60_000);

  it('every strategy whose paper prints its counts is seeded so that our summary computes the same counts', async () => {
    const storage = await freshStorage();
    try {
      const files = seedFilesIn(SEEDS);
      await loadSeeds(storage, readSeedSet(files, SEEDS), new Date(LOADED_AT));
      const printed = files
        .map((f) => JSON.parse(readFileSync(f, 'utf8')) as { key?: string; summaryAsPrinted?: Printed })
        .filter((s): s is { key: string; summaryAsPrinted: Printed } => s.summaryAsPrinted !== undefined && s.key !== undefined);
      assert.ok(printed.some((s) => s.key === 'leicester-2013-16'), 'the 2013-16 final report prints its counts');
      for (const { key, summaryAsPrinted } of printed) {
        const { summary } = await strategySummary(pictureDeps(storage), key, summaryAsPrinted.period);
        if (summaryAsPrinted.rag) assert.deepEqual(summary.rag, summaryAsPrinted.rag, `${key}: RAG counts`);
        if (summaryAsPrinted.directionOfTravel) assert.deepEqual(summary.directionOfTravel, summaryAsPrinted.directionOfTravel, `${key}: direction of travel`);
      }
    } finally {
      await storage.tables.dropTables();
    }
  });

  it('Leicestershire 2022-32, February 2023: the two RAG statuses the paper states, the rest not reported; both headline indicators with figures worsened', async () => {
    const storage = await freshStorage();
    try {
      await loadSeeds(storage, readSeedSet(seedFilesIn(SEEDS), SEEDS), new Date(LOADED_AT));
      const { summary } = await strategySummary(pictureDeps(storage), 'leicestershire-2022-32', '2022');
      // "All schemes across the ID/JCG … are rated as Green apart from the LLR Shared Care Record, this is amber".
      assert.deepEqual(summary.rag, { red: 0, amber: 1, green: 1, notReported: 11 });
      // Low birth weight 2.2% → 2.7% (lower is better); cervical screening 74.2% → 73.8%.
      assert.deepEqual(summary.directionOfTravel, { improved: 0, same: 0, worsened: 2, notComparable: 0 });
      const record = await storage.checkIns.get('leicestershire-2022-32', 'ie-shared-care-record', '2022');
      assert.equal(record?.rag, 'amber');
      assert.match(record?.update ?? '', /technical issues/);
    } finally {
      await storage.tables.dropTables();
    }
  });

  describe('on the command line, against the bot\'s own embedded storage', () => {
    let dataDir: string;
    const run = (...args: string[]) => runCli({ DATA_DIR: dataDir, SEEDS_DIR: SEEDS, LOG_LEVEL: 'silent' }, ...args);
    before(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'hwb-real-seeds-'));
      const load = await run('seed', 'load');
      assert.equal(load.code, 0, load.err);
    });
    after(() => rmSync(dataDir, { recursive: true, force: true }));

    it('summary for Closing the Gap 2013-16 prints the April 2016 report\'s counts: RAG 12 green, 7 amber; DoT 20 improved, 3 worsened, 2 not comparable', async () => {
      const r = await run('summary', '--strategy', 'leicester-2013-16', '--json');
      assert.equal(r.code, 0, r.err);
      assert.deepEqual(JSON.parse(r.out), {
        strategy: 'leicester-2013-16',
        period: '2016-Q1',
        rag: { red: 0, amber: 7, green: 12, notReported: 0 },
        directionOfTravel: { improved: 20, same: 0, worsened: 3, notComparable: 2 },
      });
    });

    it('report --format docx: the RAG counts table, the 25-indicator table with direction of travel, 19 statements with Amber first', async () => {
      const out = join(dataDir, 'closing-the-gap.docx');
      const r = await run('report', '--strategy', 'leicester-2013-16', '--format', 'docx', '--out', out);
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /period 2016-Q1, 19 statements, 25 indicators\./);
      const xml = await (await JSZip.loadAsync(readFileSync(out))).file('word/document.xml')!.async('string');
      const textOf = (fragment: string) => fragment.replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&apos;/g, "'").replace(/&quot;/g, '"');
      const tables = xml.split('<w:tbl>').slice(1).map((t) => t.split('</w:tbl>')[0]!);
      assert.equal(tables.length, 2, 'a RAG table and an indicator table');
      const rows = (t: string) => t.split('<w:tr>').slice(1).map((row) => row.split('<w:tc>').slice(1).map((c) => textOf(c).trim()));
      assert.deepEqual(
        rows(tables[0]!).map((r) => [r[0], r[2]]),
        [['Rating', 'Count'], ['Red', '0'], ['Amber', '7'], ['Green', '12'], ['Not reported', '0']],
      );
      const indicators = rows(tables[1]!);
      assert.deepEqual(indicators[0], ['Indicator', 'Baseline', 'Latest', 'Target', 'Direction of travel', 'Notes']);
      assert.equal(indicators.length - 1, 25);
      const directions = indicators.slice(1).map((r) => r[4]);
      assert.deepEqual(
        ['Improved', 'Same', 'Worsened', 'Not comparable'].map((d) => directions.filter((x) => x === d).length),
        [20, 0, 3, 2],
      );
      assert.deepEqual(indicators.find((r) => r[0]!.startsWith('Breastfeeding at 6-8 weeks'))?.slice(1, 5), ['54.9 (2011/12)', '62.6 (2015/16 (Q1))', '—', 'Improved']);
      const statements = [...xml.matchAll(/<w:pStyle w:val="Heading3"\/>[\s\S]*?<\/w:p>/g)].map((m) => textOf(m[0]).trim());
      assert.equal(statements.length, 19);
      assert.equal(statements[0], '1.1. Reduce Infant Mortality');
      const body = textOf(xml);
      assert.equal(body.match(/RAG rating: Amber/g)?.length, 7);
      assert.equal(body.match(/RAG rating: Green/g)?.length, 12);
      assert.ok(body.indexOf('RAG rating: Green') > body.lastIndexOf('RAG rating: Amber'), 'Amber statements come before Green ones');
      assert.match(body, /Contacts: Clare Mills \(Leicester City Council\); Nicola Bassindale \(Leicester City Council\)/);
      assert.doesNotMatch(body, /RATING/, 'the paper\'s own rating lines are not left inside statements');
    });
  });

  describe('a lead\'s first check-in of W1 with a typed reading', () => {
    let bot: BotHarness;
    before(async () => (bot = await new BotHarness('2026-11-24T10:00:00Z', { SEEDS_DIR: SEEDS }).start()));
    after(async () => bot.stop());

    it('MMR2 typed as 66 against a 69 baseline: the suggestion and the marked reason field come from the typed reading; with a reason it saves', async () => {
      await bot.post(message(MEGAN, bot.serviceUrl, 'checkin W1'));
      const card = bot.connector.lastCard();
      const first = submitFrom(card, { rag: 'green', update: 'Catch-up clinics booked in the lowest-uptake practices.', kpi_mmr2: '66' });
      const refused = await bot.invoke(cardAction(MEGAN, bot.serviceUrl, first.verb, first.data));
      const text = cardText(refused.body.value as Record<string, unknown>);
      assert.match(text, /Nothing was saved: one answer needs fixing \(marked below\)/);
      // The field that needs fixing is marked, and says what the typed reading suggests.
      assert.match(text, /The KPIs suggest (Red|Amber)\. You chose Green: say in one line why\./);
      assert.match(text, /The KPIs suggest ● Red: MMR 2 doses at 5 years, City uptake: 66 is no better than the baseline of 69/);
      assert.match(JSON.stringify(refused.body.value), /"id":"ragReason"[^}]*\},\{"type":"TextBlock","id":"ragReason-error","text":"The KPIs suggest Red[^"]*","color":"Attention"/, 'the reason field is the one marked (its message has the id the web page ties to it)');
      assert.equal(await bot.app.deps.checkIns.get('leicester-2022-27', 'W1', '2026-Q3'), undefined, 'nothing saved');
      const second = submitFrom(refused.body.value as Record<string, unknown>, { rag: 'green', update: 'Catch-up clinics booked in the lowest-uptake practices.', kpi_mmr2: '66', ragReason: 'Clinics start next month; uptake will follow.' });
      const saved = await bot.invoke(cardAction(MEGAN, bot.serviceUrl, second.verb, second.data));
      assert.doesNotMatch(cardText(saved.body.value as Record<string, unknown>), /Nothing was saved/);
      const stored = await bot.app.deps.checkIns.get('leicester-2022-27', 'W1', '2026-Q3');
      assert.deepEqual([stored?.rag, stored?.kpiReadings.mmr2, stored?.ragReason], ['green', 66, 'Clinics start next month; uptake will follow.']);
    });
  });

  describe('in chat', () => {
    let bot: BotHarness;
    before(async () => (bot = await new BotHarness('2026-11-24T10:00:00Z', { SEEDS_DIR: SEEDS }).start()));
    after(async () => bot.stop());

    const ask = async (user: TeamsUser, text: string) => cardText(await bot.ask(user, text));

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

    it('status of a Leicestershire 2013 priority shows its governance, outcomes with PHOF references, and its plan behind a button', async () => {
      const card = await bot.ask(ALEX, 'status harm caused by alcohol and drugs');
      const text = cardText(card);
      assert.match(text, /^2\. We will reduce the harm caused by alcohol and drugs\n/);
      assert.match(text, /Governance\nHWB \/ Substance Misuse Partnership Board/);
      assert.match(text, /Outcomes\n• We will increase the proportion of service users that successfully complete drug treatment \(PHOF 2\.15\)\n• We will reduce the proportion of the population that are admitted to hospital for alcohol related causes \(PHOF 2\.18\)/);
      // 7 actions and 24 milestones: hidden until asked for, so the card opens on what matters first.
      const json = JSON.stringify(card);
      assert.match(json, /"title":"Show the plan: 7 actions, 24 milestones"/);
      assert.match(json, /"id":"plan","isVisible":false/);
      assert.match(text, /1c\) Re-establish Substance Misuse Clinical Forum .* by 01\/09\/13 \(due 1 Sept 2013\)/);
      assert.match(text, /6e\) Children's Centres .* \(due Jan 2013\)/);
    });

    it('summary and digest now on the real data: the live strategies only, valid cards', async () => {
      const summary = await ask(ALEX, 'summary');
      assert.match(summary, /Leicester's Care, Health and Wellbeing Strategy 2022-2027/);
      assert.match(summary, /Leicestershire Joint Health and Wellbeing Strategy 2022-32/);
      assert.doesNotMatch(summary, /Closing the Gap/, 'a closed strategy is not summarised by default');

      // Alex manages both boards: the channel is set for one of them, named.
      await bot.post(channelMessage(ALEX, bot.serviceUrl, 'use this channel for digests leicester city'));
      bot.connector.reset();
      await bot.post(channelMessage(ALEX, bot.serviceUrl, 'digest now leicester city'));
      const posts = bot.connector.sentTo(CHANNEL_ID);
      assert.equal(posts.length, 1);
      const card = (posts[0]!.body.attachments as { content: unknown }[])[0]!.content;
      assert.deepEqual(validateCard(card), []);
      const text = cardText(posts[0]!.body.attachments);
      assert.match(text, /Escalation digest/);
      // The board's own strategy only; the overdue list in the papers' order (1, 2, … 10), not key order (1, 10, 2).
      assert.match(text, /Leicester City Health and Wellbeing Board\nLeicester's Care, Health and Wellbeing Strategy 2022-2027 \(2026-Q3\)\n/);
      assert.doesNotMatch(text, /Leicestershire Joint/);
      // Nobody was asked about priorities with no lead: listed once under No lead, in the papers' order, never as overdue.
      assert.match(text, /Overdue \(3 priorities, 3 projects\)\n19\. We will reduce the number of falls[^\n]*\n313 days overdue \(due 15 Jan 2026\)\n/);
      assert.match(text, /No lead assigned \(19\)\n[^\n]*\n1\. We will improve the built environment[^\n]*\n2\. /);
    });

    it('status of a 2022-27 workstream shows its projects\' KPIs with baseline, latest, target and direction; a lead\'s reading moves them', async () => {
      const before = await ask(ALEX, 'status W1');
      assert.match(before, /^W1\. Childhood Immunisations\n/);
      // Each project on the workstream's period, and who answers it (the paper names a board, not a person).
      assert.match(before, /Projects, 2026-Q3\nAntenatal Vaccinations\nNot yet reported · LLR Immunisation Board \(the workstream lead answers\)/);
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
