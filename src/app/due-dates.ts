import { boardOf } from '../domain/board';
import { periodPolicyOf, policiesByBoard } from '../domain/board-calendar';
import type { PeriodPolicy, PolicyByBoard } from '../domain/period';
import type { Strategy } from '../domain/strategy';
import type { AppDeps } from './deps';

/**
 * Due dates as the boards set them: each board's calendar (the one the cycle runs on), else the
 * install's settings. Every view reads its policy here, so the card, `status`, the schedule, the
 * reminders and the board's page give one due date for one period.
 */
type PolicyDeps = Pick<AppDeps, 'board'> & Partial<Pick<AppDeps, 'calendars'>>;

/** Every board's policy, for a view that may cover several: one store read per request. */
export async function boardPolicies(deps: PolicyDeps): Promise<PolicyByBoard> {
  const fallback = deps.board.periodPolicy;
  if (!deps.calendars || !deps.board.calendar) return () => fallback;
  return policiesByBoard((await deps.calendars.list()).map((v) => v.calendar), fallback, deps.board.calendar.working);
}

/** One strategy's board's policy (a lead's card, `status`): one point read. */
export async function policyOfBoard(deps: PolicyDeps, strategy: Pick<Strategy, 'board' | 'boardKey'>): Promise<PeriodPolicy> {
  const fallback = deps.board.periodPolicy;
  if (!deps.calendars || !deps.board.calendar) return fallback;
  const stored = await deps.calendars.get(boardOf(strategy));
  return stored ? periodPolicyOf(stored.calendar, fallback.dueAfterDays, deps.board.calendar.working) : fallback;
}
