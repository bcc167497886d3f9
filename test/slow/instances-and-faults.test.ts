import { strict as assert } from 'node:assert';
import { rmSync } from 'node:fs';
import { channelMessage, CHANNEL_ID } from '../support/activities';
import { BotHarness } from '../support/bot-harness';
import { installAll, manyLeadsSeeds, sendsPerConversation } from '../support/many-leads';
import { uniquePrefix } from '../support/storage';

const OPENING = '2026-10-01T08:31:00Z'; // 09:31 BST, Thursday: 2026-Q3 opens

describe('exactly once across instances and connector faults', function () {
  this.timeout(120_000);

  it('two instances on one storage ticking together send one reminder per lead and one digest', async () => {
    const { dir, leadIds } = manyLeadsSeeds(40);
    const prefix = uniquePrefix();
    const a = await new BotHarness('2026-10-05T08:31:00Z', { TABLE_PREFIX: prefix, SEEDS_DIR: dir }).start();
    const b = await new BotHarness('2026-10-05T08:31:00Z', { TABLE_PREFIX: prefix, SEEDS_DIR: dir }).useConnector(a.connector).start();
    try {
      await installAll(a.app.storage.conversations, [...leadIds, 'manager'], a.serviceUrl);
      await a.post(channelMessage({ id: '29:manager', name: 'Board Manager', aadObjectId: 'ffffffff-0000-0000-0000-000000000000' }, a.serviceUrl, 'use this channel for digests'));
      a.connector.reset();
      // Monday 5 Oct 09:31 BST: the catch-up tick sends each reminder (opened Thursday) and the 09:00 digest.
      await Promise.all([a.tickAt('2026-10-05T08:31:00Z'), b.tickAt('2026-10-05T08:31:00Z'), a.tickAt('2026-10-05T08:31:00Z'), b.tickAt('2026-10-05T08:31:00Z')]);
      const counts = sendsPerConversation(a.connector.calls);
      for (const id of leadIds) assert.equal(counts.get(`a:personal-${id}`), 1, `reminders to ${id}`);
      assert.equal(a.connector.sentTo(CHANNEL_ID).length, 1);
      assert.equal(a.connector.sent().length, leadIds.length + 1);
      const ledger = await a.app.storage.outbox.list('2026-09-01', '2026-12-31');
      const owners = new Set(ledger.filter((e) => e.status === 'sent' && e.kind === 'reminder').map((e) => e.owner));
      assert.equal(owners.size, 2, 'both instances took a share of the work');
    } finally {
      await b.stop();
      await a.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('429 with and without Retry-After, 502 and a dropped connection: every lead reminded once', async () => {
    const { dir, leadIds } = manyLeadsSeeds(30);
    const bot = await new BotHarness(OPENING, { SEEDS_DIR: dir }).start();
    try {
      await installAll(bot.app.storage.conversations, leadIds, bot.serviceUrl);
      bot.connector.faults.push({ status: 429, retryAfterSeconds: 1 }, { status: 429 }, { status: 502 }, { drop: true }, { status: 429, retryAfterSeconds: 0 }, { status: 503 });
      await bot.tickAt(OPENING);
      // Whatever the first tick could not deliver was released; the next tick sends it.
      await bot.tickAt('2026-10-01T08:32:00Z');
      await bot.tickAt('2026-10-01T08:33:00Z');
      const counts = sendsPerConversation(bot.connector.calls);
      assert.equal(bot.connector.faults.length, 0, 'every fault was served');
      assert.ok(bot.connector.refused >= 6);
      for (const id of leadIds) assert.equal(counts.get(`a:personal-${id}`), 1, `reminders to ${id}`);
      const ledger = await bot.app.storage.outbox.list('2026-09-01', '2026-12-31');
      assert.equal(ledger.filter((e) => e.status === 'sent').length, leadIds.length);
    } finally {
      await bot.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a lead who never installed the bot and has no email is recorded as undeliverable, with why, not retried for ever', async () => {
    const { dir, leadIds } = manyLeadsSeeds(3);
    const bot = await new BotHarness(OPENING, { SEEDS_DIR: dir }).start();
    try {
      await installAll(bot.app.storage.conversations, leadIds.slice(0, 2), bot.serviceUrl);
      await bot.tickAt(OPENING);
      await bot.tickAt('2026-10-01T08:40:00Z');
      const ledger = await bot.app.storage.outbox.list('2026-09-01', '2026-12-31');
      const missing = ledger.find((e) => e.key.endsWith(`|${leadIds[2]}`));
      assert.equal(missing?.status, 'undeliverable');
      assert.equal(missing?.note, 'not reachable: not in the board team; Graph not configured; no email address');
      assert.equal(bot.connector.sent().length, 2);
    } finally {
      await bot.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
