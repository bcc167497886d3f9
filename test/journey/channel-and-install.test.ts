import { strict as assert } from 'node:assert';
import { STATUS_VERB } from '../../src/cards/status-card';
import { ALEX, cardAction, channelMessage, CHANNEL_ID, installation, membersAdded } from '../support/activities';
import { BotHarness, cardText } from '../support/bot-harness';

describe('install, channel threads and status buttons (found in the Agents Playground)', () => {
  let bot: BotHarness;
  beforeEach(async () => (bot = await new BotHarness('2026-10-20T10:00:00Z').start()));
  afterEach(async () => bot.stop());

  it('install and member-added for the same install give one welcome', async () => {
    await bot.post(installation(ALEX, bot.serviceUrl));
    await bot.post(membersAdded(ALEX, bot.serviceUrl));
    assert.equal(bot.connector.cards().filter((c) => /Welcome, Alex Wilber/.test(cardText(c))).length, 1);
  });

  it('digest now in another thread of the board channel: one new post, no extra reply', async () => {
    await bot.post(channelMessage(ALEX, bot.serviceUrl, 'use this channel for digests', CHANNEL_ID, '1'));
    const stored = await bot.app.deps.conversations.get('board-channel:test-city');
    assert.equal((stored?.reference as { conversation: { id: string } }).conversation.id, CHANNEL_ID);
    bot.connector.reset();
    await bot.post(channelMessage(ALEX, bot.serviceUrl, 'digest now', CHANNEL_ID, '7'));
    const sent = bot.connector.sent();
    assert.equal(sent.length, 1, JSON.stringify(sent.map((c) => c.path)));
    assert.match(cardText(sent[0]!.body.attachments), /Escalation digest/);
  });

  it('a Status button sends the status as a new message and leaves the card it was on', async () => {
    bot.connector.reset();
    const answer = await bot.invoke(cardAction(ALEX, bot.serviceUrl, STATUS_VERB, { priority: 'test-board-2025-28/19' }));
    assert.equal(answer.body.type, 'application/vnd.microsoft.activity.message');
    assert.equal(answer.body.value, 'Status of 19 sent below.');
    assert.match(cardText(bot.connector.lastCard()), /19\. We will reduce the number of falls/);
  });
});
