import { strict as assert } from 'node:assert';
import { ALEX, cardAction, MEGAN, message, submitFrom } from '../support/activities';
import { BotHarness, cardText } from '../support/bot-harness';

describe('board managers\' view: overdue, red, history', () => {
  let bot: BotHarness;
  before(async () => {
    bot = await new BotHarness('2026-10-20T10:00:00Z').start();
    await bot.post(message(ALEX, bot.serviceUrl, 'checkin'));
    const { verb, data } = submitFrom(bot.connector.lastCard(), { rag: 'red', update: 'Service paused for refurbishment.', ragReason: 'Waiting list doubled.' });
    await bot.invoke(cardAction(ALEX, bot.serviceUrl, verb, data));
  });
  after(async () => bot.stop());

  const ask = async (user: typeof ALEX, text: string) => cardText(await bot.ask(user, text));

  it('red lists what the digest would list under Red', async () => {
    assert.match(await ask(ALEX, 'red'), /Rated Red this period \(1 priority\)\nTest Board Health and Wellbeing Strategy 2025-2028\n19\. We will reduce the number of falls for people aged 65\+\nRed for 2026-Q3\nStatus/);
  });

  it('a board that does not exist is said so, not answered with an empty list', async () => {
    assert.match(await ask(ALEX, 'overdue narnia'), /Board not found\nNo board matches "narnia"\. Yours: Test City Health and Wellbeing Board\./);
  });

  it('overdue lists every unanswered priority with its days, and a lead sees only their own', async () => {
    const all = await ask(ALEX, 'overdue');
    // Priority 10 has no lead: not overdue, and the card says why the count differs from Not reported.
    assert.match(all, /Overdue check-ins \(2 priorities\)\nOverdue means a lead was asked[^\n]*Not listed: 1 priority with no lead/);
    assert.match(all, /9\. We will take action to reduce levels of unhealthy weight across all ages\n5 days overdue \(due 15 Oct 2026\)/);
    const megan = await ask(MEGAN, 'overdue');
    assert.match(megan, /Overdue check-ins \(2 priorities\)/);
    assert.doesNotMatch(megan, /10\. We will increase early detection/);
  });

  it('history shows every version, newest first, with who and what changed; status says it was edited', async () => {
    // Alex answered Red (above); now edits the answer to Green through the receipt's Edit button.
    await bot.post(message(ALEX, bot.serviceUrl, 'checkin'));
    const { verb, data } = submitFrom(bot.connector.lastCard(), { rag: 'green', update: 'Reopened on 19 October.' });
    const edited = await bot.invoke(cardAction(ALEX, bot.serviceUrl, verb, data));
    assert.match(cardText(edited.body.value), /Version\n2/);
    const text = await ask(ALEX, 'history falls');
    assert.match(
      text,
      /History: 19\. We will reduce the number of falls for people aged 65\+\n2 periods answered, 3 versions in all\.\n2026-Q3 v2\n✔ Green\nAlex Wilber, 20 Oct 2026, 11:00\nEdit 1: RAG Red → Green; update edited; reason for the rating removed\nReopened on 19 October\.\n2026-Q3 v1\n● Red\nAlex Wilber, 20 Oct 2026, 11:00\nFirst answer\nService paused for refurbishment\.\n2026-Q2 v1\n✔ Green\nPat Example, 10 Jul 2026\nFirst answer\nFalls service recommissioned\./,
    );
    assert.match(await ask(ALEX, 'status 19'), /edited once \(see "history 19"\)/);
    const ranged = await ask(ALEX, 'history 19 from 2026-q3');
    assert.match(ranged, /1 period answered \(2026-Q3 to now\), 2 versions in all/);
    assert.doesNotMatch(ranged, /2026-Q2/);
    assert.match(await ask(ALEX, 'history 19 from soon'), /"soon" is not a period\. Use 2024 \(a year\)/);
  });

  it('"status" or "history" alone asks which priority, with an example, instead of the whole help', async () => {
    assert.equal(await ask(ALEX, 'status'), 'status what?\nSay which priority, e.g. "status falls": a number or words from its title.');
    assert.match(await ask(ALEX, 'history'), /^history what\?\nSay which priority, e\.g\. "history 19"/);
    assert.match(await ask(ALEX, 'help'), /away until <date> \[deputy\]\nSend your reminders to a deputy while you are away; "back" when you return/);
  });

  it('a lead cannot see the status or history of a priority that is not theirs', async () => {
    assert.match(await ask(MEGAN, 'history 19'), /Only board managers and its lead or deputy can see 19\. We will reduce/);
  });
});
