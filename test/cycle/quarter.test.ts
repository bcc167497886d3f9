import { strict as assert } from 'node:assert';
import { ADELE, ALEX, cardAction, channelMessage, CHANNEL_ID, installation, MEGAN, message, submitFrom, teamInstall } from '../support/activities';
import { BotHarness, cardText } from '../support/bot-harness';

/** The personal-chat conversation id of a user in test/support/activities.ts. */
const chat = (u: { id: string }) => `a:personal-${u.id}`;
const cardsIn = (bot: BotHarness, u: { id: string }) => bot.connector.sentTo(chat(u)).map((c) => `${String(c.body.text ?? '')}\n${cardText(c.body.attachments)}`);

/**
 * The quarter's story as steps. Each test starts its own bot (the day before 2026-Q3 opens: leads
 * installed, the board channel set, Alex away until 5 Oct with Adele covering) and replays the
 * steps it stands on, so it passes alone and in any order.
 */
const step = {
  /** 1 Oct 09:31 BST, and a second tick (or a restart) at 09:45: the opening reminders. */
  opened: async (bot: BotHarness) => {
    await bot.tickAt('2026-10-01T08:31:00Z');
    await bot.tickAt('2026-10-01T08:45:00Z');
  },
  /** 2 Oct: Adele answers Alex's priority Green from the reminder card she got. */
  coverAnswered: async (bot: BotHarness) => {
    const reminder = bot.connector.sentTo(chat(ADELE))[0]!;
    const card = (reminder.body.attachments as { content: Record<string, unknown> }[])[0]!.content;
    const { verb, data } = submitFrom(card, { rag: 'green', update: 'On track while Alex is away.' });
    bot.clock.set('2026-10-02T10:00:00Z');
    return cardText((await bot.invoke(cardAction(ADELE, bot.serviceUrl, verb, data))).body.value);
  },
  /** 12 Oct 09:31 BST: the nudges (3 working days before due) and that Monday's digest. */
  nudged: async (bot: BotHarness) => bot.tickAt('2026-10-12T08:31:00Z'),
  /** 13 Oct: Megan answers W2 Red, with a point for escalation. */
  meganAnsweredRed: async (bot: BotHarness) => {
    bot.clock.set('2026-10-13T10:00:00Z');
    await bot.post(message(MEGAN, bot.serviceUrl, 'checkin W2'));
    const { verb, data } = submitFrom(bot.connector.lastCard(), { rag: 'red', update: 'NCMP data delayed.', escalation: 'Board to <at>chase</at> **ICB** funding' });
    return cardText((await bot.invoke(cardAction(MEGAN, bot.serviceUrl, verb, data))).body.value);
  },
  /** 15 and 16 Oct: due day, then overdue. */
  dueThenOverdue: async (bot: BotHarness) => {
    await bot.tickAt('2026-10-15T08:31:00Z');
    await bot.tickAt('2026-10-16T08:31:00Z');
  },
  /** Monday 19 Oct 09:01 BST: the weekly digest. */
  mondayDigest: async (bot: BotHarness) => bot.tickAt('2026-10-19T08:01:00Z'),
  /** 22 Oct: 5 working days overdue, the board managers are told. */
  managersTold: async (bot: BotHarness) => bot.tickAt('2026-10-22T08:31:00Z'),
};

