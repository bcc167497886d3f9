import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import pino from 'pino';
import { ROOT } from '../scripts/agents-playground';
import { loadConfig } from '../src/config';
import { startApp, type RunningApp } from '../src/start-app';
import { openCheckInFor } from '../src/app/check-in';
import { startProjectCheckIn, submitProjectCheckIns } from '../src/app/project-check-in';
import { monitoringSheet } from '../src/app/monitoring';
import { checkInCard } from '../src/cards/check-in-card';
import { monitoringCard } from '../src/cards/monitoring-card';
import { projectCheckInCard, projectReceiptCard, sectionPrefix } from '../src/cards/project-check-in-card';
import type { Card } from '../src/cards/elements';
import { cardPage } from '../src/web/check-in-page';
import { TestClock } from '../test/support/test-clock';
import { launchChromium, type Browser } from './support/chromium';

/**
 * The project cards and the monitoring sheet as a person sees them (issue 15): the real seeds,
 * Amy Hathway leading three of W2's projects, 24 Nov 2026. Each card, as the bot's handlers
 * render it, is shown in Chromium by the adaptivecards bundle the bot serves for its web
 * check-in page; a render or console error fails the run. Screenshots go to docs/screenshots/.
 */
const SCREENSHOTS = process.env.SCREENSHOTS_DIR ?? join(ROOT, 'docs', 'screenshots');
const AMY = { aadObjectId: '00000000-0000-0000-0000-0000000000024' };
const ALEX = { aadObjectId: '00000000-0000-0000-0000-0000000000020' };

