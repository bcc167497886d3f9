import type { CheckIn } from '../domain/check-in';
import { DomainError } from '../domain/errors';
import { directionOfTravel, latestReading, withCheckInReadings, type Direction, type Kpi, type Reading } from '../domain/kpi';
import { namesOf, type Identity } from '../domain/person';
import type { ReportingPeriod } from '../domain/period';
import { findPriorities } from '../domain/priority-lookup';
import { maySee } from '../domain/rights';
import { isStrategyLive, parsePriorityRef, type Priority, type Strategy } from '../domain/strategy';
import type { AppDeps } from './deps';
import { boardKeyByStrategy, loadPicture } from './board-picture';
import { peopleById, requirePerson, today } from './people';
import { projectLeadLabel } from './projects';
import type { Standing } from '../domain/picture';
import type { Rag } from '../domain/rag';

export interface KpiLine {
  kpi: Kpi;
  latest?: Reading;
  direction?: Direction;
}

export interface StatusView {
  /** With its PLUS groups, so an answer's groups are named as the strategy names them. */
  strategy: Pick<Strategy, 'key' | 'title' | 'board' | 'plusGroups'>;
  themeTitle: string;
  priority: Priority;
  /** Names, each with the organisation where the person gave one ("Kay Darby (NHS LLR ICB)"). */
  leads: string[];
  deputies: string[];
  /** The latest answer, if any. */
  latest?: CheckIn;
  /** RAG by period, most recent last (up to 6). */
  recent: Pick<CheckIn, 'period' | 'rag'>[];
  kpis: KpiLine[];
  /** Current reporting period, for live strategies. */
  period?: ReportingPeriod;
  overdue: boolean;
  /** Not answered, and nobody (no lead, no deputy) is asked for it: never overdue. */
  noLead?: boolean;
  /** The latest answer is older than the current period. */
  stale: boolean;
  /** Edits of this period's answer after the first. */
  edits: number;
  live: boolean;
  /** A workstream's projects on its current period: each one's rating (or where its answer stands) and who answers it. */
  projects?: ProjectStatus[];
}

export interface ProjectStatus {
  title: string;
  lead: string;
  rag?: Rag;
  standing: Standing;
  daysOverdue: number;
  /** A named person answers it (an unnamed one is the workstream lead's, never overdue on its own). */
  named: boolean;
}

export type StatusResult =
  | { kind: 'status'; view: StatusView }
  | { kind: 'pick'; priorities: Priority[]; purpose: 'status'; strategyTitles: Record<string, string> }
  | { kind: 'none'; query: string; suggestions: Priority[]; strategyTitles: Record<string, string> };

/** Strategy titles by key, so a list of priorities from several strategies says whose each is. */
export async function strategyTitles(deps: Pick<AppDeps, 'strategies'>): Promise<Record<string, string>> {
  return Object.fromEntries((await deps.strategies.listStrategies()).map((s) => [s.key, s.title]));
}

export async function findStatus(deps: AppDeps, who: Identity, query: string): Promise<StatusResult> {
  const person = await requirePerson(deps, who);
  const all = await deps.strategies.listPriorities();
  const boardOfStrategy = await boardKeyByStrategy(deps);
  const visible = all.filter((p) => maySee(person, p, boardOfStrategy.get(p.strategyKey) ?? ''));
  if (visible.length === 0) throw new DomainError('NOT_BOARD_MANAGER', `${person.id} may see no priority`);
  const found = findPriorities(visible, query);
  if (found.matches.length === 0) {
    const elsewhere = findPriorities(all, query).matches;
    if (elsewhere.length > 0) throw new DomainError('NOT_BOARD_MANAGER', `${person.id} may not see ${query}`, { priority: `${elsewhere[0]!.number}. ${elsewhere[0]!.title}` });
    return { kind: 'none', query, suggestions: found.suggestions, strategyTitles: await strategyTitles(deps) };
  }
  if (found.matches.length > 1) return { kind: 'pick', priorities: found.matches, purpose: 'status', strategyTitles: await strategyTitles(deps) };
  return { kind: 'status', view: await statusView(deps, found.matches[0]!) };
}

export async function statusByRef(deps: AppDeps, who: Identity, ref: string): Promise<StatusView> {
  const person = await requirePerson(deps, who);
  const parsed = parsePriorityRef(ref);
  const priority = parsed ? await deps.strategies.getPriority(parsed.strategyKey, parsed.key) : undefined;
  if (!priority) throw new DomainError('PRIORITY_NOT_FOUND', `no priority ${ref}`, { query: String(ref).slice(0, 80) });
  if (!maySee(person, priority, (await boardKeyByStrategy(deps)).get(priority.strategyKey) ?? '')) throw new DomainError('NOT_BOARD_MANAGER', `${person.id} may not see ${ref}`, { priority: `${priority.number}. ${priority.title}` });
  return statusView(deps, priority);
}

export async function statusView(deps: AppDeps, priority: Priority): Promise<StatusView> {
  const strategy = (await deps.strategies.getStrategy(priority.strategyKey))!;
  const [history, people] = await Promise.all([deps.checkIns.listForPriority(priority.strategyKey, priority.key), peopleById(deps)]);
  const date = today(deps);
  const live = isStrategyLive(strategy, date) && priority.status === 'active';
  const latest = history[history.length - 1];
  // The standing and the period (its due date on the board's calendar) come from the board
  // picture, so status, summary and the cycle's reminders can never disagree.
  const pictured = live ? (await loadPicture(deps, [strategy])).strategies[0]!.priorities.find((p) => p.priority.key === priority.key) : undefined;
  const period = pictured?.period;
  const answeredNow = pictured?.standing === 'answered';
  // A workstream's project KPIs take readings from the projects' answers too: the picture has them all.
  const withReadings = pictured?.projects ? pictured.kpis : priority.kpis.map((kpi) => withCheckInReadings(kpi, history));
  const kpis = withReadings.map((kpi) => ({ kpi, latest: latestReading(kpi), direction: directionOfTravel(kpi) }));
  const projects = pictured?.projects?.map((p): ProjectStatus => ({ title: p.project.title, lead: projectLeadLabel(p.project, people), ...(p.answer?.rag ? { rag: p.answer.rag } : {}), standing: p.standing, daysOverdue: p.daysOverdue, named: p.named }));
  return {
    strategy: { key: strategy.key, title: strategy.title, board: strategy.board, plusGroups: strategy.plusGroups },
    themeTitle: strategy.themes.find((t) => t.key === priority.themeKey)?.title ?? priority.themeKey,
    priority,
    // Leads come from several organisations (an NHS trust, the ICB): the card says whose.
    leads: priority.leads.map((id) => {
      const p = people.get(id);
      return p?.organisation ? `${p.name} (${p.organisation})` : (p?.name ?? id);
    }),
    deputies: namesOf(people, priority.deputies),
    ...(latest ? { latest } : {}),
    recent: history.slice(-6).map((c) => ({ period: c.period, ...(c.rag ? { rag: c.rag } : {}) })),
    kpis,
    ...(period ? { period } : {}),
    overdue: pictured?.standing === 'overdue',
    noLead: pictured?.standing === 'no-lead',
    edits: pictured?.edits ?? 0,
    stale: period !== undefined && !answeredNow,
    live,
    ...(projects ? { projects } : {}),
  };
}
