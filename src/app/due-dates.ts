import { boardOf } from '../domain/board';
import { periodPolicyOf, policiesByBoard, rulesByBoard } from '../domain/board-calendar';
import { DEFAULT_ESCALATION_RULES, type EscalationRules } from '../domain/escalation';
import type { PeriodPolicy, PolicyByBoard } from '../domain/period';
import type { Strategy } from '../domain/strategy';
import type { AppDeps } from './deps';

/**
 * Due dates (and escalation rules) as the boards set them: each board's calendar (the one the
 * cycle runs on), else the install's settings. Every view reads them here, so the card, `status`,
 * the schedule, the reminders, the digest and the board's page give one due date for one period.
 */
type PolicyDeps = Pick<AppDeps, 'board'> & Partial<Pick<AppDeps, 'calendars'>>;

/** Every board's due dates and escalation rules, for a view that may cover several: one store read per request. */
export async function boardsAsSet(deps: PolicyDeps): Promise<{ policy: PolicyByBoard; rules: (boardKey: string) => EscalationRules }> {
  const fallback = { policy: deps.board.periodPolicy, rules: deps.board.rules ?? DEFAULT_ESCALATION_RULES };
  if (!deps.calendars || !deps.board.calendar) return { policy: () => fallback.policy, rules: () => fallback.rules };
  const stored = (await deps.calendars.list()).map((v) => v.calendar);
  return { policy: policiesByBoard(stored, fallback.policy, deps.board.calendar.working), rules: rulesByBoard(stored, fallback.rules) };
}

/** One strategy's board's policy (a lead's card, `status`): one point read. */
export async function policyOfBoard(deps: PolicyDeps, strategy: Pick<Strategy, 'board' | 'boardKey'>): Promise<PeriodPolicy> {
  const fallback = deps.board.periodPolicy;
  if (!deps.calendars || !deps.board.calendar) return fallback;
  const stored = await deps.calendars.get(boardOf(strategy));
  return stored ? periodPolicyOf(stored.calendar, fallback.dueAfterDays, deps.board.calendar.working) : fallback;
}
