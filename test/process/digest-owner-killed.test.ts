import { strict as assert } from 'node:assert';
import { rmSync } from 'node:fs';
import { LEGACY_BOARD_CHANNEL_KEY } from '../../src/app/digest';
import { BotProcess } from '../support/bot-process';
import { ConnectorStandIn } from '../support/connector-stand-in';
import { manyLeadsSeeds } from '../support/many-leads';
import { freshStorage, sharedStorageEnv } from '../support/storage';

const CHANNEL = '19:board-digests@thread.tacv2';

/**
 * Two bot processes on one storage account. The first claims Monday's 09:00 digest and is
 * killed with SIGKILL while its send is still open at the connector (so the digest never
 * arrived). The second, started beside it, must take the claim over once its lease runs out and
 * post the digest, once; the first, started again, must not post it a second time.
 */
describe('two instances; the one that claimed the digest is killed before delivering it', function () {
  this.timeout(150_000);

  it('the other instance posts exactly one digest after the lease runs out', async () => {
    // Leads who never installed the bot: the only message due is the digest.
    const { dir } = manyLeadsSeeds(3);
    const storage = await freshStorage();
    const connector = await new ConnectorStandIn().start();
    // Monday 09:01 BST, just after the 09:00 digest slot.
    const env = sharedStorageEnv(storage, { SEEDS_DIR: dir, CLOCK_START: '2026-10-05T08:01:00Z', OUTBOX_LEASE_SECONDS: '4', LOG_LEVEL: 'debug', LOG_FORMAT: 'json' });
    // debug and JSON: a tick that sends nothing logs its report at debug, and the test reads that report's fields.
    const processes: BotProcess[] = [];
    try {
      await storage.conversations.put({
        // Stored as before boards were first-class: a one-board install keeps using it.
        key: LEGACY_BOARD_CHANNEL_KEY,
        reference: { channelId: 'msteams', serviceUrl: connector.url, conversation: { id: CHANNEL, conversationType: 'channel', isGroup: true }, bot: { id: '28:hwb-bot', name: 'HWB Progress Bot' } },
        updatedAt: '2026-09-01T00:00:00.000Z',
      });
      connector.faults.push({ hold: true });

      const first = new BotProcess(env);
      processes.push(first);
      await first.start(60_000);
      const until = async (what: () => boolean, ms: number) => {
        const deadline = Date.now() + ms;
        while (!what() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        return what();
      };
      assert.ok(await until(() => connector.held === 1, 30_000), 'the first instance claimed the digest and started sending it');
      await first.stop('SIGKILL');
      const claimed = (await storage.outbox.list('2026-10-01', '2026-10-31')).filter((e) => e.kind === 'digest');
      assert.equal(claimed.length, 1);
      assert.equal(claimed[0]!.status, 'claimed', 'the dead instance left its claim behind');

      const second = new BotProcess(env);
      processes.push(second);
      await second.start(60_000);
      assert.ok(await until(() => connector.sentTo(CHANNEL).length >= 1, 90_000), 'the second instance posted the digest');

      // The first instance comes back: the ledger says the digest is done.
      const again = new BotProcess(env);
      processes.push(again);
      await again.start(60_000);
      // Not a pause and hope: wait for its catch-up tick to report the digest as already done.
      // Its catch-up tick finds the digest (and the leads' reminders, settled as undeliverable) done.
      assert.ok(await until(() => /"alreadyDone":[1-9]\d*[,}][^\n]*"sent":0[^\n]*reporting cycle tick|"sent":0[^\n]*"alreadyDone":[1-9]\d*[,}][^\n]*reporting cycle tick/.test(again.output), 30_000), `the restarted instance ran its catch-up tick:\n${again.output.split('\n').filter((l) => /cycle tick/.test(l)).join('\n')}`);
      assert.equal(connector.sentTo(CHANNEL).length, 1, 'one digest in the channel');
      const ledger = (await storage.outbox.list('2026-10-01', '2026-10-31')).filter((e) => e.kind === 'digest');
      assert.deepEqual(
        ledger.map((e) => e.status),
        ['sent'],
      );
      assert.notEqual(ledger[0]!.owner, claimed[0]!.owner, 'sent by the instance that took the claim over');
    } finally {
      for (const p of processes) await p.stop('SIGTERM').catch(() => undefined);
      await connector.stop();
      await storage.tables.dropTables();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
