import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Page, Route } from 'playwright-core';
import pino from 'pino';
import { ROOT } from '../scripts/package-app';
import { TAB_PAGE, TAB_SIGN_IN } from '../src/bot/user-messages';
import { loadConfig } from '../src/config';
import { verifyBoardLink } from '../src/links/board-links';
import { startApp, type RunningApp } from '../src/start-app';
import { EntraStandIn } from '../test/support/entra-stand-in';
import { TestClock } from '../test/support/test-clock';
import { describeViolations, seriousViolations } from './support/axe';
import { launchChromium, type Browser } from './support/chromium';

/**
 * The Teams tab in Chromium, inside a host frame that plays Teams: a page on
 * https://teams.microsoft.com (served by the test through Playwright's routing, so TeamsJS's own
 * origin check passes as in Teams) frames the tab from https://hwb-bot.example.org (routed to
 * the real bot), answers TeamsJS's postMessage handshake (`initialize`) and
 * `authentication.getAuthToken` with a token from the local Entra stand-in, and — for the
 * configuration page — sends the `settings.save` event Teams sends when the user presses Save.
 * The bot checks the token against the stand-in's keys exactly as against Entra's.
 */
const SCREENSHOTS = process.env.SCREENSHOTS_DIR ?? join(ROOT, 'docs', 'screenshots');
const APP_ID = '7f3c2a10-5b6d-4e8f-9a0b-1c2d3e4f5a6b';
const TENANT = '9188040d-6c67-4c5b-b112-36a304b66dad';
const OTHER_TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const DOMAIN = 'hwb-bot.example.org';
const ORIGIN = `https://${DOMAIN}`;
const ADELE = '00000000-0000-0000-0000-0000000000022';
/** Signs the board page's links, as REPORT_LINK_SECRET does in production: the test reads back whom a link names. */
const LINK_SECRET = 'tab-test-link-secret-0123456789abcdef';
const ALEX = '00000000-0000-0000-0000-0000000000020';

/** Teams' side of TeamsJS's protocol, as little of it as these pages use. */
function hostPage(tabUrl: string, token: string | undefined, frameContext: 'content' | 'settings' = 'content'): string {
  return `<!doctype html><html><head><title>Teams (stand-in)</title></head><body>
<iframe id="tab" src="${tabUrl}" width="1000" height="700" title="tab"></iframe>
<script>
  window.hostLog = [];
  window.savedConfig = null;
  var RUNTIME = { apiVersion: 4, isLegacyTeams: false, supports: { appInfo: {}, pages: { config: {}, tabs: {}, appButton: {}, backStack: {} }, teamsCore: {}, authentication: {} } };
  var TOKEN = ${JSON.stringify(token ?? null)};
  var tab = null;
  window.addEventListener('message', function (e) {
    var m = e.data;
    if (!m || typeof m.id !== 'number' || typeof m.func !== 'string') return;
    tab = { source: e.source, origin: e.origin };
    window.hostLog.push(m.func);
    function reply(args) { e.source.postMessage({ id: m.id, uuidAsString: m.uuidAsString, args: args }, e.origin); }
    if (m.func === 'initialize') reply([${JSON.stringify(frameContext)}, 'web', JSON.stringify(RUNTIME), '2.58.0']);
    else if (m.func === 'authentication.getAuthToken') reply(TOKEN ? [true, TOKEN] : [false, 'resourceDisabled']);
    else if (m.func === 'settings.setSettings') { window.savedConfig = m.args[0]; reply([true]); }
  });
  /** What Teams does when the user presses Save on the configuration page. */
  window.pressSave = function () {
    tab.source.postMessage({ func: 'settings.save', args: [{ webhookUrl: '' }] }, tab.origin);
  };
</script></body></html>`;
}

