import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { ALEX, AMY, cardAction, installation, press, type TeamsUser } from '../support/activities';
import { BotHarness, cardText } from '../support/bot-harness';
import { SmtpSink } from '../support/smtp-sink';
import { uniquePrefix } from '../support/storage';

/**
 * Issue 22: a change to a board's people takes effect at once, on the real seeds. The annual
 * 2026 period of Leicester City's priorities opened on Monday 4 Jan 2027 (09:30 London), when
 * 1 and 2 had no lead, so nobody was reminded. On Wednesday 6 Jan Alex gives them one.
 */
const SEEDS = join(__dirname, '..', '..', 'seeds');
const S = 'leicester-2022-27';
const OPENING = '2027-01-04T09:31:00Z';
const WEDNESDAY = '2027-01-06T10:00:00Z';
const KAY = 'kay.darby@example.org';

async function confirm(bot: BotHarness, user: TeamsUser, shortcut: string): Promise<string> {
  const card = await bot.ask(user, shortcut);
  const { verb, data } = press(card, 'Confirm');
  const answer = await bot.invoke(cardAction(user, bot.serviceUrl, verb, data));
  assert.equal(answer.status, 200);
  return cardText(answer.body.value);
}

describe('a change to a board\'s people takes effect at once (real seeds)', function () {
  this.timeout(90_000);
  let smtp: SmtpSink;
  beforeEach(async () => {
    smtp = await new SmtpSink().start();
  });
  afterEach(async () => smtp.stop());

  it('Alex makes Kay Darby (email only) lead of 1 while 2026 is open: the welcome and the open period\'s card by email at once, each once, also after the next ticks', async () => {
    const bot = await new BotHarness(OPENING, { SEEDS_DIR: SEEDS, SMTP_URL: smtp.url }).start();
    try {
      await bot.tickAt(OPENING);
      // Kay co-leads W1: its reminder went at the opening; 1 had no lead, so nobody was asked.
      assert.deepEqual(smtp.to(KAY).map((m) => m.subject?.slice(0, 40)), ['Check-in due 15 Jan 2027: W1. Childhood ']);
      bot.clock.set(WEDNESDAY);
      const answer = await confirm(bot, ALEX, `lead 1 ${KAY}`);
      assert.match(answer, /^Changed\n/);
      // A receipt means stored: the entries are in the outbox when the manager has the answer.
      const keys = (await bot.app.storage.outbox.list('2027-01-01', '2027-01-31')).map((e) => e.key);
      assert.ok(keys.includes(`reminder|${S}/1|2026|open|kay-darby`), keys.join('\n'));
      assert.ok(keys.some((k) => k.startsWith('welcome|kay-darby|lead of leicester-2022-27/1|')), keys.join('\n'));
      await bot.app.scheduler.idle();
      const mails = smtp.to(KAY).slice(1);
      assert.deepEqual(mails.map((m) => m.subject), [
        "Welcome to the HWB Progress Bot: Alex Wilber made you the lead of 1. We will improve the built environment to support people's…",
        "Check-in due 15 Jan 2027: 1. We will improve the built environment to support people's long-term health and wellbeing (2026)",
      ]);
      assert.match(mails[0]!.text ?? '', /Dear Kay Darby,\n\nAlex Wilber made you the lead of 1\. We will[^\n]* on the Leicester City Health and Wellbeing Board\./);
      assert.match(mails[0]!.text ?? '', /You lead: 1\. We will improve the built environment/);
      assert.match(mails[1]!.text ?? '', /\/checkin\?token=/);
      // The next ticks plan the same opening reminder for Kay: the same outbox entry, sent already.
      await bot.tickAt('2027-01-06T10:01:00Z');
      await bot.tickAt('2027-01-07T09:31:00Z');
      assert.equal(smtp.to(KAY).length, 3);
      const ledger = await bot.app.storage.outbox.list('2027-01-01', '2027-01-31');
      const kay = ledger.filter((e) => e.recipientId === 'kay-darby' && !e.key.includes('/W1|')).map((e) => `${e.localDate} ${e.key.replace(/\|20\d\d-\d\d-\d\dT[^|]*/, '')} ${e.status} ${e.attempts} ${e.note}`);
      assert.deepEqual(kay.sort(), [`2027-01-04 reminder|${S}/1|2026|open|kay-darby sent 1 via email (${KAY})`, `2027-01-06 welcome|kay-darby|lead of ${S}/1|alex-wilber sent 1 via email (${KAY})`]);
    } finally {
      await bot.stop();
    }
  });
});
