import { strict as assert } from 'node:assert';
import { rmSync } from 'node:fs';
import { BotProcess } from '../support/bot-process';
import { ConnectorStandIn } from '../support/connector-stand-in';
import { installAll, manyLeadsSeeds, sendsPerConversation } from '../support/many-leads';
import { freshStorage, sharedStorageEnv } from '../support/storage';

/**
 * A bot process killed with SIGKILL half-way through reminding 500 leads, then started again:
 * it completes the fan-out from the outbox. The one thing no design can know after a crash is
 * whether the request in flight at that instant reached Teams (the Bot Connector has no
 * idempotency key): that send is retried, so at most the sends in flight may repeat, and none
 * may be missing. This test measures both.
 */
describe('SIGKILL during a 500-lead fan-out', function () {
  this.timeout(180_000);

  it('a restart completes it: none missing, only sends in flight at the kill repeated', async () => {
    const { dir, leadIds } = manyLeadsSeeds(500);
    const storage = await freshStorage();
    const connector = await new ConnectorStandIn().start();
    const env = sharedStorageEnv(storage, { SEEDS_DIR: dir, CLOCK_START: '2026-10-01T08:31:00Z', OUTBOX_LEASE_SECONDS: '2' });
    try {
      await installAll(storage.conversations, leadIds, connector.url);
      const first = new BotProcess(env);
      const killedAt = new Promise<number>((resolve) => {
        const timer = setInterval(() => {
          const n = connector.sent().length;
          if (n >= 200) {
            clearInterval(timer);
            void first.stop('SIGKILL').then(() => resolve(connector.sent().length));
          }
        }, 5);
      });
      await first.start(60_000);
      const atKill = await killedAt;
      assert.ok(atKill < 500, `killed after ${atKill} sends, before the end`);

      const second = await new BotProcess(env).start(60_000);
      try {
        const deadline = Date.now() + 90_000;
        while (new Set(connector.sent().map((c) => c.conversationId)).size < leadIds.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      } finally {
        await second.stop('SIGTERM');
      }
      const counts = sendsPerConversation(connector.calls);
      const missing = leadIds.filter((id) => !counts.has(`a:personal-${id}`));
      const repeated = [...counts.values()].filter((n) => n > 1).length;
      console.log(`      killed after ${atKill} sends; missing ${missing.length}, repeated ${repeated}`);
      assert.deepEqual(missing, []);
      // Only sends in flight at the kill can repeat: at most the send concurrency (8) at once.
      assert.ok(repeated <= 8, `${repeated} leads were reminded twice`);
      const ledger = await storage.outbox.list('2026-09-01', '2026-12-31');
      assert.equal(ledger.filter((e) => e.status === 'sent').length, 500);
    } finally {
      await connector.stop();
      await storage.tables.dropTables();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
