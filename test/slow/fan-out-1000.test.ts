import { strict as assert } from 'node:assert';
import { rmSync } from 'node:fs';
import { BotHarness } from '../support/bot-harness';
import { manyLeadsSeeds, remindAllLeads } from '../support/many-leads';

/**
 * 1,000 leads reminded at once, through a connector that enforces Teams' limits (50/s per app,
 * 7/s per conversation) and answers 3% of sends with 429 (half with Retry-After), 1% with 502 and
 * drops 1%: every lead gets exactly one reminder, and the bot never goes over a limit.
 */
describe('a 1,000-lead fan-out under Teams limits and faults', function () {
  this.timeout(240_000);

  it('every lead reminded exactly once, and no request over a limit, retries included', async () => {
    const { dir, leadIds } = manyLeadsSeeds(1000);
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const bot = new BotHarness('2026-10-01T08:31:00Z', { SEEDS_DIR: dir });
    bot.connector = new (bot.connector.constructor as new (r: () => number) => typeof bot.connector)(random);
    await bot.start();
    try {
      bot.connector.limits = { perAppPerSecond: 50, perConversationPerSecond: 7 };
      bot.connector.chaos = { p429: 0.03, p502: 0.01, pDrop: 0.01 };
      const { seconds, missing, twice } = await remindAllLeads(bot, leadIds, 39);
      console.log(`      1000 reminders in ${seconds.toFixed(1)} s (${(1000 / seconds).toFixed(1)}/s, ceiling 50/s); faults served ${bot.connector.refused}; over limit ${bot.connector.overLimit}; missing ${missing}; twice ${twice}`);
      assert.equal(missing, 0);
      // Every request the bot makes, the SDK's own retries included, waits in the rate limiter
      // at the bottom of the HTTP pipeline: none may go over.
      assert.equal(bot.connector.overLimit, 0, `${bot.connector.overLimit} sends went over a Teams limit`);
      assert.ok(bot.connector.refused > 20, 'faults were injected');
      // A 502 or a dropped connection after the connector accepted a send is indistinguishable
      // from one it never got; none was accepted-then-failed here, so no lead may get two.
      assert.equal(twice, 0);
    } finally {
      await bot.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
