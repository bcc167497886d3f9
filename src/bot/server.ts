import * as restify from 'restify';
import type { CloudAdapter } from 'botbuilder';
import type { Logger } from 'pino';
import type { HealthProbe } from '../domain/ports';
import type { HwbBot } from './hwb-bot';

/** POST /api/messages for the Bot Connector, GET /healthz for probes. */
export function createServer(adapter: CloudAdapter, bot: HwbBot, health: HealthProbe, log: Logger): restify.Server {
  const server = restify.createServer({ name: 'hwb-progress-bot' });
  // botbuilder reads the parsed body: without this every activity gets 400.
  server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024 }));

  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });

  server.get('/healthz', async (_req, res) => {
    const started = Date.now();
    try {
      await withTimeout(health.ping(), 3000);
      res.json(200, { status: 'ok', storage: 'reachable', latencyMs: Date.now() - started });
    } catch (e) {
      log.warn({ err: e }, 'health check: storage unreachable');
      res.json(503, { status: 'unavailable', storage: 'unreachable', error: (e as Error).message });
    }
  });
  return server;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}
