import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { ALEX, AMY, installation } from '../support/activities';
import { BotHarness, cardText } from '../support/bot-harness';
import { SmtpSink } from '../support/smtp-sink';

const SEEDS = join(__dirname, '..', '..', 'seeds');

/**
 * `chase` (issue 19, item 12), over the bot's endpoint on the real seeds, 24 Nov 2026: 19, W1,
 * W2 and Amy's W2 projects are overdue. Alex has a Teams chat; Megan, Kay and Amy have none and
 * are reached by email, through a real SMTP server on loopback.
 */
describe('chase: reminders now, once per person per day (real seeds)', function () {
  this.timeout(60_000);
  let bot: BotHarness;
  let smtp: SmtpSink;
  beforeEach(async () => {
    smtp = await new SmtpSink().start();
    bot = await new BotHarness('2026-11-24T10:00:00Z', { SEEDS_DIR: SEEDS, SMTP_URL: smtp.url }).start();
    await bot.post(installation(ALEX, bot.serviceUrl));
  });
  afterEach(async () => {
    await bot.stop();
    await smtp.stop();
  });

  /** The reminder cards Alex got in his personal chat (not the bot's answers to him). */
  const remindersToAlex = () => bot.connector.sentTo(`a:personal-${ALEX.id}`).filter((c) => /Check-in for/.test(cardText(c.body.attachments)));

  it('chase twice on one day reaches each lead once, and says who was reached and by which route', async () => {
    bot.connector.reset();
    const first = cardText(await bot.ask(ALEX, 'chase'));
    assert.match(first, /Chasing the overdue check-ins of Leicester City Health and Wellbeing Board and Leicestershire Health and Wellbeing Board\./);
    assert.match(first, /Alex Wilber: reminded now by Teams chat\n19\. We will reduce the number of falls[^\n]*; W2\. Healthy Weight/);
    assert.match(first, /Kay Darby \(NHS Leicester, Leicester and Rutland ICB\): reminded now by email \(kay\.darby@example\.org\)\nW1\. Childhood Immunisations/);
    assert.match(first, /Megan Bowen: reminded now by email \(meganb@example\.com\)\nW1\. Childhood Immunisations/);
    assert.match(first, /Amy Hathway \([^)]*\): reminded now by email \(amy\.hathway@example\.org\)\nW2 projects: /);
    assert.match(first, /4 of 4 people reminded now/);
    assert.equal(remindersToAlex().length, 2, 'Alex: 19 and W2, in Teams');
    assert.deepEqual(smtp.envelopes.flat().sort(), ['amy.hathway@example.org', 'kay.darby@example.org', 'meganb@example.com']);
    assert.match(smtp.to('kay.darby@example.org')[0]!.subject ?? '', /^Overdue check-in, was due 15 Oct 2026: W1\. Childhood Immunisations \(2026-Q3\)$/);

    bot.clock.set('2026-11-24T15:00:00Z');
    const second = cardText(await bot.ask(ALEX, 'chase leicester city'));
    assert.match(second, /Alex Wilber: already chased today, so not sent again \(Teams chat\)/);
    assert.match(second, /Kay Darby [^\n]*: already chased today, so not sent again \(email \(kay\.darby@example\.org\)\)/);
    assert.match(second, /0 of 4 people reminded now/);
    assert.equal(remindersToAlex().length, 0, 'nothing again to Alex');
    assert.equal(smtp.messages.length, 3, 'no email again');
    const ledger = (await bot.app.storage.outbox.list('2026-11-24', '2026-11-24')).filter((e) => e.kind === 'chase');
    assert.deepEqual(ledger.map((e) => `${e.recipientId} ${e.status} ${e.note}`).sort(), [
      'alex-wilber sent chased via Teams',
      'amy-hathway sent chased via email (amy.hathway@example.org)',
      'kay-darby sent chased via email (kay.darby@example.org)',
      'megan-bowen sent chased via email (meganb@example.com)',
    ]);
  });

  it('chase a named priority: only its leads; the next day they can be chased again', async () => {
    const card = cardText(await bot.ask(ALEX, 'chase W1'));
    assert.match(card, /Chasing W1\. Childhood Immunisations\./);
    assert.deepEqual(smtp.envelopes.flat().sort(), ['kay.darby@example.org', 'meganb@example.com']);
    assert.doesNotMatch(card, /Alex Wilber|Amy Hathway/);
    bot.clock.set('2026-11-25T10:00:00Z');
    assert.match(cardText(await bot.ask(ALEX, 'chase W1')), /2 of 2 people reminded now/);
    assert.equal(smtp.messages.length, 4);
  });

  it('is refused for anyone who manages no board, in the words of the one wording module', async () => {
    const card = cardText(await bot.ask(AMY, 'chase'));
    assert.match(card, /Not available to you\nOnly board managers can chase leads\. Ask the board officer if you need access\./);
    assert.equal(smtp.messages.length, 0);
  });
});
