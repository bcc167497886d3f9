import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import pino from 'pino';
import { ROOT } from '../scripts/agents-playground';
import { checkInCard } from '../src/cards/check-in-card';
import { digestCard } from '../src/cards/digest-card';
import type { Card } from '../src/cards/elements';
import { monitoringCard } from '../src/cards/monitoring-card';
import { peopleCard, peopleChangeCard, peopleConfirmCard } from '../src/cards/people-card';
import { projectCheckInCard, projectReceiptCard } from '../src/cards/project-check-in-card';
import { receiptCard } from '../src/cards/receipt-card';
import { statusCard } from '../src/cards/status-card';
import { loadConfig } from '../src/config';
import { startApp, type RunningApp } from '../src/start-app';
import * as views from '../test/cards/card-views';
import { ALEX, AMY, cardAction, message, type TeamsUser } from '../test/support/activities';

/** Where the README's screenshots are written (SCREENSHOTS_DIR moves them), as the playground test writes its own. */
const SCREENSHOTS = process.env.SCREENSHOTS_DIR ?? join(ROOT, 'docs', 'screenshots');
import { BotHarness } from '../test/support/bot-harness';
import { saveFrom } from '../test/support/board-calendars';
import { checkInLinkIn, SmtpSink } from '../test/support/smtp-sink';
import { TestClock } from '../test/support/test-clock';
import { accessibleNodes } from './support/accessibility-tree';
import { describeViolations, seriousViolations } from './support/axe';
import { CARD_HOSTS, showCard, TEAMS_LIGHT_HOST_CONFIG } from './support/card-pages';
import { launchChromium, type Browser } from './support/chromium';

/**
 * Accessibility (issue 19): axe-core runs in Debian's Chromium on the web check-in page, before
 * and after each kind of validation error, and on the bot's cards drawn by the adaptivecards
 * renderer, both in the page's own colours and in Teams' light theme. Any serious or critical
 * violation fails, with what axe says and where. Screen reader facts (a field's name and
 * description) are read from Chromium's own accessibility tree.
 */
