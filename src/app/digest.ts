import { DomainError } from '../domain/errors';
import { evaluateEscalations, REASON_TITLES, REASONS, type Escalation, type EscalationRules } from '../domain/escalation';
import type { Identity } from '../domain/person';
import { reportingPeriodFor } from '../domain/period';
import { isStrategyLive, priorityRef, type Priority } from '../domain/strategy';
import { summarise } from '../domain/summary';
import type { AppDeps } from './deps';
import { requirePerson, today } from './people';
import type { DigestEntry, DigestView, SummaryView } from '../domain/notice';

export type { DigestEntry, DigestView } from '../domain/notice';

/** One priority listed under a reason. */
export function digestEntry(priority: Priority, detail: string): DigestEntry {
  return { ref: priorityRef(priority), number: priority.number, title: priority.title, detail };
}

/** What the board must look at, grouped by reason, with each live strategy's counts on top. */
export async function buildDigest(deps: Pick<AppDeps, 'strategies' | 'checkIns' | 'clock' | 'board'>, rules: EscalationRules): Promise<DigestView> {
  const date = today(deps as AppDeps);
  const strategies = (await deps.strategies.listStrategies()).filter((s) => isStrategyLive(s, date));
  const summaries: SummaryView[] = [];
  const escalations: Escalation[] = [];
  for (const strategy of strategies) {
    const [priorities, checkIns] = await Promise.all([deps.strategies.listPriorities(strategy.key), deps.checkIns.listForStrategy(strategy.key)]);
    const period = reportingPeriodFor(date, strategy.reportingFrequency, deps.board.periodPolicy).label;
    summaries.push({ strategy: { key: strategy.key, title: strategy.title, board: strategy.board }, summary: summarise(strategy, priorities, checkIns, period) });
    escalations.push(...evaluateEscalations([strategy], priorities, checkIns, rules, deps.board.periodPolicy, date));
  }
  const groups = REASONS.map((reason) => ({
    reason,
    title: REASON_TITLES[reason],
    entries: escalations.flatMap((e) =>
      e.reasons.filter((r) => r.reason === reason).map((r) => digestEntry(e.priority, r.detail)),
    ),
  })).filter((g) => g.entries.length > 0);
  return { date, summaries, groups, priorities: escalations.length };
}

/** `digest now` is a board manager's command. */
export async function requireBoardManager(deps: AppDeps, who: Identity): Promise<void> {
  const person = await requirePerson(deps, who);
  if (!person.boardManager) throw new DomainError('NOT_BOARD_MANAGER', `${person.id} is not a board manager`);
}

export const BOARD_CHANNEL_KEY = 'board-channel';
