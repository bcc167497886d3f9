import { strict as assert } from 'node:assert';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from '../scripts/agents-playground';
import { startAzurite, type EmbeddedAzurite } from '../src/store/azurite-embedded';
import { ADELE, ALEX, cardAction, submitFrom } from '../test/support/activities';
import { BotHarness } from '../test/support/bot-harness';
import { runCli } from '../test/support/cli-runner';
import { uniquePrefix } from '../test/support/storage';
import { describeViolations, seriousViolations } from './support/axe';
import { launchChromium, type Browser } from './support/chromium';

/**
 * The board's page in Debian's Chromium, on the real seeds: opened through the link `board` gives
 * in chat, its counts are `hwb-bot summary --json`'s for each live strategy; a just-submitted
 * answer shows in the grid; axe-core finds nothing serious; the keyboard reaches the filters and
 * the grid's links; printed, the grid stays within an A4 landscape page. Screenshots go to
 * docs/screenshots/ (SCREENSHOTS_DIR moves them).
 */
const SCREENSHOTS = process.env.SCREENSHOTS_DIR ?? join(ROOT, 'docs', 'screenshots');
const AS_AT = '2026-10-20';

describe("the board's page in Chromium, on the real seeds", function () {
  this.timeout(180_000);
  let azurite: EmbeddedAzurite;
  let bot: BotHarness;
  let browser: Browser;
  let env: Record<string, string>;
  /** Console errors and CSP violations on any page: each one fails the run. */
  const pageErrors: string[] = [];

  before(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    azurite = await startAzurite({});
    env = { STORAGE_CONNECTION_STRING: azurite.connectionString, TABLE_PREFIX: uniquePrefix(), SEEDS_DIR: join(ROOT, 'seeds') };
    bot = await new BotHarness(`${AS_AT}T10:00:00Z`, env).start();
    browser = await launchChromium({ width: 1400, height: 1000 });
  });
  after(async () => {
    await browser?.close();
    await bot?.stop();
    await azurite?.close();
  });
  afterEach(() => assert.deepEqual(pageErrors.splice(0), [], 'console errors or CSP violations on the page'));

  async function open(url: string): Promise<Page> {
    const page = await browser.context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    const res = await page.goto(url);
    assert.equal(res?.status(), 200, `${url} answered ${res?.status()}`);
    return page;
  }

  async function boardLinkFromChat(): Promise<string> {
    const card = await bot.ask(ADELE, 'board');
    const url = /"url":"([^"]+\/boards\/leicester-city\?token=[^"]+)"/.exec(JSON.stringify(card))?.[1];
    assert.ok(url, `no link to Leicester City's page in ${JSON.stringify(card).slice(0, 400)}`);
    return url;
  }

  it('opened through the link from "board", shows the counts `hwb-bot summary --json` gives for each live strategy', async () => {
    const page = await open(await boardLinkFromChat());
    // Read in the page as plain text per count (no helper functions inside evaluate: tsx names them).
    const raw = await page.$$eval('[data-strategy]', (sections) => sections.map((s) => [s.getAttribute('data-strategy') ?? '', ...['red', 'amber', 'green', 'not-reported', 'not-yet-due', 'no-lead'].map((k) => s.querySelector(`[data-count="${k}"]`)?.textContent ?? '')]));
    const shown = raw.map(([strategy, ...texts]) => {
      const [red, amber, green, notReported, notYetDue, noLead] = texts.map((t) => Number(/\d+/.exec(t)?.[0] ?? 'NaN'));
      return { strategy: strategy!, rag: { red: red!, amber: amber!, green: green!, notReported: notReported! }, notYetDue: notYetDue!, noLead: noLead! };
    });
    // Live as at the date: the strategy's last year not yet passed (the Leicester City strategies `hwb-bot strategies` lists).
    const listed = JSON.parse((await runCli(env, 'strategies', '--json')).out) as { key: string; board: string; years: { to: number } }[];
    const keys = listed.filter((s) => s.board.startsWith('Leicester City') && s.years.to >= Number(AS_AT.slice(0, 4))).map((s) => s.key);
    assert.ok(shown.length > 0, 'no strategy counts on the page');
    assert.deepEqual(shown.map((s) => s.strategy).sort(), [...keys].sort());
    for (const s of shown) {
      const cli = await runCli(env, 'summary', '--strategy', s.strategy, '--as-at', AS_AT, '--json');
      assert.equal(cli.code, 0, cli.err);
      const want = JSON.parse(cli.out) as { rag: typeof s.rag; notYetDue: number; noLead: number };
      assert.deepEqual({ rag: s.rag, notYetDue: s.notYetDue, noLead: s.noLead }, { rag: want.rag, notYetDue: want.notYetDue, noLead: want.noLead }, s.strategy);
    }
    await page.screenshot({ path: join(SCREENSHOTS, '40-board-page.png'), fullPage: false });
    await page.close();
  });

  it('shows a just-submitted answer in the grid, and its cell opens the answer', async () => {
    const url = await boardLinkFromChat();
    const row = (p: Page) => p.locator('tr[data-ref="leicester-2022-27/19"]');
    const before = await open(url);
    const redBefore = await row(before).locator('td[data-state="red"]').count();
    await before.close();
    await bot.ask(ALEX, 'checkin 19');
    const { verb, data } = submitFrom(bot.connector.lastCard(), { rag: 'red', update: 'Falls clinic closed for refurbishment until January.', ragReason: 'Waiting list doubled.' });
    const answer = await bot.invoke(cardAction(ALEX, bot.serviceUrl, verb, data));
    assert.equal(answer.status, 200);
    const after = await open(url);
    assert.equal(await row(after).locator('td[data-state="red"]').count(), redBefore + 1);
    await row(after).locator('td[data-state="red"] a').last().click();
    await after.getByText('Falls clinic closed for refurbishment until January.').waitFor();
    assert.match(after.url(), /\/priorities\/leicester-2022-27\/19\?.*#answer-/);
    await after.close();
  });

  it('axe-core finds no serious or critical violation on the board page and on a priority page with KPI charts', async () => {
    const page = await open(await boardLinkFromChat());
    const board = await seriousViolations(page);
    assert.equal(board.length, 0, `board page:\n${describeViolations(board)}`);
    // The first priority with KPIs: its chart is drawn by Chart.js (served by the bot), its table always there.
    const links = (await page.$$eval('tr.priority th a', (as) => as.map((a) => a.getAttribute('href') ?? ''))).map((h) => new URL(h, page.url()).href);
    let charted: Page | undefined;
    for (const href of links) {
      const p = await open(href);
      if ((await p.locator('.kpi-chart canvas').count()) > 0) {
        charted = p;
        break;
      }
      await p.close();
    }
    assert.ok(charted, 'no priority with KPIs on the board');
    const drawn = await charted.locator('.kpi-chart canvas').first().evaluate((canvas) => Boolean((globalThis as unknown as { Chart: { getChart(c: unknown): unknown } }).Chart.getChart(canvas)));
    assert.ok(drawn, 'the KPI chart was not drawn');
    assert.ok((await charted.locator('table.readings').count()) > 0, 'no readings table beside the chart');
    const priority = await seriousViolations(charted);
    assert.equal(priority.length, 0, `priority page:\n${describeViolations(priority)}`);
    await charted.screenshot({ path: join(SCREENSHOTS, '41-priority-page.png'), fullPage: false });
    await charted.close();
    await page.close();
  });

  it('the keyboard reaches every filter and the grid links', async () => {
    const page = await open(await boardLinkFromChat());
    const reached = new Set<string>();
    const want = ['f-asAt', 'f-strategy', 'f-theme', 'f-lead', 'f-status'];
    let gridLinks = 0;
    for (let i = 0; i < 400 && (want.some((w) => !reached.has(w)) || gridLinks < 3); i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = (globalThis as unknown as { document: { activeElement: { id: string; closest(s: string): unknown } | null } }).document.activeElement;
        return { id: el?.id ?? '', inGrid: Boolean(el?.closest('td.cell')) };
      });
      if (focused.id) reached.add(focused.id);
      if (focused.inGrid) gridLinks += 1;
    }
    assert.deepEqual(want.filter((w) => !reached.has(w)), [], 'filters the keyboard did not reach');
    assert.ok(gridLinks >= 3, `the keyboard reached ${gridLinks} grid links`);
    // The filters work with the keyboard alone: choose a status, press Enter on the button.
    await page.focus('#f-status');
    await page.selectOption('#f-status', 'no-lead');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string } | null } }).document.activeElement?.textContent), 'Show');
    await page.keyboard.press('Enter');
    await page.waitForURL(/status=no-lead/);
    const states = await page.$$eval('tr.priority', (rows) => rows.length);
    assert.ok(states > 0);
    await page.close();
  });

  it('printed on A4 landscape, the grid and attention list stay within the page, with the board and date on it', async () => {
    const page = await open(await boardLinkFromChat());
    // A4 landscape less the page margins (10 mm each side), at 96 px per inch.
    const width = Math.floor(((297 - 20) / 25.4) * 96);
    await page.setViewportSize({ width, height: 700 });
    await page.emulateMedia({ media: 'print' });
    const overflow = await page.$$eval('table.grid, .attention', (els, w) => els.map((el) => ({ right: el.getBoundingClientRect().right, scroll: el.scrollWidth - el.clientWidth })).filter((r) => r.right > w + 1 || r.scroll > 1), width);
    assert.deepEqual(overflow, [], 'tables wider than the printed page');
    assert.equal(await page.locator('.filters').isVisible(), false, 'the filters are not printed');
    assert.ok(await page.locator('table.grid thead tr.print-only').first().isVisible(), 'each printed table repeats the board and date');
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    assert.ok(pdf.length > 10_000 && pdf.subarray(0, 5).toString() === '%PDF-');
    await page.screenshot({ path: join(SCREENSHOTS, '42-board-page-print.png'), fullPage: false });
    await page.close();
  });
});