describe('the Teams tab in Chromium, in a host frame playing Teams', function () {
  this.timeout(120_000);
  let dataDir: string;
  let entra: EntraStandIn;
  let app: RunningApp | undefined;
  let browser: Browser | undefined;
  let clock: TestClock;
  /** Requests the tab sent to the bot, by method and path. */
  let toBot: string[];
  const pageErrors: string[] = [];

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hwb-tab-'));
    entra = await new EntraStandIn().start();
    clock = new TestClock('2026-11-24T10:00:00Z');
    const config = loadConfig({
      PORT: '0',
      DATA_DIR: join(dataDir, 'data'),
      SEEDS_DIR: join(ROOT, 'seeds'),
      SCHEDULER: 'off',
      LOG_LEVEL: 'silent',
      EMAIL: 'off',
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'not-a-real-secret',
      MicrosoftAppTenantId: TENANT,
      PUBLIC_URL: ORIGIN,
      REPORT_LINK_SECRET: LINK_SECRET,
      TAB_SSO: 'on',
      ENTRA_OPENID_METADATA_URL: entra.metadataUrl,
    });
    app = await startApp(config, { clock, log: pino({ level: 'silent' }) });
    browser = await launchChromium({ width: 1100, height: 800 });
  });

  after(async () => {
    await browser?.close();
    await app?.stop();
    await entra?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  beforeEach(() => {
    toBot = [];
    pageErrors.length = 0;
  });

  async function token(oid: string, tid = TENANT): Promise<string> {
    return entra.sign({ ...EntraStandIn.claims({ oid, tid, audience: `api://${DOMAIN}/${APP_ID}`, now: clock.now() }), iss: `https://login.microsoftonline.com/${tid}/v2.0` });
  }

  /** A page where teams.microsoft.com is the host above and the bot answers as hwb-bot.example.org. */
  async function openPage(host: string | undefined): Promise<Page> {
    const page = await browser!.context.newPage();
    page.on('console', (m) => {
      // TeamsJS asks Microsoft's CDN for its list of Teams origins; offline it uses the list it ships.
      if (m.type() === 'error' && !/res\.cdn\.office\.net|Failed to load resource/.test(m.text())) pageErrors.push(m.text());
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    if (host !== undefined) await page.route('https://teams.microsoft.com/**', (route) => route.fulfill({ contentType: 'text/html', body: host }));
    await page.route('https://res.cdn.office.net/**', (route) => route.abort('blockedbyclient'));
    await page.route(`${ORIGIN}/**`, async (route: Route) => {
      const url = new URL(route.request().url());
      toBot.push(`${route.request().method()} ${url.pathname}`);
      const response = await route.fetch({ url: `${app!.url}${url.pathname}${url.search}` });
      return route.fulfill({ response });
    });
    return page;
  }

  /** The board page the tab went to: its frame, once its heading shows, and whom its link names. */
  async function landedBoard(page: Page, boardName: string): Promise<{ frame: Frame; claims: unknown }> {
    await page.frameLocator('#tab').getByRole('heading', { level: 1, name: boardName }).waitFor();
    const frame = page.frames().find((f) => new URL(f.url()).pathname.startsWith('/boards/'));
    assert.ok(frame, 'the tab\'s frame is on a board page');
    const verified = await verifyBoardLink(new URL(frame.url()).searchParams.get('token') ?? '', LINK_SECRET, clock.now());
    return { frame, claims: verified.ok ? verified.claims : verified };
  }

  it('the channel tab: TeamsJS handshake, SSO token, POST /tab/session with the board, then the board page for that person', async () => {
    const page = await openPage(hostPage(`${ORIGIN}/tab/boards?board=leicester-city`, await token(ADELE)));
    await page.goto('https://teams.microsoft.com/_#/tab');
    // The real board page, in Teams' frame (its CSP lets teams.microsoft.com frame it), for Adele.
    const { frame, claims } = await landedBoard(page, 'Leicester City Health and Wellbeing Board');
    assert.deepEqual(claims, { personId: 'adele-vance', board: 'leicester-city' });
    assert.deepEqual(await page.evaluate(() => (globalThis as unknown as { hostLog: string[] }).hostLog.slice(0, 2)), ['initialize', 'authentication.getAuthToken']);
    assert.deepEqual(toBot.filter((r) => !/\/tab\/assets\/|\/boards-assets\/|\/print\.css/.test(r)), ['GET /tab/boards', 'POST /tab/session', 'GET /boards/leicester-city']);
    const violations = await seriousViolations(frame);
    assert.deepEqual(violations, [], describeViolations(violations));
    assert.deepEqual(pageErrors, []);
    await page.locator('#tab').screenshot({ path: join(SCREENSHOTS, '43-board-tab.png') });
  });

  it('the personal tab: Alex belongs to two boards, chooses one with the keyboard, and lands on it', async () => {
    const page = await openPage(hostPage(`${ORIGIN}/tab/boards`, await token(ALEX)));
    await page.goto('https://teams.microsoft.com/_#/personal');
    const tab = page.frameLocator('#tab');
    const choice = tab.getByRole('button', { name: 'Leicestershire Health and Wellbeing Board' });
    await choice.waitFor();
    assert.ok(await tab.getByRole('button', { name: 'Leicester City Health and Wellbeing Board' }).isVisible());
    // Focus is on the first choice: Tab moves to the second, Enter opens it.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    assert.deepEqual((await landedBoard(page, 'Leicestershire Health and Wellbeing Board')).claims, { personId: 'alex-wilber', board: 'leicestershire' });
    assert.deepEqual(pageErrors, []);
  });

  it('a token the bot refuses (another tenant): the tab says what happened and what to do, and no board is opened', async () => {
    const page = await openPage(hostPage(`${ORIGIN}/tab/boards?board=leicester-city`, await token(ADELE, OTHER_TENANT)));
    await page.goto('https://teams.microsoft.com/_#/tab');
    const tab = page.frameLocator('#tab');
    await tab.getByRole('alert').filter({ hasText: TAB_SIGN_IN.otherTenant.title }).waitFor();
    assert.ok(await tab.getByText(TAB_SIGN_IN.otherTenant.text).isVisible());
    assert.ok(!toBot.some((r) => r.includes('/boards/')), 'no board page requested');
  });

  it('Teams gives no token: the tab says sign-in failed, and never asks the bot for a session', async () => {
    const page = await openPage(hostPage(`${ORIGIN}/tab/boards?board=leicester-city`, undefined));
    await page.goto('https://teams.microsoft.com/_#/tab');
    const tab = page.frameLocator('#tab');
    await tab.getByRole('alert').filter({ hasText: TAB_PAGE.signInFailed.title }).waitFor();
    assert.ok(!toBot.includes('POST /tab/session'));
  });

  it('opened outside Teams: "Open this tab in Teams, or use the board command\'s link", nothing sent, and axe-core finds nothing serious', async () => {
    const page = await openPage(undefined);
    await page.goto(`${ORIGIN}/tab/boards?board=leicester-city`);
    await page.getByRole('alert').filter({ hasText: TAB_PAGE.outsideTeams.title }).waitFor();
    assert.ok(await page.getByText(TAB_PAGE.outsideTeams.text).isVisible());
    assert.ok(!toBot.includes('POST /tab/session'));
    const violations = await seriousViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));
    assert.deepEqual(pageErrors, []);
  });

  it('the configuration page: lists Alex\'s boards, and Save stores a tab whose address names the board picked', async () => {
    const page = await openPage(hostPage(`${ORIGIN}/tab/config`, await token(ALEX), 'settings'));
    await page.goto('https://teams.microsoft.com/_#/config');
    const tab = page.frameLocator('#tab');
    const picker = tab.getByLabel('Board to show in this channel');
    await picker.waitFor();
    await tab.locator('#board option[value="leicester-city"]').waitFor({ state: 'attached' });
    await picker.selectOption('leicester-city');
    await page.waitForFunction(() => (globalThis as unknown as { hostLog: string[] }).hostLog.includes('settings.setValidityState'));
    await page.evaluate(() => (globalThis as unknown as { pressSave(): void }).pressSave());
    await page.waitForFunction(() => (globalThis as unknown as { hostLog: string[] }).hostLog.includes('settings.save.success'));
    const saved = await page.evaluate(() => (globalThis as unknown as { savedConfig: Record<string, unknown> }).savedConfig);
    assert.deepEqual(saved, { entityId: 'hwb-board-leicester-city', contentUrl: `${ORIGIN}/tab/boards?board=leicester-city`, suggestedDisplayName: 'Leicester City Health and Wellbeing Board' });
    assert.deepEqual(pageErrors, []);
  });
});
