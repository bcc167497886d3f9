import { planDeliveries } from '../domain/delivery-plan';
import type { CycleDeps, RunReport } from './cycle-deps';
import { loadCycleSnapshot } from './cycle-snapshot';
import { addReports, deliver } from './outbox-delivery';
import { sendPlanned } from './people-changed';

export type { CycleDeps, RunReport } from './cycle-deps';

/**
 * Sends everything the plan says is due by `now` and has not been sent. Safe to call from every
 * instance at every tick and after a restart: the outbox decides who sends what, once.
 * After downtime it catches up, but sends a lead only the latest step of the chain
 * (no reminder + nudge + overdue in one burst) and only the last missed digest.
 *
 * First what a change to a board's people planned (people-changed.ts), then three steps: load a snapshot (`cycle-snapshot`), plan the deliveries from it (pure, in the
 * domain: `planDeliveries`), deliver them through the outbox (`outbox-delivery`).
 */
export async function runDue(deps: CycleDeps, now: Date, catchUpDays?: number): Promise<RunReport> {
  // What a change in Teams planned and is not sent yet (a crash, a failed send) goes first.
  const planned = await sendPlanned(deps, now);
  const snapshot = await loadCycleSnapshot(deps, now, catchUpDays);
  if (!snapshot) return planned;
  return addReports(planned, await deliver(deps, planDeliveries(snapshot, now), snapshot));
}
