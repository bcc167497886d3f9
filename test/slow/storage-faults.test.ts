import { strict as assert } from 'node:assert';
import { ALEX, cardAction, message, submitFrom } from '../support/activities';
import { BotHarness, cardText } from '../support/bot-harness';
import { testConnectionString } from '../support/storage';
import { StorageProxy } from '../support/storage-proxy';

/** Storage faults mid-submit: the user is answered in time, nothing is lost or stored twice. */
describe('storage faults during a check-in submit', function () {
  this.timeout(90_000);
  let proxy: StorageProxy;
  let bot: BotHarness;

  beforeEach(async () => {
    proxy = await new StorageProxy(testConnectionString()).start();
    bot = await new BotHarness('2026-10-20T10:00:00Z', { STORAGE_CONNECTION_STRING: proxy.connectionString(testConnectionString()) }).start();
  });
  afterEach(async () => {
    proxy.mode = { kind: 'pass' };
    await bot.stop();
    await proxy.stop();
  });

  const openCard = async () => {
    await bot.post(message(ALEX, bot.serviceUrl, 'checkin'));
    return submitFrom(bot.connector.lastCard(), { rag: 'red', update: 'Submitted while storage misbehaves.', ragReason: 'Waiting list doubled.' });
  };
  const versions = () => bot.app.storage.checkIns.versions('test-board-2025-28', '19', '2026-Q3');

  for (const [name, mode] of [
    ['slow (20 s)', { kind: 'slow', delayMs: 20_000 }],
    ['down', { kind: 'down' }],
  ] as const) {
    it(`storage ${name}: told to try again within Teams' 5 s, card not replaced; the retry saves once`, async () => {
      const { verb, data } = await openCard();
      proxy.mode = mode;
      const started = Date.now();
      const first = await bot.invoke(cardAction(ALEX, bot.serviceUrl, verb, data));
      const took = Date.now() - started;
      assert.ok(took < 5_000, `answered after ${took} ms`);
      assert.equal(first.body.type, 'application/vnd.microsoft.activity.message', 'the card stays as it is');
      assert.match(String(first.body.value), /cannot confirm it yet|Something went wrong|nothing was saved/);
      proxy.mode = { kind: 'pass' };
      // A slow write may still land after the deadline; either way the retry stores one version.
      const retry = await bot.invoke(cardAction(ALEX, bot.serviceUrl, verb, data));
      assert.match(cardText(retry.body.value), /Check-in received for 2026-Q3[\s\S]*Version\n1/);
      assert.equal((await versions()).length, 1);
    });
  }

  it('write committed but the reply lost: the retry sees it and reports success, one record', async () => {
    const { verb, data } = await openCard();
    proxy.mode = { kind: 'drop-reply-after-write' };
    const first = await bot.invoke(cardAction(ALEX, bot.serviceUrl, verb, data));
    assert.equal(first.status, 200);
    proxy.mode = { kind: 'pass' };
    const retry = await bot.invoke(cardAction(ALEX, bot.serviceUrl, verb, data));
    assert.match(cardText(retry.body.value), /Check-in received for 2026-Q3[\s\S]*Version\n1/);
    const stored = await versions();
    assert.equal(stored.length, 1);
    assert.equal(stored[0]!.update, 'Submitted while storage misbehaves.');
  });
});
