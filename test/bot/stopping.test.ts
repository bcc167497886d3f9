import { strict as assert } from 'node:assert';
import { Agent, request, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import { BotHarness } from '../support/bot-harness';

/** One GET over `agent`; resolves with the response read to the end and the socket it came on. */
function get(agent: Agent, url: string): Promise<{ res: IncomingMessage; body: string; socket: Socket }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ res, body, socket: req.socket as Socket }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('stopping the bot while a client holds connections open', () => {
  it('an idle keep-alive connection (a browser after a report download) is closed, and stop() resolves', async () => {
    const bot = await new BotHarness().start();
    const agent = new Agent({ keepAlive: true, keepAliveMsecs: 60_000 });
    try {
      const { res, socket } = await get(agent, `${bot.app.url}/healthz`);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers.connection, 'keep-alive');
      assert.equal(socket.destroyed, false, 'the connection is kept open for reuse');
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));

      await bot.stop();
      await closed;
      assert.equal(socket.destroyed, true);
    } finally {
      agent.destroy();
    }
  });

  it('a connection opened but never used (a browser\'s spare, preconnected socket) is closed too', async () => {
    const bot = await new BotHarness().start();
    const { hostname, port } = new URL(bot.app.url);
    const socket = connect(Number(port), hostname);
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.on('error', () => undefined); // a reset is as good as a close here
    assert.equal(socket.destroyed, false);

    await bot.stop();
    await closed;
    assert.equal(socket.destroyed, true);
  });

  it('a connection with a request still running is cut after the grace period, so stop() never waits for a client', async () => {
    const bot = await new BotHarness('2026-11-24T10:00:00Z', {}, { botTimings: { closeGraceMs: 0 } }).start();
    const agent = new Agent({ keepAlive: true });
    try {
      // A request whose body never finishes arriving keeps its connection busy forever.
      const req = request(`${bot.app.url}/api/messages`, { agent, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '1000' } });
      const cut = new Promise<void>((resolve) => req.on('error', () => resolve()).on('close', () => resolve()));
      const connected = new Promise<void>((resolve) => req.on('socket', (s: Socket) => (s.connecting ? s.once('connect', () => resolve()) : resolve())));
      req.write('{"type":');
      await connected;

      await bot.stop();
      await cut;
      assert.equal(req.socket?.destroyed, true);
    } finally {
      agent.destroy();
    }
  });
});
