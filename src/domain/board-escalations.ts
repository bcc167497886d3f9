import type { CheckIn } from './check-in';
import type { Escalation, EscalationRules } from './escalation';
import type { PeriodPolicy } from './period';
import { boardPicture, statesFromCheckIns, type BoardPicture } from './picture';
import { isStrategyLive, type Priority, type Strategy } from './strategy';

/**
 * The board's escalations read off its picture: the digest, `red`/`overdue` and the papers list
 * these, so a priority escalates for the same reasons wherever it is shown.
 */

/** What the board must look at as at `today`, and why: one entry per priority with all its reasons. */
export function evaluateEscalations(strategies: readonly Strategy[], priorities: readonly Priority[], checkIns: readonly CheckIn[], rules: EscalationRules, policy: PeriodPolicy, today: string): Escalation[] {
  const live = strategies.filter((s) => isStrategyLive(s, today));
  const picture = boardPicture({ strategies: live, priorities, states: statesFromCheckIns(checkIns), olderAnswers: checkIns, rules, policy, asAt: today });
  return escalationsOf(picture);
}

/** The picture's priorities that have a reason, in the papers' order. */
export function escalationsOf(picture: BoardPicture): Escalation[] {
  return picture.strategies.flatMap((s) => s.priorities.filter((p) => p.reasons.length > 0).map((p) => ({ priority: p.priority, period: p.period, reasons: p.reasons, ...(p.answer ? { current: p.answer } : {}) })));
}
