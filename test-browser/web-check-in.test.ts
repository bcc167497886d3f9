import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import pino from 'pino';
import { ROOT } from '../scripts/agents-playground';
import { loadConfig } from '../src/config';
import { startApp, type RunningApp } from '../src/start-app';
import { TestClock } from '../test/support/test-clock';
import { checkInLinkIn, SmtpSink } from '../test/support/smtp-sink';
import { launchChromium, type Browser } from './support/chromium';
import { checkInForm } from '../src/app/check-in';
import { messageCard } from '../src/cards/message-card';
import { periodFromLabel } from '../src/domain/period';
import { renderNoticeEmail } from '../src/email/notice-email';
import { signCheckInLink } from '../src/links/check-in-links';
import { cardPage } from '../src/web/check-in-page';
import { aPerson, aPriority, aStrategy } from '../test/domain/builders';

/**
 * A lead outside Teams, end to end: the bot (embedded Azurite in a fresh folder, the fixture seeds)
 * sends the 2026-Q3 reminders by email to a real SMTP server on loopback; Chromium opens the
 * emailed link, the page renders the Teams card with the adaptivecards bundle, a rating that
 * differs from the KPIs' suggestion without a reason comes back with the field message, and the
 * corrected answer gets the receipt. Screenshots go to docs/screenshots/ (SCREENSHOTS_DIR moves them).
 */
const SCREENSHOTS = process.env.SCREENSHOTS_DIR ?? join(ROOT, 'docs', 'screenshots');
const OPENING = '2026-10-01T08:31:00Z';
const SECRET = 'a-test-secret-of-at-least-32-characters!';
/** Markup and every quote, in a lead's name, a priority's title and an update. */
const NAME = `Megan "Meg" O'Bowen <script>window.pwned = 'name'</script>`;
const TITLE = `Weight <img src=x onerror="window.pwned='title'"> & 'more' \`tick\``;
const UPDATE = `Sessions run <script>window.pwned = "update"</script> in all 8 PCNs; it's "done" <b>bold</b>`;

