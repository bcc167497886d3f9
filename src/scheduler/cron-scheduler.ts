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
  const tick = () => {
    running = running.then(async () => {
      try {
        const report = await runDue(deps, deps.clock.now());
        if (report.due > 0) log.info(report, 'reporting cycle tick');
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
      await task?.stop();
      await running;
    },
  };
}
