import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { ADELE, ALEX, cardAction, channelMessage, CHANNEL_ID, installation, MEGAN, submitFrom } from '../support/activities';
import { BotHarness, cardText } from '../support/bot-harness';
import { saveFrom } from '../support/board-calendars';
import { validateCard } from '../support/validate-card';

const SEEDS = join(__dirname, '..', '..', 'seeds');

/**
 * A board officer keeps the calendar current in Teams, on the real seeds (24 Nov 2026, a
 * Tuesday): Leicester City's digest moves from Monday 09:00 to Thursday 14:00 and the next one
 * goes then, with no restart; a manager of the other board is refused; a stale card is told.
 */
describe('a board\'s calendar kept by its managers in Teams, on the real seeds', function () {
  this.timeout(60_000);
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await new BotHarness('2026-11-24T10:00:00Z', { SEEDS_DIR: SEEDS }).start();
    for (const u of [ALEX, ADELE, MEGAN]) await bot.post(installation(u, bot.serviceUrl));
    await bot.post(channelMessage(ALEX, bot.serviceUrl, 'use this channel for digests leicester city'));
    assert.match(cardText(bot.connector.lastCard()), /Board channel set/);
    bot.connector.reset();
  });
  afterEach(async () => bot.stop());

  const cityDigests = () => bot.connector.sentTo(CHANNEL_ID).filter((c) => /Escalation digest[\s\S]*Leicester City/.test(cardText(c.body.attachments)));

  it('Alex moves Leicester City\'s digest to Thursday 14:00: the next digest goes then, not on Monday, without a restart', async () => {
    const card = await bot.ask(ALEX, 'calendar leicester city');
    const text = cardText(card);
    assert.match(text, /Calendar of Leicester City Health and Wellbeing Board/);
    assert.match(text, /runs on the install's settings/);
    const { verb, data } = saveFrom(card, { digestDay: 'Thursday', digestTime: '14:00' });
    const answer = await bot.invoke(cardAction(ALEX, bot.serviceUrl, verb, data));
    assert.deepEqual(validateCard(answer.body.value), []);
    assert.match(cardText(answer.body.value), /Calendar saved\n2 settings changed[\s\S]*digest day: Monday → Thursday\n\ndigest time: 09:00 → 14:00/);

    // Thursday 26 Nov, 13:59 and 14:00 GMT: the digest goes at 14:00.
    await bot.tickAt('2026-11-26T13:59:00Z');
    assert.equal(cityDigests().length, 0);
    await bot.tickAt('2026-11-26T14:00:00Z');
    assert.equal(cityDigests().length, 1);
    // Monday 30 Nov 09:01: no Leicester City digest any more.
    await bot.tickAt('2026-11-30T09:01:00Z');
    assert.equal(cityDigests().length, 1);
    // The audit trail reads back: who, and each setting before → after.
    const log = await bot.app.storage.changes.list('leicester-city', { subjectPrefix: 'calendar:' });
    assert.deepEqual(log.map((c) => `${c.by} ${c.subject}: ${c.before} → ${c.after}`).sort(), ['alex-wilber calendar: digest day: Monday → Thursday', 'alex-wilber calendar: digest time: 09:00 → 14:00']);
    // The card reads the stored calendar back.
    assert.match(cardText(await bot.ask(ADELE, 'calendar leicester city')), /Set by the board's managers/);
  });

  it('Megan, who manages only Leicestershire, cannot open or save Leicester City\'s calendar, even with its card', async () => {
    assert.match(cardText(await bot.ask(MEGAN, 'calendar leicester city')), /Not available to you\nOnly board managers can/);
    const card = await bot.ask(ALEX, 'calendar leicester city');
    const { verb, data } = saveFrom(card, { digestDay: 'Friday' });
    const answer = await bot.invoke(cardAction(MEGAN, bot.serviceUrl, verb, data));
    assert.match(cardText(answer.body.value), /Only board managers can change the calendar of Leicester City Health and Wellbeing Board/);
    assert.equal(await bot.app.storage.calendars.get('leicester-city'), undefined);
    // Her own board's card is hers.
    assert.match(cardText(await bot.ask(MEGAN, 'calendar')), /Calendar of Leicestershire Health and Wellbeing Board/);
  });

  it('two managers on one card: Alex saves first; Adele is told and shown Alex\'s calendar, and hers is not saved', async () => {
    const alexCard = await bot.ask(ALEX, 'calendar leicester city');
    const adeleCard = await bot.ask(ADELE, 'calendar leicester city');
    const alex = saveFrom(alexCard, { digestDay: 'Wednesday' });
    const adele = saveFrom(adeleCard, { digestDay: 'Friday', meetingDates: '2027-01-21' });
    assert.match(cardText((await bot.invoke(cardAction(ALEX, bot.serviceUrl, alex.verb, alex.data))).body.value), /Calendar saved/);
    const late = await bot.invoke(cardAction(ADELE, bot.serviceUrl, adele.verb, adele.data));
    const text = cardText(late.body.value);
    assert.match(text, /Another manager saved first/);
    const stored = (await bot.app.storage.calendars.get('leicester-city'))!.calendar;
    assert.equal(stored.digest.weekday, 3);
    assert.deepEqual(stored.meetingDates, []);
    // The card she is shown is the stored one: Wednesday chosen.
    assert.equal(saveFrom(late.body.value as Record<string, unknown>, {}).data.digestDay, 'Wednesday');
  });

  it('meeting dates: the due dates are worked back and shown, and a bad date saves nothing', async () => {
    const card = await bot.ask(ALEX, 'calendar leicester city');
    const bad = saveFrom(card, { meetingDates: '2027-01-21, 2027-02-30' });
    const refused = cardText((await bot.invoke(cardAction(ALEX, bot.serviceUrl, bad.verb, bad.data))).body.value);
    assert.match(refused, /Not saved[\s\S]*"2027-02-30" is not a date/);
    assert.equal(await bot.app.storage.calendars.get('leicester-city'), undefined);
    const good = saveFrom(card, { meetingDates: '2027-01-21, 2027-03-18' });
    const saved = cardText((await bot.invoke(cardAction(ALEX, bot.serviceUrl, good.verb, good.data))).body.value);
    // 10 working days before each meeting (the install's PAPERS_DEADLINE_WORKING_DAYS).
    assert.match(saved, /21 Jan 2027\nanswers due 7 Jan 2027\n18 Mar 2027\nanswers due 4 Mar 2027/);
  });

  it('Alex makes priority 19 monthly: the next month\'s reminder comes on 1 Dec, and its card is taken (not refused as another period\'s)', async () => {
    const card = await bot.ask(ALEX, 'calendar leicester city');
    const refs = ((card.actions as { data: { refs: string[] } }[])[0]!.data.refs);
    const index = refs.indexOf('leicester-2022-27/19');
    assert.ok(index >= 0, refs.join(', '));
    const { verb, data } = saveFrom(card, { [`freq_${index}`]: 'monthly' });
    assert.match(cardText((await bot.invoke(cardAction(ALEX, bot.serviceUrl, verb, data))).body.value), /Calendar saved\n1 setting changed[\s\S]*frequency leicester-2022-27\/19: annual → monthly/);
    bot.connector.reset();
    // Tuesday 1 Dec 09:31 GMT: November's reminder for 19 goes to Alex, its lead.
    await bot.tickAt('2026-12-01T09:31:00Z');
    const reminder = bot.connector.sentTo('a:personal-29:alex').find((c) => /2026-11 check-in for 19\./.test(`${String(c.body.text ?? '')}`));
    assert.ok(reminder, bot.connector.sentTo('a:personal-29:alex').map((c) => String(c.body.text)).join('\n'));
    const reminderCard = (reminder.body.attachments as { content: Record<string, unknown> }[])[0]!.content;
    const submit = submitFrom(reminderCard, { rag: 'green', update: 'Falls clinic running monthly now.' });
    bot.clock.set('2026-12-02T10:00:00Z');
    const receipt = cardText((await bot.invoke(cardAction(ALEX, bot.serviceUrl, submit.verb, submit.data))).body.value);
    assert.match(receipt, /2026-11/);
    assert.doesNotMatch(receipt, /not for the current period|closed period/);
  });
});

