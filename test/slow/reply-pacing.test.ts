import { strict as assert } from 'node:assert';
import { ALEX, message } from '../support/activities';
import { BotHarness } from '../support/bot-harness';

/** Replies in a turn are Connector requests too: they go through the same limiter as proactive sends. */
describe('replies to users are paced under Teams limits', function () {
  this.timeout(60_000);
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await new BotHarness('2026-10-20T10:00:00Z').start();
    bot.connector.limits = { perAppPerSecond: 50, perConversationPerSecond: 7 };
  });
  afterEach(async () => bot.stop());

  it('40 messages at once in one conversation: every reply delivered, none over the per-conversation limit', async () => {
    const answers = await Promise.all(Array.from({ length: 40 }, () => bot.post(message(ALEX, bot.serviceUrl, 'help'))));
    assert.ok(answers.every((a) => a.status === 200));
    assert.equal(bot.connector.sentTo(`a:personal-${ALEX.id}`).length, 40);
    assert.equal(bot.connector.overLimit, 0, `${bot.connector.overLimit} replies went over a Teams limit`);
  });
});
