import { evaluateEscalations, type EscalationRules, type Reason } from '../domain/escalation';
import type { Identity } from '../domain/person';
import type { AppDeps } from './deps';
import type { DigestEntry } from '../domain/notice';
import { maySee } from '../domain/rights';
import { digestEntry } from './digest';
import { requirePerson, today } from './people';

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
