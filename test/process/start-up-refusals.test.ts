import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_SEEDS } from '../support/bot-harness';
import { BotProcess } from '../support/bot-process';
import { bundledBot } from '../support/bundled-bot';
import { testConnectionString, uniquePrefix } from '../support/storage';

/** Lines a person reads when the bot cannot start: the reason, once, and no stack trace. */
function refusalLines(output: string): string[] {
  return output.split('\n').filter((l) => l.startsWith('Cannot start:'));
}
const STACK = /^\s+at \S+/m;

describe('start-up refusals are one line', function () {
  this.timeout(90_000);
  let bundle: Awaited<ReturnType<typeof bundledBot>>;
  before(async () => (bundle = await bundledBot()));
  after(() => bundle?.remove());

  it('a port in use: one line naming the port and PORT=, exit code 1, no stack trace', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const bot = new BotProcess({ PORT: String(port), STORAGE_CONNECTION_STRING: testConnectionString(), TABLE_PREFIX: uniquePrefix(), SEEDS_DIR: FIXTURE_SEEDS, SCHEDULER: 'off' }, bundle.entry);
      assert.equal(await bot.run(), 1, bot.output);
      const lines = refusalLines(bot.output);
      assert.equal(lines.length, 1, bot.output);
      assert.match(lines[0]!, new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is in use.*PORT=`));
      assert.doesNotMatch(bot.output, STACK, bot.output);
      assert.doesNotMatch(bot.output, /EADDRINUSE/);
    } finally {
      blocker.close();
    }
  });

  it('a data folder in use by a running bot: one line naming the process, exit code 1, no stack trace; the first bot is unharmed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hwb-lock-'));
    const env = { DATA_DIR: dataDir, SEEDS_DIR: FIXTURE_SEEDS, SCHEDULER: 'off' };
    const first = await new BotProcess(env, bundle.entry).start();
    try {
      const second = new BotProcess(env, bundle.entry);
      assert.equal(await second.run(), 1, second.output);
      const lines = refusalLines(second.output);
      assert.equal(lines.length, 1, second.output);
      assert.match(lines[0]!, new RegExp(`is in use by process ${first.pid}`));
      assert.doesNotMatch(second.output, STACK, second.output);
      assert.equal((await fetch(`${first.url}/healthz`)).status, 200);
    } finally {
      await first.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
