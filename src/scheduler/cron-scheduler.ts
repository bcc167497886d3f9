import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import { sendPlanned } from '../app/people-changed';
import { runDue, type CycleDeps } from '../app/reporting-cycle';
import { syncAllRosters } from '../app/roster';
import type { RosterSync } from '../domain/ports';

/** Board teams' rosters are read again daily at 07:00 board time: before the 09:30 reminders, outside 01:00–02:00. */
const ROSTER_CRON = '0 7 * * *';
/** A follow-up tick waits this long past a claim's lease, so the dead owner's claim has surely run out. */
const AFTER_LEASE_MS = 250;
/** Never later than the next regular tick would look anyway. */
const EVERY_MINUTE_MS = 60_000;

/**
 * node-cron only decides *when* to look: every minute, in the board's time zone, never two
 * ticks at once. What to send is decided by `runDue` from the plan and the outbox, which makes
 * ticks idempotent; the first tick at start catches up on anything missed while down.
 */
export interface Scheduler {
  /** Runs one tick now (used at start for catch-up, and by tests). */
  tick(): Promise<void>;
  /**
   * Sends what a change to a board's people planned (a welcome, the open period's card), now,
   * after the manager's answer has gone; one run at a time. A failure is logged: the next tick sends it.
   */
  sendPlanned(): Promise<void>;
  /** Resolves when the planned sends started so far have finished (tests; a clean stop). */
  idle(): Promise<void>;
  /** Reads every board team's roster again and opens chats with people new to it (daily; tests call it). */
  syncRosters(): Promise<void>;
  stop(): Promise<void>;
}

export function startScheduler(deps: CycleDeps, log: Logger, options: { everyMinute?: boolean; roster?: RosterSync } = {}): Scheduler {
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
        // One line per tick, not per message: a slow send outlived its lease and another instance took over.
        if (report.lostClaims > 0) log.warn({ lostClaims: report.lostClaims, leaseMs: deps.leaseMs }, 'outbox claims lost mid-send (lease ran out; another instance took over): their late outcomes were not written');
        // Claims held by a dead instance free up after the lease; failed sends were released.
        // Look again then rather than waiting for the next minute.
        if ((report.busy > 0 || report.failed > 0) && !stopped && followUp === undefined) {
          followUp = setTimeout(() => {
            followUp = undefined;
            void tick();
          }, Math.min(deps.leaseMs + AFTER_LEASE_MS, EVERY_MINUTE_MS));
          followUp.unref();
        }
      } catch (e) {
        log.error({ err: e }, 'reporting cycle tick failed; the next tick retries');
      }
    });
    return running;
  };
  let plannedRun: Promise<void> = Promise.resolve();
  const sendPlannedNow = () => {
    plannedRun = plannedRun.then(async () => {
      try {
        const report = await sendPlanned(deps);
        if (report.sent + report.failed + report.undeliverable + report.skipped > 0) log.info(report, 'sent what a change to a board\'s people planned');
      } catch (e) {
        log.error({ err: e }, 'sending what a change to a board\'s people planned failed; the next tick retries');
      }
    });
    return plannedRun;
  };
  const idle = async () => {
    let seen: Promise<void>;
    do {
      seen = plannedRun;
      await seen;
    } while (seen !== plannedRun);
  };
  let rosterRun: Promise<void> = Promise.resolve();
  const syncRosters = () => {
    const roster = options.roster;
    if (!roster) return rosterRun;
    rosterRun = rosterRun.then(async () => {
      try {
        const { reports, errors } = await syncAllRosters({ conversations: deps.conversations, roster });
        for (const { teamKey, error } of errors) log.error({ err: error, team: teamKey }, 'daily roster read failed for a team; tomorrow\'s tries again');
        if (reports.length > 0) log.info({ teams: reports.length, opened: reports.reduce((n, r) => n + r.opened, 0), failed: reports.reduce((n, r) => n + r.failed, 0) }, 'daily roster read');
      } catch (e) {
        log.error({ err: e }, 'daily roster read failed; tomorrow\'s tries again');
      }
    });
    return rosterRun;
  };
  let task: ScheduledTask | undefined;
  let rosterTask: ScheduledTask | undefined;
  if (options.everyMinute !== false) {
    task = cron.schedule('* * * * *', () => void tick(), { timezone: deps.cycle.timeZone, noOverlap: true, name: 'reporting-cycle' });
    if (options.roster) rosterTask = cron.schedule(ROSTER_CRON, () => void syncRosters(), { timezone: deps.cycle.timeZone, noOverlap: true, name: 'team-rosters' });
  }
  return {
    tick,
    sendPlanned: sendPlannedNow,
    idle,
    syncRosters,
    async stop() {
      stopped = true;
      if (followUp) clearTimeout(followUp);
      await task?.stop();
      await rosterTask?.stop();
      await running;
      await idle();
      await rosterRun;
    },
  };
}
