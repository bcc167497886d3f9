import { strict as assert } from 'node:assert';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from '../scripts/agents-playground';
import { ALEX, AMY, cardAction, submitFrom } from '../test/support/activities';
import { BotHarness } from '../test/support/bot-harness';
import { cardPage } from '../src/web/check-in-page';
import type { Card } from '../src/bot/cards/elements';
import { launchChromium, type Browser } from './support/chromium';

/**
 * The project cards as a person sees them: the cards the bot answers with in Teams (real seeds,
 * Amy Hathway leading three of W2's projects, 24 Nov 2026), each rendered in Chromium by the
 * adaptivecards bundle the bot serves for its web check-in page. A render error or a console
 * error fails the run. Screenshots go to docs/screenshots/ (SCREENSHOTS_DIR moves them).
 */
const SCREENSHOTS = process.env.SCREENSHOTS_DIR ?? join(ROOT, 'docs', 'screenshots');

describe('project cards, rendered in Chromium', function () {
  this.timeout(120_000);
  let bot: BotHarness;
  let browser: Browser | undefined;
  const pageErrors: string[] = [];

  before(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    bot = await new BotHarness('2026-11-24T10:00:00Z', { SEEDS_DIR: join(ROOT, 'seeds') }).start();
    browser = await launchChromium({ width: 900, height: 1200 });
  });

  after(async () => {
    await browser?.close();
    await bot?.stop();
  });

  /** Shows `card` on a page of the bot's own origin (its renderer and styles), and screenshots it. */
  async function show(name: string, title: string, card: Record<string, unknown>): Promise<Page> {
    const page = await browser!.context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    const url = `${bot.app.url}/preview/${name}`;
    await page.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: cardPage(title, card as Card) }));
    await page.goto(url);
    await page.locator('#card-host .ac-adaptiveCard').waitFor();
    assert.doesNotMatch(await page.locator('body').innerText(), /render error|could not be rendered/i);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
    return page;
  }

  it('a project lead\'s card: a section per project, each with the template\'s fields', async () => {
    const card = await bot.ask(AMY, 'checkin');
    const page = await show('35-project-checkin-card', 'Project check-in', card);
    const text = await page.locator('#card-host').innerText();
    assert.equal((text.match(/Project \d of 3:/g) ?? []).length, 3);
    for (const label of ['Progress update (what was done this period)', 'Next steps', 'Risks and mitigations', 'Point for escalation to the board (optional)']) assert.equal((text.match(new RegExp(label.replace(/[()]/g, '\\$&'), 'g')) ?? []).length, 3, label);
    assert.match(text, /Submit all 3 projects/);
    assert.deepEqual(pageErrors, []);
  });

  it('after submit: a receipt line per project answered, and the one left blank said', async () => {
    const card = await bot.ask(AMY, 'projects W2');
    const submit = submitFrom(card, { p0_rag: 'green', p0_update: 'Social care teams trained on the LD weight pathway.', p2_rag: 'red', p2_update: 'Maternity weight service paused: no dietitian since September.' });
    const answer = await bot.invoke(cardAction(AMY, bot.serviceUrl, submit.verb, submit.data));
    const page = await show('36-project-receipt', 'Project check-ins received', answer.body.value as Record<string, unknown>);
    const text = await page.locator('#card-host').innerText();
    assert.match(text, /2 project check-ins received for 2026-Q3/);
    assert.match(text, /Left blank, so not answered yet: LNDS nutrition training for workforces/);
    assert.deepEqual(pageErrors, []);
  });

  it('the workstream lead\'s card shows the projects beside each other, with the suggested rating', async () => {
    const card = await bot.ask(ALEX, 'checkin W2');
    const page = await show('37-workstream-card-with-projects', 'Check-in for W2', card);
    const text = await page.locator('#card-host').innerText();
    assert.match(text, /Projects this period \(2 of 4 answered\)/);
    assert.match(text, /The projects suggest/);
    assert.deepEqual(pageErrors, []);
  });
});
