import { DomainError } from '../domain/errors';
import type { Reason } from '../domain/escalation';
import type { Identity } from '../domain/person';
import { isStrategyLive } from '../domain/strategy';
import type { DigestEntry } from '../domain/notice';
import { maySee } from '../domain/rights';
import { boardKeyByStrategy, boardsInView, loadPicture, strategiesOf } from './board-picture';
import type { AppDeps } from './deps';
import { digestEntry } from './digest';
import { requirePerson, today } from './people';

/**
 * What the digest would list for one reason, over the sender's boards (or the board named), limited
 * to what the asker may see; in the papers' order, strategy by strategy.
 */
export async function listByReason(deps: AppDeps, who: Identity, reason: Reason, boardQuery?: string): Promise<DigestEntry[]> {
  return (await reasonList(deps, who, reason, boardQuery)).entries;
}

/** The list, and how many of the sender's visible priorities have no lead (why `overdue` and summary's Not reported differ). */
export async function reasonList(deps: AppDeps, who: Identity, reason: Reason, boardQuery?: string): Promise<{ entries: DigestEntry[]; noLead: number }> {
  const person = await requirePerson(deps, who);
  const boards = await boardsInView(deps, person, boardQuery);
  if (boards.length === 0 && boardQuery && boardQuery.trim() !== '') throw new DomainError('BOARD_NOT_FOUND', `no board ${boardQuery}`, { query: boardQuery.slice(0, 80), boards: (await boardsInView(deps, person)).map((b) => b.name).join('; ') });
  const strategies = (await strategiesOf(deps, boards)).filter((s) => isStrategyLive(s, today(deps)));
  const boardOf = await boardKeyByStrategy(deps);
  const picture = await loadPicture(deps, strategies);
  const out: DigestEntry[] = [];
  let noLead = 0;
  for (const sp of picture.strategies) {
    for (const p of sp.priorities) {
      if (!maySee(person, p.priority, boardOf.get(p.priority.strategyKey) ?? '')) continue;
      if (p.standing === 'no-lead') noLead += 1;
      for (const r of p.reasons.filter((x) => x.reason === reason)) {
        const entry = digestEntry(p, sp.strategy, r);
        // A Red line says the point for escalation raised with it, where there is one.
        const point = r.reason === 'red' ? (r.project ? p.projects?.find((x) => x.project.key === r.project!.key)?.answer?.escalation : p.answer?.escalation) : undefined;
        out.push(point ? { ...entry, detail: `${entry.detail}. Point for escalation: ${point}` } : entry);
      }
    }
  }
  return { entries: out, noLead };
}

