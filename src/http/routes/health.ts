import type { HealthProbe } from '../../domain/ports';
import { withDeadline } from '../../bot/deadline';
import { handled, plainRefusal } from '../errors';
import type { RouteModule } from '../route-module';

/** How long storage may take to answer a probe before it is called unreachable. */
const PING_DEADLINE_MS = 3000;

/** GET /healthz for probes: 200 when storage answers, 503 when it does not (an answer, not an error). */
export function healthRoutes(health: HealthProbe): RouteModule {
  return {
    paths: 'GET /healthz',
    register(server, { log }) {
      server.get(
        '/healthz',
        handled(log, '/healthz', plainRefusal, async () => {
          const started = Date.now();
          const json = (status: number, body: unknown) => ({ status, contentType: 'application/json', body: JSON.stringify(body) });
          try {
            await withDeadline(health.ping(), PING_DEADLINE_MS, () => {
              throw new Error(`no answer within ${PING_DEADLINE_MS} ms`);
            });
            return json(200, { status: 'ok', storage: 'reachable', latencyMs: Date.now() - started });
          } catch (e) {
            log.warn({ err: e }, 'health check: storage unreachable');
            return json(503, { status: 'unavailable', storage: 'unreachable', error: (e as Error).message });
          }
        }),
      );
    },
  };
}
