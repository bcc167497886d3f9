import type { CheckIn } from '../domain/check-in';
import { DomainError } from '../domain/errors';
import type { Identity } from '../domain/person';
import { comparePeriods, isPeriodLabel } from '../domain/period';
import type { Priority } from '../domain/strategy';
import { RAG_LABELS } from '../domain/rag';
import type { AppDeps } from './deps';
import { findStatus, statusByRef, type StatusResult } from './status';
import { boardKeyByStrategy } from './board-picture';
import { activeCovers, requirePerson } from './people';
import { findPriorities } from '../domain/priority-lookup';
import { parseProjectUnitKey, projectUnits } from '../domain/project';
import { answerRole, maySee } from '../domain/rights';
import { parsePriorityRef, priorityRef } from '../domain/strategy';

/** One stored version, with what it changed from the version before it in the same period. */
export interface HistoryEntry {
  checkIn: CheckIn;
  /** Plain descriptions ("RAG Amber → Green", "update edited"); empty for a period's first answer. */
  changes: string[];
}

export interface HistoryView {
  priority: Priority;
  /** Every version in range, newest first (period, then version), one page of them. */
  entries: HistoryEntry[];
  from?: string;
  to?: string;
  /** Versions in range, and where this page starts among them. */
  total: number;
  offset: number;
  periods: number;
}

export type HistoryResult = { kind: 'history'; view: HistoryView } | Exclude<StatusResult, { kind: 'status' }>;

export const HISTORY_PAGE = 10;


/** What an edit changed, in words a manager reads: the rating, each text field, each reading. */
export function describeChanges(before: CheckIn | undefined, after: CheckIn, kpiNames: ReadonlyMap<string, string> = new Map()): string[] {
  if (!before) return [];
  const out: string[] = [];
  if (before.rag !== after.rag) out.push(`RAG ${before.rag ? RAG_LABELS[before.rag] : 'none'} → ${after.rag ? RAG_LABELS[after.rag] : 'none'}`);
  const texts: [keyof CheckIn, string][] = [['update', 'update'], ['nextSteps', 'next steps'], ['risks', 'risks'], ['escalation', 'point for escalation'], ['ragReason', 'reason for the rating']];
  for (const [k, name] of texts) {
    if ((before[k] ?? '') === (after[k] ?? '')) continue;
    out.push(!before[k] ? `${name} added` : !after[k] ? `${name} removed` : `${name} edited`);
  }
  if (JSON.stringify(before.plusGroups) !== JSON.stringify(after.plusGroups)) out.push('PLUS groups edited');
  for (const key of new Set([...Object.keys(before.kpiReadings), ...Object.keys(after.kpiReadings)])) {
    const [a, b] = [before.kpiReadings[key], after.kpiReadings[key]];
    if (a !== b) out.push(`${kpiNames.get(key) ?? key} ${a ?? '—'} → ${b ?? '—'}`);
  }
  return out;
}

function periodLabel(p: string | undefined): string | undefined {
  if (p === undefined) return undefined;
  const label = p.replace(/-([qh])/i, (m) => m.toUpperCase());
  if (!isPeriodLabel(label)) throw new DomainError('BAD_PERIOD', `bad period ${p}`, { input: p.slice(0, 20) });
  return label;
}

/** Every stored version of a priority's answers in range, newest first (period, then version), with what each edit changed. */
export async function versionsOf(deps: Pick<AppDeps, 'checkIns'>, priority: Priority, from?: string, to?: string): Promise<{ entries: HistoryEntry[]; periods: number }> {
  const periods = (await deps.checkIns.listForPriority(priority.strategyKey, priority.key))
    .filter((c) => (from === undefined || comparePeriods(c.period, from) >= 0) && (to === undefined || comparePeriods(c.period, to) <= 0))
    .sort((a, b) => comparePeriods(b.period, a.period));
  const kpiNames = new Map(priority.kpis.map((k) => [k.key, k.name]));
  const entries: HistoryEntry[] = [];
  for (const current of periods) {
    // Only periods edited more than once need their versions read; the current row is version 1 otherwise.
    const versions = current.version > 1 ? await deps.checkIns.versions(priority.strategyKey, priority.key, current.period) : [current];
    for (let i = versions.length - 1; i >= 0; i--) entries.push({ checkIn: versions[i]!, changes: describeChanges(versions[i - 1], versions[i]!, kpiNames) });
  }
  return { entries, periods: periods.length };
}

