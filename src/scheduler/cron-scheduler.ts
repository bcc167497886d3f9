import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import { runDue, type CycleDeps } from '../app/reporting-cycle';

/**
 * node-cron only decides *when* to look: every minute, in the board's time zone, never two
 * ticks at once. What to send is decided by `runDue` from the plan and the outbox, which makes
 * ticks idempotent; the first tick at start catches up on anything missed while down.
 */
export interface Scheduler {
  /** Runs one tick now (used at start for catch-up, and by tests). */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

export function startScheduler(deps: CycleDeps, log: Logger, options: { everyMinute?: boolean } = {}): Scheduler {
  let running: Promise<void> = Promise.resolve();
  let followUp: NodeJS.Timeout | undefined;
  let stopped = false;
  const tick = () => {
    running = running.then(async () => {
      try {
        const report = await runDue(deps, deps.clock.now());
        // A line a minute saying nothing happened is noise: info only when something was sent or failed.
        const acted = report.sent + report.failed + report.undeliverable + report.skipped > 0;
        if (acted) log.info(report, 'reporting cycle tick');
        else log.debug(report, 'reporting cycle tick');
        // Claims held by a dead instance free up after the lease; failed sends were released.
        // Look again then rather than waiting for the next minute.
        if ((report.busy > 0 || report.failed > 0) && !stopped && followUp === undefined) {
          followUp = setTimeout(() => {
            followUp = undefined;
            void tick();
          }, Math.min(deps.leaseMs + 250, 60_000));
          followUp.unref();
        }
      } catch (e) {
        log.error({ err: e }, 'reporting cycle tick failed; the next tick retries');
      }
    });
    return running;
  };
  let task: ScheduledTask | undefined;
  if (options.everyMinute !== false) {
    task = cron.schedule('* * * * *', () => void tick(), { timezone: deps.cycle.timeZone, noOverlap: true, name: 'reporting-cycle' });
  }
  return {
    tick,
    async stop() {
      stopped = true;
      if (followUp) clearTimeout(followUp);
      await task?.stop();
      await running;
    },
  };
}
