import type { CheckIn } from '../domain/check-in';
import { DomainError } from '../domain/errors';
import { evaluateEscalations, type EscalationRules, type Reason } from '../domain/escalation';
import type { Identity } from '../domain/person';
import { comparePeriods, isPeriodLabel } from '../domain/period';
import type { Priority } from '../domain/strategy';
import type { AppDeps } from './deps';
import type { DigestEntry } from '../domain/notice';
import { maySee } from '../domain/rights';
import { digestEntry } from './digest';
import { requirePerson, today } from './people';
import { findStatus } from './status';

/** What the digest would list for one reason, limited to what the asker may see. */
export async function listByReason(deps: AppDeps, who: Identity, reason: Reason, rules: EscalationRules): Promise<DigestEntry[]> {
  const person = await requirePerson(deps, who);
  const date = today(deps);
  const strategies = await deps.strategies.listStrategies();
  const out: DigestEntry[] = [];
  for (const strategy of strategies) {
    const priorities = (await deps.strategies.listPriorities(strategy.key)).filter((p) => maySee(person, p));
    if (priorities.length === 0) continue;
    const checkIns = await deps.checkIns.listForStrategy(strategy.key);
    for (const e of evaluateEscalations([strategy], priorities, checkIns, rules, deps.board.periodPolicy, date)) {
      for (const r of e.reasons.filter((x) => x.reason === reason)) out.push(digestEntry(e.priority, r.detail));
    }
  }
  return out;
}

export interface HistoryView {
  priority: Priority;
  entries: CheckIn[];
  from?: string;
  to?: string;
  /** Older entries left out to keep the card readable. */
  omitted: number;
}

export type HistoryResult = { kind: 'history'; view: HistoryView } | Exclude<Awaited<ReturnType<typeof findStatus>>, { kind: 'status' }>;

const MAX_ENTRIES = 12;

/** `history <priority> [from <period>] [to <period>]`: each period's RAG and update, newest first. */
export async function priorityHistory(deps: AppDeps, who: Identity, query: string, from?: string, to?: string): Promise<HistoryResult> {
  const label = (p: string | undefined) => (p === undefined ? undefined : p.replace(/-([qh])/i, (m) => m.toUpperCase()));
  for (const p of [from, to]) {
    if (p !== undefined && !isPeriodLabel(label(p)!)) throw new DomainError('BAD_PERIOD', `bad period ${p}`, { input: p.slice(0, 20) });
  }
  from = label(from);
  to = label(to);
  const found = await findStatus(deps, who, query);
  if (found.kind !== 'status') return found;
  const priority = found.view.priority;
  const all = (await deps.checkIns.listForPriority(priority.strategyKey, priority.key))
    .filter((c) => (from === undefined || comparePeriods(c.period, from) >= 0) && (to === undefined || comparePeriods(c.period, to) <= 0))
    .sort((a, b) => comparePeriods(b.period, a.period));
  return { kind: 'history', view: { priority, entries: all.slice(0, MAX_ENTRIES), ...(from ? { from } : {}), ...(to ? { to } : {}), omitted: Math.max(0, all.length - MAX_ENTRIES) } };
}