describe('project cards and the monitoring sheet, rendered in Chromium', function () {
  this.timeout(120_000);
  let dataDir: string;
  let app: RunningApp | undefined;
  let browser: Browser | undefined;
  const pageErrors: string[] = [];

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hwb-projects-'));
    mkdirSync(SCREENSHOTS, { recursive: true });
    const config = loadConfig({ PORT: '0', DATA_DIR: join(dataDir, 'data'), SEEDS_DIR: join(ROOT, 'seeds'), SCHEDULER: 'off', LOG_LEVEL: 'silent' });
    app = await startApp(config, { clock: new TestClock('2026-11-24T10:00:00Z'), log: pino({ level: 'silent' }) });
    browser = await launchChromium({ width: 900, height: 1200 });
  });

  after(async () => {
    await browser?.close();
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Shows `card` on a page of the bot's own origin (its renderer and styles), and screenshots it. */
  async function show(name: string, title: string, card: Card): Promise<string> {
    const page: Page = await browser!.context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    const url = `${app!.url}/preview/${name}`;
    await page.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: cardPage(title, card) }));
    await page.goto(url);
    await page.locator('#card-host .ac-adaptiveCard').waitFor();
    const text = await page.locator('#card-host').innerText();
    assert.doesNotMatch(text, /render error|could not be rendered/i);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
    await page.close();
    return text;
  }

  it('a project lead\'s card: a section per project, each with the template\'s fields', async () => {
    const text = await show('35-project-checkin-card', 'Project check-in', projectCheckInCard(await startProjectCheckIn(app!.deps, AMY)));
    assert.equal((text.match(/Project \d of 3:/g) ?? []).length, 3);
    for (const label of ['Progress update (what was done this period)', 'Risks and mitigations', 'Point for escalation to the board (optional)']) {
      assert.equal(text.split(label).length - 1, 3, label);
    }
    assert.match(text, /Submit the projects you answered/);
    assert.deepEqual(pageErrors, []);
  });

  it('in the renderer, two of three sections filled: the card is sent (a blank section blocks nothing), the blank one empty', async () => {
    const page: Page = await browser!.context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    const url = `${app!.url}/preview/project-submit`;
    await page.route(url, async (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: cardPage('Project check-in', projectCheckInCard(await startProjectCheckIn(app!.deps, AMY, 'W2'))) }));
    // What the page posts is caught here: the test is that the renderer sends it at all.
    let sent: { verb?: string; data?: Record<string, unknown> } | undefined;
    await page.route(`${app!.url}/checkin/submit**`, async (route) => {
      sent = route.request().postDataJSON() as typeof sent;
      await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ kind: 'form', card: projectCheckInCard(await startProjectCheckIn(app!.deps, AMY, 'W2')) }) });
    });
    await page.goto(url);
    await page.locator('#card-host .ac-adaptiveCard').waitFor();
    await page.getByRole('radio', { name: /Green: Good progress/ }).nth(0).check();
    await page.getByRole('textbox', { name: /Progress update/ }).nth(0).fill('Social care teams trained on the LD weight pathway.');
    await page.getByRole('radio', { name: /Red: Little or no progress/ }).nth(2).check();
    await page.getByRole('textbox', { name: /Progress update/ }).nth(2).fill('Maternity weight service paused.');
    const request = page.waitForRequest(`${app!.url}/checkin/submit**`, { timeout: 10_000 });
    await page.getByRole('button', { name: 'Submit the projects you answered' }).click();
    await request;
    await page.close();
    assert.equal(sent?.verb, 'projects.submit');
    assert.deepEqual([sent?.data?.p0_rag, sent?.data?.p2_rag], ['green', 'red']);
    // This renderer leaves an empty input out of the data; Teams sends it empty: blank either way.
    for (const id of ['p1_rag', 'p1_update']) assert.ok([undefined, ''].includes(sent?.data?.[id] as string | undefined), id);
    assert.deepEqual(pageErrors, []);
  });

  it('after submit: a receipt line per project answered, and the one left blank said', async () => {
    const view = await startProjectCheckIn(app!.deps, AMY, 'W2');
    const typed: Record<number, Record<string, string>> = {
      0: { rag: 'green', update: 'Social care teams trained on the LD weight pathway.', nextSteps: 'Second cohort in February.' },
      2: { rag: 'red', update: 'Maternity weight service paused: no dietitian since September.', risks: 'Recruitment: agency cover asked for.' },
    };
    const sections = view.sections.map((s, i) => ({ unit: `${s.priority.strategyKey}/${s.priority.key}`, period: s.period.label, baseVersion: s.baseVersion, submissionId: s.submissionId, inputs: typed[i] ?? {}, channel: 'teams' as const }));
    assert.equal(sectionPrefix(0), 'p0_');
    const result = await submitProjectCheckIns(app!.deps, AMY, 'leicester-2022-27/W2', sections);
    assert.equal(result.kind, 'receipts');
    if (result.kind !== 'receipts') return;
    const text = await show('36-project-receipt', 'Project check-ins received', projectReceiptCard(result, app!.deps.board.timeZone));
    assert.match(text, /2 project check-ins received for 2026-Q3/);
    assert.match(text, /Still open for 2026-Q3 \(left blank, so not answered yet\): LNDS nutrition training for workforces/);
    assert.deepEqual(pageErrors, []);
  });

  it('the workstream lead\'s card shows the projects beside each other, with the suggested rating', async () => {
    const text = await show('37-workstream-card-with-projects', 'Check-in for W2', checkInCard(await openCheckInFor(app!.deps, ALEX, 'leicester-2022-27/W2')));
    assert.match(text, /Projects this period \(2 of 4 answered\)/);
    assert.match(text, /The projects suggest/);
    assert.deepEqual(pageErrors, []);
  });

  it('monitoring W2: the template\'s sheet, a row per project in its seven columns', async () => {
    const text = await show('38-monitoring-card', 'Monitoring: W2 Healthy Weight', monitoringCard(await monitoringSheet(app!.deps, ALEX, 'W2')));
    for (const column of ['Reporting Projects', 'Project KPIs and Targets', 'Update', 'Next steps', 'PLUS Groups - SMI - LD - Homelessness', 'Risks and mitigations', 'RAG for period']) assert.ok(text.includes(column), column);
    assert.match(text, /Not yet reported/);
    assert.deepEqual(pageErrors, []);
  });
});