describe('the emailed check-in link, in Chromium', function () {
  this.timeout(120_000);
  let dataDir: string;
  let smtp: SmtpSink;
  let app: RunningApp | undefined;
  let browser: Browser | undefined;
  /** Console errors and CSP violations on the page: any one fails the run. */
  const pageErrors: string[] = [];

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hwb-web-'));
    mkdirSync(SCREENSHOTS, { recursive: true });
    smtp = await new SmtpSink().start();
    const config = loadConfig({ PORT: '0', DATA_DIR: join(dataDir, 'data'), SEEDS_DIR: join(ROOT, 'test', 'fixtures', 'seeds'), SCHEDULER: 'off', LOG_LEVEL: 'silent', SMTP_URL: smtp.url, REPORT_LINK_SECRET: SECRET });
    app = await startApp(config, { clock: new TestClock(OPENING), log: pino({ level: 'silent' }) });
    browser = await launchChromium({ width: 900, height: 1200 });
  });

  after(async () => {
    await browser?.close();
    await app?.stop();
    await smtp.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function watch(page: Page): void {
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
  }

  it('opens the emailed link, shows the card, gives field messages for an invalid answer, then the receipt', async () => {
    await app!.scheduler.tick();
    // Nobody has a Teams chat with this fresh bot, so Alex (lead of 19) is reminded by email.
    const mail = smtp.to('alexw@example.com').find((m) => m.subject?.includes('19. We will reduce the number of falls'));
    assert.ok(mail, `no reminder for 19 among: ${smtp.messages.map((m) => m.subject).join('; ')}`);

    const emailPage = await browser!.context.newPage();
    await emailPage.setContent(String(mail.html));
    await emailPage.screenshot({ path: join(SCREENSHOTS, '31-email-reminder.png'), fullPage: true });
    await emailPage.close();

    const page = await browser!.context.newPage();
    watch(page);
    const response = await page.goto(checkInLinkIn(mail));
    assert.equal(response?.status(), 200);
    await page.getByText('Check-in for 2026-Q3', { exact: true }).waitFor();
    await page.getByRole('radio', { name: /Red: Little or no progress has been made/ }).check();
    const update = page.getByRole('textbox', { name: /Progress update/ });
    await update.fill('Falls clinics opened in two more wards.');
    await page.screenshot({ path: join(SCREENSHOTS, '32-web-checkin-card.png'), fullPage: true });

    await page.getByRole('button', { name: 'Submit check-in' }).click();
    await page.getByText(/Nothing was saved: one answer needs fixing/).waitFor();
    assert.ok(await page.getByText(/The KPIs suggest Green\. You chose Red: say in one line why\./).isVisible());
    assert.equal(await app!.deps.checkIns.get('test-board-2025-28', '19', '2026-Q3'), undefined, 'nothing stored yet');
    await page.screenshot({ path: join(SCREENSHOTS, '33-web-checkin-field-message.png'), fullPage: true });

    // The typed text survived the round trip; the reason is added and the card sent by keyboard.
    assert.equal(await page.getByRole('textbox', { name: /Progress update/ }).inputValue(), 'Falls clinics opened in two more wards.');
    await page.getByRole('textbox', { name: /why\? \(one line\)/ }).fill('Two wards lost their falls nurse in September.');
    await page.getByRole('button', { name: 'Submit check-in' }).press('Enter');
    await page.getByText('✔ Check-in received for 2026-Q3').waitFor();
    assert.ok(await page.getByRole('button', { name: 'Edit answer' }).isVisible());
    await page.screenshot({ path: join(SCREENSHOTS, '34-web-receipt.png'), fullPage: true });

    const saved = await app!.deps.checkIns.get('test-board-2025-28', '19', '2026-Q3');
    assert.equal(saved?.rag, 'red');
    assert.equal(saved?.channel, 'web');
    assert.equal(saved?.ragReason, 'Two wards lost their falls nurse in September.');
    assert.deepEqual(pageErrors, [], 'no console error and no CSP violation on the page');
    assert.deepEqual(browser!.refused, [], 'the page asked for nothing off this machine');
  });
  it('markup in a name, a title and an update is shown as text: in the email, on the page, and in the receipt the page draws', async () => {
    const page = await browser!.context.newPage();
    watch(page);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const pwned = () => page.evaluate(() => (globalThis as { pwned?: unknown }).pwned);

    // The email, as a mail client shows its HTML.
    const to = aPerson('megan').named(NAME).build();
    const priority = aPriority('9').titled(TITLE).build();
    const period = periodFromLabel('2026-Q3', { dueAfterDays: 14 });
    const form = checkInForm({ strategy: aStrategy().build(), priority, period, person: to, history: [], covers: [], names: new Map(), submissionId: 'sub-00000001' });
    await page.setContent(renderNoticeEmail({ kind: 'reminder', to, priority, period, form }, ['http://x/checkin?token=t']).html);
    const email = await page.locator('body').innerText();
    assert.ok(email.includes(`Dear ${NAME},`), email);
    assert.ok(email.includes(`9. ${TITLE}`), email);
    assert.equal(await page.locator('body script, body img').count(), 0);

    // The page around a card, at the bot's own origin: the title in <title> and <h1>, the card's text through its renderer.
    const preview = `${app!.url}/preview/markup`;
    await page.route(preview, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: cardPage(TITLE, messageCard(TITLE, `${NAME} wrote: ${UPDATE}`)) }));
    await page.goto(preview);
    await page.locator('#card-host .ac-adaptiveCard').waitFor();
    assert.equal(await page.title(), `${TITLE} · HWB Progress Bot`);
    assert.equal(await page.locator('h1').first().innerText(), TITLE);
    const shown = await page.locator('#card-host').innerText();
    assert.ok(shown.includes(TITLE) && shown.includes(`${NAME} wrote: ${UPDATE}`), shown);
    assert.equal(await page.locator('#card-host img, #card-host b, #card-host script').count(), 0);

    // The real page behind a link: the update typed, sent, and shown back on the receipt.
    const link = await signCheckInLink({ personId: 'megan-bowen', priority: 'test-board-2025-28/9', period: '2026-Q3' }, { closes: '2027-01-01' }, { baseUrl: app!.url, secret: SECRET, timeZone: 'Europe/London' }, new Date(OPENING));
    assert.equal((await page.goto(link))?.status(), 200);
    await page.getByRole('radio', { name: /Green: Good progress/ }).check();
    await page.getByRole('textbox', { name: /Progress update/ }).fill(UPDATE);
    await page.getByRole('button', { name: 'Submit check-in' }).click();
    await page.getByText('Check-in received for 2026-Q3', { exact: false }).first().waitFor();
    const receipt = await page.locator('#card-host').innerText();
    assert.ok(receipt.includes(UPDATE), receipt);
    assert.equal(await page.locator('#card-host img, #card-host b, #card-host script').count(), 0);
    assert.equal((await app!.deps.checkIns.get('test-board-2025-28', '9', '2026-Q3'))?.update, UPDATE);

    assert.equal(await pwned(), undefined, 'no script from the data ran');
    assert.deepEqual(dialogs, []);
    await page.close();
    assert.deepEqual(pageErrors, [], 'no console error and no CSP violation on the page');
  });
});