describe('a reporting quarter, ticked through on real parts (2026-Q3: opens 1 Oct, due 15 Oct)', function () {
  this.timeout(60_000);
  let bot: BotHarness;

  beforeEach(async () => {
    bot = await new BotHarness('2026-09-30T12:00:00Z').start();
    for (const u of [ALEX, MEGAN, ADELE]) await bot.post(installation(u, bot.serviceUrl));
    await bot.post(channelMessage(ALEX, bot.serviceUrl, 'use this channel for digests'));
    assert.match(cardText(bot.connector.lastCard()), /Board channel set/);
    await bot.post(message(ALEX, bot.serviceUrl, 'away until 5 Oct Adele Vance'));
    assert.match(cardText(bot.connector.lastCard()), /Away until 5 Oct 2026[\s\S]*go to Adele Vance/);
    bot.connector.reset();
  });
  afterEach(async () => bot.stop());

  /** Replays `steps` in order, then clears what the connector saw, so a test reads only its own sends. */
  const given = async (...steps: ((bot: BotHarness) => Promise<unknown>)[]) => {
    for (const s of steps) await s(bot);
    bot.connector.reset();
  };

  it('nothing goes to leads before the opening day\'s send time; the missed Monday digest is caught up once', async () => {
    await bot.tickAt('2026-10-01T08:29:00Z'); // 09:29 BST
    await bot.tickAt('2026-10-01T08:29:00Z');
    assert.deepEqual(bot.connector.sent().map((c) => c.conversationId.split(';')[0]), [CHANNEL_ID]);
    assert.match(cardText(bot.connector.sent()[0]!.body.attachments), /Escalation digest, 1 Oct 2026/);
  });

  it('on opening day each lead gets the check-in card once; an away lead\'s goes to the cover', async () => {
    await step.opened(bot);
    const adele = cardsIn(bot, ADELE);
    const megan = cardsIn(bot, MEGAN);
    assert.equal(adele.length, 1, adele.join('\n---\n'));
    assert.match(adele[0]!, /The 2026-Q3 check-in for 19\. We will reduce the number of falls.* is open\. Please answer by 15 Oct 2026\. You are covering for Alex Wilber\./);
    assert.match(adele[0]!, /Adele Vance, on behalf of Alex Wilber/);
    assert.equal(megan.length, 2);
    assert.equal(cardsIn(bot, ALEX).length, 0);
  });

  it('the cover answers on the lead\'s behalf from the reminder card', async () => {
    await step.opened(bot);
    assert.match(await step.coverAnswered(bot), /Adele Vance on behalf of Alex Wilber/);
  });

  it('nudges go only to those who have not answered', async () => {
    await given(step.opened, step.coverAnswered);
    await step.nudged(bot);
    assert.equal(cardsIn(bot, ADELE).length + cardsIn(bot, ALEX).length, 0);
    const nudges = cardsIn(bot, MEGAN);
    assert.equal(nudges.length, 2);
    assert.ok(nudges.every((n) => /^Reminder: the 2026-Q3 check-in for .* is due on 15 Oct 2026\./.test(n)));
  });

  it('Megan answers the workstream Red with a point for escalation', async () => {
    assert.match(await step.meganAnsweredRed(bot), /● Red/);
  });

  it('due day, then overdue, for the one still unanswered', async () => {
    await given(step.opened, step.coverAnswered, step.nudged, step.meganAnsweredRed);
    await bot.tickAt('2026-10-15T08:31:00Z');
    assert.deepEqual(cardsIn(bot, MEGAN).map((t) => t.split('\n')[0]), ['The 2026-Q3 check-in for 9. We will take action to reduce levels of unhealthy weight across all ages is due today.']);
    await bot.tickAt('2026-10-16T08:31:00Z');
    assert.match(cardsIn(bot, MEGAN)[1]!, /was due on 15 Oct 2026 and is now overdue/);
    assert.equal(bot.connector.sent().length, 2);
  });

  it('the Monday digest goes to the board channel: Red, Overdue with days, and the counts', async () => {
    await given(step.opened, step.coverAnswered, step.meganAnsweredRed);
    await step.mondayDigest(bot);
    const posts = bot.connector.sentTo(CHANNEL_ID);
    assert.equal(posts.length, 1);
    const digest = cardText(posts[0]!.body.attachments);
    assert.match(digest, /Escalation digest, 19 Oct 2026/);
    assert.match(digest, /● Red 1 · ▲ Amber 0 · ✔ Green 1 · ○ Not reported 2/);
    assert.match(digest, /Red \(1 priority\)\nW2\. Healthy Weight\nRed for 2026-Q3/);
    assert.match(digest, /Point for escalation raised \(1 priority\)\nW2\. Healthy Weight\nBoard to <at>chase<\/at> \*\*ICB\*\* funding/);
    // Priority 10 has no lead in the fixture: nobody was asked, so it is not overdue but listed under No lead.
    assert.match(digest, /Overdue \(1 priority\)\n9\. We will take action to reduce levels of unhealthy weight across all ages\n4 days overdue \(due 15 Oct 2026\)\nStatus\n/);
    assert.match(digest, /○ Not reported 2 \(overdue 1, no lead 1\)/);
    assert.match(digest, /No lead assigned \(1\)\nNobody is asked for these check-ins[^\n]*\n10\. We will increase early detection/);
    assert.match(digest, /KPI worse than baseline \(1 priority\)\nW2\. Healthy Weight\nExcess weight, Year 6: 38\.1 → 38\.9 %/);
    // The user's text stays literal: in a TextRun, never a mention entity.
    assert.equal(posts[0]!.body.entities, undefined);
    assert.match(JSON.stringify(posts[0]!.body.attachments), /"type":"TextRun","text":"Board to <at>chase<\/at> \*\*ICB\*\* funding"/);
  });

  it('after 5 working days overdue the board managers are told, by name', async () => {
    await given(step.opened, step.coverAnswered, step.meganAnsweredRed);
    await step.managersTold(bot);
    const alex = cardsIn(bot, ALEX).sort();
    // Not priority 10: it has no lead, so nobody was asked and its answer is not overdue.
    assert.equal(alex.length, 1);
    assert.match(alex[0]!, /Overdue: 9\. We will take action[\s\S]*is 7 days overdue\. Lead: Megan Bowen\./);
  });

  it('the ledger shows one send per lead per step, and nothing twice', async () => {
    // The whole quarter, as the tests above tell it one step each.
    await bot.tickAt('2026-10-01T08:29:00Z');
    await given(step.opened, step.coverAnswered, step.nudged, step.meganAnsweredRed, step.dueThenOverdue, step.mondayDigest, step.managersTold);
    const entries = await bot.app.storage.outbox.list('2026-09-01', '2026-12-31');
    const sent = entries.filter((e) => e.status === 'sent');
    assert.equal(new Set(sent.map((e) => e.key)).size, sent.length);
    assert.deepEqual(sent.map((e) => `${e.kind}:${e.recipientId}`).sort(), [
      // 28 Sep (caught up at the first tick), 12 Oct and 19 Oct; 5 Oct had no tick and was superseded.
      'digest:board-channel:test-city',
      'digest:board-channel:test-city',
      'digest:board-channel:test-city',
      'due-today:megan-bowen',
      // Once: priority 10 has no lead, so its managers' notice is not planned.
      'managers-overdue:alex-wilber',
      'nudge:megan-bowen',
      'nudge:megan-bowen',
      'overdue:megan-bowen',
      'reminder:adele-vance',
      'reminder:megan-bowen',
      'reminder:megan-bowen',
    ]);
  });

  it('digest now, from a board manager in the channel, posts one digest there', async () => {
    await bot.post(channelMessage(ALEX, bot.serviceUrl, 'digest now'));
    const posts = bot.connector.sentTo(CHANNEL_ID);
    assert.equal(posts.length, 1);
    assert.match(cardText(posts[0]!.body.attachments), /Escalation digest/);
  });

  it('digest now from a lead who is not a board manager is refused', async () => {
    await bot.post(channelMessage(MEGAN, bot.serviceUrl, 'digest now'));
    assert.match(cardText(bot.connector.lastCard()), /Only board managers can do that/);
    assert.equal(bot.connector.cards().filter((c) => /Escalation digest/.test(cardText(c))).length, 0);
  });

  it('installing the bot in a team registers that team for digests', async () => {
    await bot.post(teamInstall(ALEX, bot.serviceUrl));
    const channel = await bot.app.deps.conversations.get('board-channel:test-city');
    assert.equal((channel?.reference as { conversation: { id: string } }).conversation.id, '19:board-team@thread.tacv2');
  });
});