describe('accessibility: axe-core in Chromium, no serious or critical violation', function () {
  this.timeout(180_000);
  let browser: Browser | undefined;
  before(async () => {
    browser = await launchChromium({ width: 900, height: 1200 });
  });
  after(async () => browser?.close());

  async function assertNoSeriousViolation(page: Page, where: string): Promise<void> {
    const violations = await seriousViolations(page);
    assert.equal(violations.length, 0, `${where}:\n${describeViolations(violations)}`);
  }

  describe('the web check-in page behind the emailed link', () => {
    let dataDir: string;
    let smtp: SmtpSink;
    let app: RunningApp | undefined;
    let link: string;

    before(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'hwb-a11y-'));
      smtp = await new SmtpSink().start();
      const config = loadConfig({ PORT: '0', DATA_DIR: join(dataDir, 'data'), SEEDS_DIR: join(ROOT, 'test', 'fixtures', 'seeds'), SCHEDULER: 'off', LOG_LEVEL: 'silent', SMTP_URL: smtp.url });
      app = await startApp(config, { clock: new TestClock('2026-10-01T08:31:00Z'), log: pino({ level: 'silent' }) });
      // Nobody has a Teams chat with this fresh bot, so Alex (lead of 19) is reminded by email.
      await app.scheduler.tick();
      const mail = smtp.to('alexw@example.com').find((m) => m.subject?.includes('19. We will reduce the number of falls'));
      assert.ok(mail, 'a reminder for 19');
      link = checkInLinkIn(mail);
    });

    after(async () => {
      await app?.stop();
      await smtp.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    async function openLink(): Promise<Page> {
      const page = await browser!.context.newPage();
      await page.goto(link);
      await page.getByText('Check-in for 2026-Q3', { exact: true }).waitFor();
      return page;
    }

    it('as opened', async () => {
      const page = await openLink();
      await assertNoSeriousViolation(page, 'the check-in page as opened');
      await page.close();
    });

    it('a required field left empty: the renderer\'s message describes the field and is not part of its name', async () => {
      const page = await openLink();
      await page.getByRole('textbox', { name: /Progress update/ }).fill('');
      await page.getByRole('button', { name: 'Submit check-in' }).click();
      await page.getByText('Write a progress update.', { exact: true }).waitFor();
      const update = (await accessibleNodes(page, 'textbox')).find((n) => n.name.startsWith('Progress update'));
      assert.deepEqual(update, { role: 'textbox', name: 'Progress update (what was done this period)', description: 'Write a progress update.' });
      await assertNoSeriousViolation(page, 'after the renderer\'s own check');
      await page.close();
    });

    it('no rating chosen: each radio button keeps its own name, the question is the group\'s, the message describes them', async () => {
      const page = await openLink();
      // As a lead with no answer yet sees it: whatever the card was filled with, nothing is chosen.
      await page.getByRole('radio').evaluateAll((radios) => radios.forEach((r) => ((r as unknown as { checked: boolean }).checked = false)));
      await page.getByRole('button', { name: 'Submit check-in' }).click();
      await page.getByText('Choose Red, Amber or Green.', { exact: true }).waitFor();
      const radios = await accessibleNodes(page, 'radio');
      assert.deepEqual(
        radios.map((r) => [r.name, r.description]),
        [
          ['● Red: Little or no progress has been made.', 'Choose Red, Amber or Green.'],
          ['▲ Amber: Some progress has been made, but we have not met our expectations.', 'Choose Red, Amber or Green.'],
          ['✔ Green: Good progress has been made. Our expectations have been met or exceeded.', 'Choose Red, Amber or Green.'],
        ],
      );
      const group = (await accessibleNodes(page, 'radiogroup'))[0];
      assert.deepEqual(group, { role: 'radiogroup', name: 'RAG rating for 2026-Q3', description: 'Choose Red, Amber or Green.' });
      await assertNoSeriousViolation(page, 'after "Choose Red, Amber or Green."');
      await page.close();
    });

    it('the bot\'s own check (a rating other than the KPIs suggest, no reason): one "Nothing was saved" banner, focused; the message describes the reason field', async () => {
      const page = await openLink();
      await page.getByRole('radio', { name: /Red: Little or no progress has been made/ }).check();
      await page.getByRole('textbox', { name: /Progress update/ }).fill('Falls clinics opened in two more wards.');
      await page.getByRole('button', { name: 'Submit check-in' }).click();
      const banner = page.getByText(/Nothing was saved: one answer needs fixing/);
      await banner.waitFor();
      assert.equal((await page.locator('main').innerText()).split('Nothing was saved').length - 1, 1, 'one banner on the page');
      assert.equal(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id), 'form-errors', 'focus on the banner');
      const reason = (await accessibleNodes(page, 'textbox')).find((n) => n.name.startsWith('If you choose a different rating'));
      assert.deepEqual(reason, { role: 'textbox', name: 'If you choose a different rating, why? (one line)', description: 'The KPIs suggest Green. You chose Red: say in one line why.' });
      await assertNoSeriousViolation(page, 'after the bot\'s check');
      assert.equal(await app!.deps.checkIns.get('test-board-2025-28', '19', '2026-Q3'), undefined, 'nothing stored');
      await page.close();
    });
  });

  describe('cards drawn by the adaptivecards renderer', () => {
    let bot: BotHarness;
    before(async () => {
      // The real seeds, on the bot's own embedded Azurite; cards come from its HTTP endpoint.
      bot = await new BotHarness('2026-11-24T10:00:00Z', { STORAGE_CONNECTION_STRING: '', SEEDS_DIR: join(ROOT, 'seeds') }).start();
    });
    after(async () => bot?.stop());

    /** Every card the bot sends `user` for `text`. */
    async function cardsFor(user: TeamsUser, text: string): Promise<Card[]> {
      bot.connector.reset();
      await bot.post(message(user, bot.serviceUrl, text));
      const cards = bot.connector.cards() as unknown as Card[];
      assert.ok(cards.length > 0, `no card for "${text}"`);
      return cards;
    }

    async function check(title: string, cards: Card[]): Promise<void> {
      for (const host of CARD_HOSTS) {
        for (const [i, card] of cards.entries()) {
          const page = await browser!.context.newPage();
          await showCard(page, bot.app.url, host, title, card);
          await assertNoSeriousViolation(page, `${title} (card ${i + 1}), in ${host}`);
          await page.close();
        }
      }
    }

    // The fixed views of the golden fixtures hold every rating (Red, Amber, Green) and field errors.
    it('check-in, receipt, status, digest and monitoring cards of the golden views', async () => {
      await check('golden views', [
        checkInCard(views.checkInForm()),
        checkInCard(views.checkInFormAgain()),
        projectCheckInCard(views.projectForm()),
        projectReceiptCard(views.projectReceipts(), views.TIME_ZONE),
        receiptCard(views.receipt()),
        statusCard(views.status(), views.TIME_ZONE),
        digestCard(views.digest()),
        monitoringCard(views.monitoring()),
        peopleCard(views.people(), views.TIME_ZONE),
        peopleChangeCard(views.people(), { unit: 'leicester-2022-27/1' }),
        peopleConfirmCard(views.peopleProposal()),
      ]);
    });

    /** Draws the card again with markdown's escapes taken out, as Teams shows its text (this renderer has no markdown processor). */
    async function asTeamsShowsText(page: Page, card: Card): Promise<void> {
      await page.evaluate(
        ({ json, hostConfig }) => {
          type Rendered = { parse(j: unknown): void; render(): unknown; hostConfig: unknown };
          type Markdown = { didProcess: boolean; outputHtml?: string };
          const g = globalThis as unknown as {
            AdaptiveCards: { AdaptiveCard: (new () => Rendered) & { onProcessMarkdown?: (text: string, result: Markdown) => void }; HostConfig: new (c: unknown) => unknown };
            document: { getElementById(id: string): { replaceChildren(n: unknown): void } };
          };
          // No named functions in here: the test runner's compiler would wrap them in a helper the page lacks.
          g.AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
            result.outputHtml = `<p>${text.replace(/\\(.)/g, '$1').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>`;
            result.didProcess = true;
          };
          const ac = new g.AdaptiveCards.AdaptiveCard();
          ac.hostConfig = new g.AdaptiveCards.HostConfig(hostConfig);
          ac.parse(json);
          g.document.getElementById('card-host').replaceChildren(ac.render());
        },
        { json: card as unknown, hostConfig: TEAMS_LIGHT_HOST_CONFIG },
      );
    }

    it('the people card, its change card and a retirement\'s confirmation, on the real seeds, drawn in Teams\' light colours (the README\'s screenshots)', async () => {
      const people = (await cardsFor(ALEX, 'people leicester city'))[0]!;
      const page = await browser!.context.newPage();
      try {
        await showCard(page, bot.app.url, "Teams' light colours", 'people', people);
        await asTeamsShowsText(page, people);
        assert.match(await page.locator('#card-host').innerText(), /People of Leicester City Health and Wellbeing Board/);
        await page.locator('#card-host').screenshot({ path: join(SCREENSHOTS, '12-people-card.png') });
        const change = (await bot.invoke(cardAction(ALEX, bot.serviceUrl, 'people/edit', { board: 'leicester-city', unit: 'leicester-2022-27/1' }))).body.value as unknown as Card;
        await showCard(page, bot.app.url, "Teams' light colours", 'change', change);
        await asTeamsShowsText(page, change);
        assert.match(await page.locator('#card-host').innerText(), /Change people of Leicester City/);
        await page.locator('#card-host').screenshot({ path: join(SCREENSHOTS, '13-people-change.png') });
        // Retire: the confirmation lists what goes and who is left holding it; nothing is written before Confirm.
        const retire = (await cardsFor(ALEX, 'retire Amy Hathway'))[0]!;
        await showCard(page, bot.app.url, "Teams' light colours", 'retire', retire);
        await asTeamsShowsText(page, retire);
        assert.match(await page.locator('#card-host').innerText(), /Retire Amy Hathway/);
        await page.locator('#card-host').screenshot({ path: join(SCREENSHOTS, '15-retire-confirm.png') });
      } finally {
        await page.close();
      }
    });

    it('the calendar card, on the real seeds with the year\'s meetings saved, drawn in Teams\' light colours (the README\'s screenshot)', async () => {
      // A bot of its own: the meetings saved here move Leicester City's due dates, which the other cards here must not see.
      const own = await new BotHarness('2026-11-24T10:00:00Z', { STORAGE_CONNECTION_STRING: '', SEEDS_DIR: join(ROOT, 'seeds') }).start();
      const page = await browser!.context.newPage();
      try {
        const { verb, data } = saveFrom(await own.ask(ALEX, 'calendar leicester city'), { meetingDates: '2027-01-21, 2027-03-18, 2027-05-20, 2027-07-15' });
        assert.match(JSON.stringify((await own.invoke(cardAction(ALEX, own.serviceUrl, verb, data))).body.value), /Calendar saved/);
        const calendar = (await own.ask(ALEX, 'calendar leicester city')) as unknown as Card;
        await showCard(page, own.app.url, "Teams' light colours", 'calendar', calendar);
        await asTeamsShowsText(page, calendar);
        assert.match(await page.locator('#card-host').innerText(), /Calendar of Leicester City Health and Wellbeing Board/);
        assert.match(await page.locator('#card-host').innerText(), /21 Jan 2027[\s\S]*answers due 7 Jan 2027/);
        await page.locator('#card-host').screenshot({ path: join(SCREENSHOTS, '14-calendar-card.png') });
      } finally {
        await page.close();
        await own.stop();
      }
    });

    for (const [user, text] of [
      [ALEX, 'calendar leicester city'],
      [ALEX, 'checkin'],
      [AMY, 'checkin'],
      [ALEX, 'status 19'],
      [ALEX, 'status W1'],
      [ALEX, 'digest now leicester city'],
      [ALEX, 'summary'],
      [ALEX, 'overdue'],
      [ALEX, 'reach'],
      [ALEX, 'people leicester city'],
      [ALEX, 'lead 1 kay.darby@example.org'],
      [ALEX, 'history people'],
    ] as const) {
      it(`${user.name.split(' ')[0]}: "${text}" on the real seeds`, async () => {
        await check(text, await cardsFor(user, text));
      });
    }
  });
});
