import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { startApp } from '../../src/start-app';
import { loadConfig } from '../../src/config';
import { startAzurite } from '../../src/store/azurite-embedded';
import { ALEX, cardAction, installation, message, submitFrom } from '../support/activities';
import { cardText, FIXTURE_SEEDS } from '../support/bot-harness';
import { BotProcess } from '../support/bot-process';
import { ConnectorStandIn } from '../support/connector-stand-in';

async function post(url: string, activity: Record<string, unknown>): Promise<{ status: number; body: string }> {
  const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  return { status: res.status, body: await res.text() };
}

describe('the bot process: start, answer, Ctrl-C, start again', function () {
  this.timeout(90_000);
  let dataDir: string;
  const connector = new ConnectorStandIn();
  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hwb-data-'));
    await connector.start();
  });
  after(async () => {
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps an answer across a clean stop, and a second start writes no seed data', async () => {
    const env = { DATA_DIR: dataDir, SEEDS_DIR: FIXTURE_SEEDS };
    const first = await new BotProcess(env).start();
    try {
      assert.match(first.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const health = await fetch(`${first.url}/healthz`);
      assert.equal(health.status, 200);
      assert.equal(((await health.json()) as { storage: string }).storage, 'reachable');
      assert.match(first.output, /"msg":"seed data loaded"/);

      await post(first.url, installation(ALEX, connector.url));
      connector.reset();
      await post(first.url, message(ALEX, connector.url, 'checkin'));
      const { verb, data } = submitFrom(connector.lastCard(), { rag: 'amber', update: 'Survives a restart.', ragReason: 'Staffing.' });
      const answer = await post(first.url, cardAction(ALEX, connector.url, verb, data));
      assert.match(cardText(JSON.parse(answer.body).value), /▲ Amber/);
    } finally {
      assert.equal(await first.stop('SIGINT'), 0, first.output);
    }
    assert.match(first.output, /Stopped cleanly/);
    assert.match(first.output, /LOCAL MODE: no MicrosoftAppId, so nobody's identity is checked\./);

    const second = await new BotProcess(env).start();
    try {
      assert.match(second.output, /seed data unchanged since last load: nothing written/);
      connector.reset();
      await post(second.url, message(ALEX, connector.url, 'status falls'));
      const status = cardText(connector.lastCard());
      assert.match(status, /RAG now\n▲ Amber/);
      assert.match(status, /Survives a restart\./);
    } finally {
      assert.equal(await second.stop('SIGTERM'), 0, second.output);
    }
  });

  it('refuses to start in production without an app id, saying why', async () => {
    const p = new BotProcess({ NODE_ENV: 'production', DATA_DIR: dataDir, SEEDS_DIR: FIXTURE_SEEDS });
    assert.equal(await p.run(), 1);
    assert.match(p.output, /MicrosoftAppId: not set: NODE_ENV=production needs MicrosoftAppId/);
  });

  it('refuses a bad seed file before anything is stored', async () => {
    const p = new BotProcess({ DATA_DIR: dataDir, SEEDS_DIR: join(__dirname, '..', 'fixtures', 'bad-seeds') });
    assert.equal(await p.run(), 1);
    assert.match(p.output, /Cannot start: .*bad-board\.json: priorities\[0\]\.theme: unknown theme "nope"/);
  });
});

describe('/healthz', () => {
  it('answers 503 when storage stops answering', async function () {
    this.timeout(20_000);
    const azurite = await startAzurite({});
    const app = await startApp(loadConfig({ PORT: '0', STORAGE_CONNECTION_STRING: azurite.connectionString, SEEDS_DIR: FIXTURE_SEEDS, LOG_LEVEL: 'silent' }), { log: pino({ level: 'silent' }) });
    try {
      assert.equal((await fetch(`${app.url}/healthz`)).status, 200);
      await azurite.close();
      const res = await fetch(`${app.url}/healthz`);
      assert.equal(res.status, 503);
      assert.equal(((await res.json()) as { storage: string }).storage, 'unreachable');
    } finally {
      await app.stop();
    }
  });

  it('a second Ctrl-C while the first is still stopping forces the stop at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hwb-data-'));
    const bot = await new BotProcess({ DATA_DIR: dir, SEEDS_DIR: FIXTURE_SEEDS }).start();
    after(() => rmSync(dir, { recursive: true, force: true }));
    // A request whose body never arrives keeps the first stop waiting for its grace period.
    const { request } = await import('node:http');
    const req = request(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '1000' } });
    req.on('error', () => undefined);
    await new Promise<void>((resolve) => req.write('{"type":', () => resolve()));

    bot.signal('SIGINT');
    await bot.printed(/SIGINT: stopping/);
    assert.equal(await bot.stop('SIGINT'), 1, bot.output);
    assert.match(bot.output, /SIGINT again: forcing the stop now/);
    assert.doesNotMatch(bot.output, /Stopped cleanly/);
  });
});
