import { strict as assert } from 'node:assert';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { connectorAgent, CONNECT_TIMEOUT_MS } from '../../src/bot/paced-connector';
import { ALEX, message } from '../support/activities';
import { BotHarness } from '../support/bot-harness';

/** A loopback port with nothing listening: it was free a moment ago, and is closed again. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * In local mode nobody's token is checked, so the activity's serviceUrl decides where the bot's
 * answer goes: it may only be this machine. And a reply to an address that does not answer
 * fails at once: the SDK retried a refused connection for about 9 s (1, 2, 4 s), and a
 * connection that never completes waited for the operating system's timeout.
 */
describe('local mode: replies go only to this machine, and a dead address fails at once', () => {
  it('a serviceUrl on another machine is refused with 400 in our words; nothing is sent or stored', async () => {
    const bot = await new BotHarness().start();
    try {
      for (const serviceUrl of ['https://smba.trafficmanager.net/uk/', 'http://192.168.1.20:3978/', 'http://example.org/', 'http://127.0.0.1.evil.example/']) {
        const res = await bot.post(message(ALEX, serviceUrl, 'help'));
        assert.equal(res.status, 400, `${serviceUrl}: ${res.status} ${res.text}`);
        assert.match(res.text, /only a serviceUrl on this machine/);
      }
      assert.deepEqual(bot.connector.calls, []);
      assert.deepEqual(await bot.app.deps.conversations.list(), []);
      // This machine's addresses are answered.
      for (const serviceUrl of [bot.serviceUrl, bot.serviceUrl.replace('127.0.0.1', 'localhost')]) {
        bot.connector.reset();
        assert.equal((await bot.post(message(ALEX, serviceUrl, 'help'))).status, 200);
        assert.equal(bot.connector.sent().length, 1, serviceUrl);
      }
    } finally {
      await bot.stop();
    }
  });

  it('a reply to a dead loopback port is tried once, not retried; the turn fails and is logged, the bot answers the next one', async () => {
    const lines: Record<string, unknown>[] = [];
    const log = pino({ level: 'info' }, { write: (t: string) => void lines.push(JSON.parse(t) as Record<string, unknown>) });
    const bot = await new BotHarness('2026-11-24T10:00:00Z', {}, { log }).start();
    // Connections the bot's connector calls open: the agent is the one every call goes through.
    const agent = connectorAgent('http://127.0.0.1/', CONNECT_TIMEOUT_MS) as unknown as { createConnection: (...a: unknown[]) => unknown };
    const original = agent.createConnection;
    let attempts = 0;
    agent.createConnection = (...a: unknown[]) => (attempts++, original.apply(agent, a));
    try {
      const dead = `http://127.0.0.1:${await deadPort()}/`;
      const res = await bot.post(message(ALEX, dead, 'help'));
      assert.equal(res.status, 200, 'the turn ended (its failure is the bot\'s to log, not the sender\'s)');
      // The reply, then the "something went wrong" notice: each tried once.
      assert.equal(attempts, 2, `connection attempts: ${attempts}`);
      const failed = lines.find((l) => l.msg === 'turn failed') as { err?: { message?: string } } | undefined;
      assert.match(failed?.err?.message ?? '', /could not connect to http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
      bot.connector.reset();
      assert.equal((await bot.post(message(ALEX, bot.serviceUrl, 'help'))).status, 200);
      assert.equal(bot.connector.sent().length, 1);
    } finally {
      agent.createConnection = original;
      await bot.stop();
    }
  });

  it('connector calls connect with a timeout of at most 2 s: a socket that has not connected by then is destroyed', async () => {
    assert.ok(CONNECT_TIMEOUT_MS > 0 && CONNECT_TIMEOUT_MS <= 2_000, `CONNECT_TIMEOUT_MS = ${CONNECT_TIMEOUT_MS}`);
    assert.equal(connectorAgent('https://smba.trafficmanager.net/', CONNECT_TIMEOUT_MS).connectTimeoutMs, CONNECT_TIMEOUT_MS);
    // An address that never answers: its name lookup never returns, so the socket never connects.
    const agent = connectorAgent('http://127.0.0.1/', 20) as unknown as { createConnection(o: object): import('node:net').Socket };
    const hang = () => undefined;
    const error = await new Promise<Error & { code?: string }>((resolve) => agent.createConnection({ host: 'never.answers.test', port: 80, lookup: hang }).once('error', resolve));
    assert.equal(error.code, 'ECONNECTTIMEOUT');
    assert.match(error.message, /could not connect within 20 ms/);
  });
});