async function historyOf(deps: AppDeps, priority: Priority, from: string | undefined, to: string | undefined, offset: number): Promise<HistoryView> {
  const { entries, periods } = await versionsOf(deps, priority, from, to);
  const start = Math.max(0, Math.min(offset, Math.max(0, entries.length - 1)));
  return { priority, entries: entries.slice(start, start + HISTORY_PAGE), ...(from ? { from } : {}), ...(to ? { to } : {}), total: entries.length, offset: start, periods };
}

/**
 * `history <priority> [from <period>] [to <period>]`: every version of each period, newest first.
 * A project is found by words from its title ("history healthy weight in pregnancy"), among the
 * projects the sender may see.
 */
export async function priorityHistory(deps: AppDeps, who: Identity, query: string, from?: string, to?: string): Promise<HistoryResult> {
  const [f, t] = [periodLabel(from), periodLabel(to)];
  let found: StatusResult | undefined;
  let refused: unknown;
  try {
    found = await findStatus(deps, who, query);
  } catch (e) {
    // A project lead may see no priority at all: their projects are still theirs to look back on.
    if (!(e instanceof DomainError && e.code === 'NOT_BOARD_MANAGER')) throw e;
    refused = e;
  }
  // A workstream is found by its projects' titles too: a project whose own title holds the words
  // is the one meant ("history healthy weight in pregnancy"), if it is the only such match.
  const candidates = found?.kind === 'status' ? [found.view.priority] : found?.kind === 'pick' ? found.priorities : [];
  const both = findPriorities([...candidates, ...(await visibleProjects(deps, who))], query).matches;
  const unit = both.length === 1 && both[0]!.workstream ? both[0] : undefined;
  if (unit) return { kind: 'history', view: await historyOf(deps, unit, f, t, 0) };
  if (!found) throw refused;
  if (found.kind !== 'status') return found;
  return { kind: 'history', view: await historyOf(deps, found.view.priority, f, t, 0) };
}

/** The next page, from the card's "older versions" button: rights checked again from the sender. */
export async function historyPage(deps: AppDeps, who: Identity, ref: string, offset: number, from?: string, to?: string): Promise<HistoryView> {
  const parsed = parsePriorityRef(ref);
  const priority = parsed && parseProjectUnitKey(parsed.key) ? (await visibleProjects(deps, who)).find((u) => priorityRef(u) === ref) : (await statusByRef(deps, who, ref)).priority;
  if (!priority) throw new DomainError('NOT_BOARD_MANAGER', `no project ${ref} visible to the sender`, { priority: 'that project' });
  return historyOf(deps, priority, periodLabel(from), periodLabel(to), Number.isInteger(offset) && offset >= 0 ? offset : 0);
}

/** Projects of live workstreams the sender may see: the board's managers, the workstream's lead and deputies, and the project's own lead. */
async function visibleProjects(deps: AppDeps, who: Identity): Promise<Priority[]> {
  const person = await requirePerson(deps, who);
  const [boardOf, covers] = await Promise.all([boardKeyByStrategy(deps), activeCovers(deps)]);
  const workstreams = (await deps.strategies.listPriorities()).filter((p) => (p.projects ?? []).length > 0);
  return workstreams.flatMap((w) => {
    const seesAll = maySee(person, w, boardOf.get(w.strategyKey) ?? '');
    return projectUnits(w).filter((u) => seesAll || answerRole(person.id, u, covers).may);
  });
}
