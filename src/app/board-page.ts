import { boardOf, managesBoard, type Board } from '../domain/board';
import { DomainError } from '../domain/errors';
import type { Kpi } from '../domain/kpi';
import type { Identity, Person } from '../domain/person';
import { words } from '../domain/priority-lookup';
import { comparePeriods, periodSpan } from '../domain/period';
import type { PicturedPriority, Standing } from '../domain/picture';
import type { PriorityState } from '../domain/priority-state';
import { projectUnits } from '../domain/project';
import type { Rag } from '../domain/rag';
import { maySee } from '../domain/rights';
import { isStrategyLive, priorityRef, type Priority, type Strategy } from '../domain/strategy';
import type { DigestView, SummaryView } from '../domain/notice';
import { allBoards, loadPicture, loadPictureAndStates, strategiesOf, type PictureDeps } from './board-picture';
import type { AppDeps } from './deps';
import { digestOf } from './digest';
import { versionsOf, type HistoryEntry } from './history';
import { requirePerson, today } from './people';

/**
 * The board's page (`/boards/<board>`): the counts, the digest's attention list and a grid of
 * every priority by period, all read off the one picture `summary`, the digest and the paper use.
 * Rights are decided here from stored people and priorities, never from what a link carries
 * beyond the person and the board.
 */

/** What a grid cell says: a rating, answered without one, or why there is no answer. */
export type CellState = Rag | 'no-rating' | 'not-reported' | Exclude<Standing, 'answered'>;

export const CELL_STATES: readonly CellState[] = ['red', 'amber', 'green', 'no-rating', 'not-reported', 'overdue', 'due', 'not-yet-due', 'no-lead'];

export interface GridCell {
  period: string;
  state: CellState;
  /** Edits after the period's first answer. */
  edits: number;
}

export interface GridRow {
  ref: string;
  number: string;
  title: string;
  /** Set on a project's row: it sits under its workstream's. */
  project?: { workstreamRef: string };
  leads: { id: string; name: string }[];
  /** As at the date (its current period): what the status filter reads. */
  current: CellState;
  daysOverdue: number;
  /** Aligned with the page's periods; undefined where the period is not one of its own (an annual priority in a quarter). */
  cells: (GridCell | undefined)[];
}

export interface GridGroup {
  strategy: { key: string; title: string };
  theme: { key: string; title: string };
  rows: GridRow[];
}

export interface BoardFilters {
  strategy?: string;
  theme?: string;
  lead?: string;
  status?: CellState;
}

export interface BoardPageRequest extends BoardFilters {
  asAt?: string;
  /** How many periods the grid shows, newest last (default 8). */
  periods?: number;
}

export type Viewer = { person: Person; role: 'manager' } | { person: Person; role: 'lead'; own: ReadonlySet<string> };

export interface BoardPageView {
  board: { key: string; name: string };
  asAt: string;
  viewer: { id: string; name: string; role: 'manager' | 'lead' };
  /** Each live strategy's counts, exactly as `summary` and the digest give them (a lead sees them whole). */
  summaries: SummaryView[];
  /** The digest's reasons (a lead: only lines about their own priorities). */
  attention: DigestView['groups'];
  noLead: NonNullable<DigestView['noLead']>;
  periods: string[];
  groups: GridGroup[];
  choices: { strategies: { key: string; title: string }[]; themes: { key: string; title: string; strategyKey: string }[]; leads: { id: string; name: string }[] };
  filters: BoardFilters;
}

export const DEFAULT_PERIODS = 8;
const MAX_PERIODS = 40;

/** Who the person is to this board: a manager, a lead of some of its priorities, or refused. */
export async function viewerOf(deps: Pick<AppDeps, 'strategies' | 'people'>, personId: string, boardKey: string): Promise<{ viewer: Viewer; board: Board }> {
  const board = (await allBoards(deps)).find((b) => b.key === boardKey);
  if (!board) throw new DomainError('BOARD_NOT_FOUND', `no board ${boardKey}`, { query: boardKey.slice(0, 80) });
  const person = await deps.people.getPerson(personId);
  if (!person) throw new DomainError('UNKNOWN_PERSON', `no person ${personId}`);
  if (managesBoard(person, board.key)) return { viewer: { person, role: 'manager' }, board };
  const strategies = await strategiesOf(deps, [board]);
  const keys = new Set(strategies.map((s) => s.key));
  const own = new Set<string>();
  for (const p of (await deps.strategies.listPriorities()).filter((x) => keys.has(x.strategyKey))) {
    if (p.leads.includes(person.id) || p.deputies.includes(person.id)) {
      own.add(priorityRef(p));
      // A workstream's lead answers for its projects too.
      for (const u of projectUnits(p)) own.add(priorityRef(u));
    } else for (const u of projectUnits(p)) if (u.leads.includes(person.id) || u.deputies.includes(person.id)) own.add(priorityRef(u));
  }
  if (own.size === 0) throw new DomainError('NOT_BOARD_MANAGER', `${person.id} has no part in ${board.key}`, { action: `see ${board.name}'s page (its managers, and the leads of its priorities, can)` });
  return { viewer: { person, role: 'lead', own }, board };
}

function checkedDate(asAt: string | undefined, fallback: string): string {
  if (asAt === undefined || asAt === '') return fallback;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asAt) || Number.isNaN(Date.parse(`${asAt}T00:00:00Z`))) throw new DomainError('BAD_DATE', `bad as-at date ${asAt}`, { input: asAt.slice(0, 20) });
  return asAt;
}

/** The period labels of one frequency look alike: "2026" annual, "2026-H1", "2026-Q3", "2026-07". */
function sameKind(a: string, b: string): boolean {
  const kind = (l: string) => (/^\d{4}$/.test(l) ? 'y' : l.charAt(5));
  return kind(a) === kind(b);
}

function cellOf(state: PriorityState | undefined, period: string, current: { label: string; cell: CellState }): GridCell | undefined {
  const edits = Math.max(0, (state?.versions[period] ?? 1) - 1);
  if (period === current.label) return { period, state: current.cell, edits };
  if (!sameKind(period, current.label) || comparePeriods(period, current.label) > 0) return undefined;
  const rag = state?.rags[period];
  if (rag === undefined) return { period, state: 'not-reported', edits: 0 };
  return { period, state: rag ?? 'no-rating', edits };
}

function currentOf(p: { answer?: { rag?: Rag }; standing: Standing }): CellState {
  if (p.answer) return p.answer.rag ?? 'no-rating';
  return p.standing as Exclude<Standing, 'answered'>;
}

/** Builds the board's page for the person: one picture, one read of the states, the digest read off the picture. */
export async function boardPage(deps: PictureDeps & Pick<AppDeps, 'people'>, viewer: Viewer, board: Pick<Board, 'key' | 'name'>, request: BoardPageRequest = {}): Promise<BoardPageView> {
  const date = checkedDate(request.asAt, today(deps as AppDeps));
  const all = await strategiesOf(deps, [board]);
  const live = all.filter((s) => isStrategyLive(s, date));
  const strategies = live.length > 0 ? live : all;
  // The grid's periods come from the same latest-state records as the picture's counts, read once.
  const [{ picture, states }, people] = await Promise.all([loadPictureAndStates(deps, strategies, { asAt: date }), deps.people.listPeople()]);
  const digest = digestOf(picture, strategies, board, date);
  const names = new Map(people.map((p) => [p.id, p.name]));
  const seen = (ref: string) => viewer.role === 'manager' || viewer.own.has(ref);

  const rows: { strategy: Strategy; p: PicturedPriority; row: GridRow }[] = [];
  const labels = new Set<string>();
  const collect = (strategy: Strategy, p: PicturedPriority) => {
    const leadsOf = (u: Pick<Priority, 'leads'>) => u.leads.map((id) => ({ id, name: names.get(id) ?? id }));
    const ref = priorityRef(p.priority);
    const units = [
      { ref, unit: p.priority, title: p.priority.title, current: currentOf(p), daysOverdue: p.daysOverdue, project: undefined as GridRow['project'] },
      ...(p.projects ?? []).map((x) => ({ ref: priorityRef(x.unit), unit: x.unit, title: x.project.title, current: currentOf(x), daysOverdue: x.daysOverdue, project: { workstreamRef: ref } })),
    ];
    for (const u of units) {
      if (!seen(u.ref)) continue;
      const state = states.get(u.ref);
      for (const l of Object.keys(state?.rags ?? {})) if (comparePeriods(l, p.period.label) <= 0) labels.add(l);
      labels.add(p.period.label);
      rows.push({ strategy, p, row: { ref: u.ref, number: u.unit.number, title: u.title, ...(u.project ? { project: u.project } : {}), leads: leadsOf(u.unit), current: u.current, daysOverdue: u.daysOverdue, cells: [] } });
    }
  };
  for (const sp of picture.strategies) for (const p of sp.priorities) collect(sp.strategy, p);

  const count = Math.min(MAX_PERIODS, Math.max(1, request.periods ?? DEFAULT_PERIODS));
  // Periods that end after the date are not shown (an "as at" date in the past shows the past).
  const periods = [...labels].filter((l) => periodSpan(l).start <= date).sort(comparePeriods).slice(-count);
  for (const { p, row } of rows) {
    const current = { label: p.period.label, cell: row.current };
    row.cells = periods.map((l) => cellOf(states.get(row.ref), l, current));
  }

  const filters = cleanFilters(request);
  const leadIds = new Set(rows.flatMap((r) => r.row.leads.map((l) => l.id)));
  const keep = rows.filter(({ strategy, p, row }) => {
    if (filters.strategy && strategy.key !== filters.strategy) return false;
    if (filters.theme && p.priority.themeKey !== filters.theme) return false;
    if (filters.lead && !row.leads.some((l) => l.id === filters.lead)) return false;
    if (filters.status && row.current !== filters.status) return false;
    return true;
  });
  const groups: GridGroup[] = [];
  for (const { strategy, p, row } of keep) {
    const theme = strategy.themes.find((t) => t.key === p.priority.themeKey);
    let g = groups.find((x) => x.strategy.key === strategy.key && x.theme.key === p.priority.themeKey);
    if (!g) groups.push((g = { strategy: { key: strategy.key, title: strategy.title }, theme: { key: p.priority.themeKey, title: theme?.title ?? p.priority.themeKey }, rows: [] }));
    g.rows.push(row);
  }
  const summaries = filters.strategy ? digest.summaries.filter((s) => s.strategy.key === filters.strategy) : digest.summaries;
  return {
    board: { key: board.key, name: board.name },
    asAt: date,
    viewer: { id: viewer.person.id, name: viewer.person.name, role: viewer.role },
    summaries,
    attention: digest.groups.map((g) => ({ ...g, entries: g.entries.filter((e) => seen(e.ref)) })).filter((g) => g.entries.length > 0),
    noLead: viewer.role === 'manager' ? (digest.noLead ?? []) : [],
    periods,
    groups,
    choices: {
      strategies: strategies.map((s) => ({ key: s.key, title: s.title })),
      themes: strategies.flatMap((s) => s.themes.map((t) => ({ key: t.key, title: t.title, strategyKey: s.key }))),
      leads: [...leadIds].map((id) => ({ id, name: names.get(id) ?? id })).sort((a, b) => a.name.localeCompare(b.name)),
    },
    filters,
  };
}

function cleanFilters(r: BoardFilters): BoardFilters {
  const out: BoardFilters = {};
  if (r.strategy) out.strategy = r.strategy;
  if (r.theme) out.theme = r.theme;
  if (r.lead) out.lead = r.lead;
  if (r.status && CELL_STATES.includes(r.status)) out.status = r.status;
  return out;
}

/** A priority's page: every answer with its edits, the KPIs with their readings, projects, lead and contacts. */
export interface PriorityPageView {
  board: { key: string; name: string };
  asAt: string;
  strategy: { key: string; title: string };
  theme: string;
  priority: Priority;
  /** For a project: its workstream's ref, number and title. */
  workstream?: { ref: string; number: string; title: string };
  leads: { id: string; name: string }[];
  deputies: { id: string; name: string }[];
  current: { period: string; state: CellState; daysOverdue: number };
  versions: HistoryEntry[];
  kpis: Kpi[];
  projects: { ref: string; title: string; state: CellState; leads: string[] }[];
}

/** The priority's page for the person, if the priority is on this board and theirs to see. */
export async function priorityPage(deps: PictureDeps & Pick<AppDeps, 'people'>, viewer: Viewer, board: Pick<Board, 'key' | 'name'>, ref: string, asAt?: string): Promise<PriorityPageView> {
  const date = checkedDate(asAt, today(deps as AppDeps));
  const notHere = new DomainError('PRIORITY_NOT_FOUND', `no priority ${ref} on ${board.key}`, { query: ref.slice(0, 80) });
  const strategies = await strategiesOf(deps, [board]);
  const strategy = strategies.find((s) => ref.startsWith(`${s.key}/`));
  if (!strategy || boardOf(strategy) !== board.key) throw notHere;
  const priorities = (await deps.strategies.listPriorities()).filter((p) => p.strategyKey === strategy.key);
  const workstream = priorities.find((p) => priorityRef(p) === ref || projectUnits(p).some((u) => priorityRef(u) === ref));
  if (!workstream) throw notHere;
  const unit = priorityRef(workstream) === ref ? workstream : projectUnits(workstream).find((u) => priorityRef(u) === ref)!;
  const mayRead = viewer.role === 'manager' ? true : viewer.own.has(ref) || maySee(viewer.person, unit, board.key);
  if (!mayRead) throw new DomainError('NOT_BOARD_MANAGER', `${viewer.person.id} may not see ${ref}`, { priority: `${unit.number}. ${unit.title}` });
  const [picture, versions, people] = await Promise.all([loadPicture(deps, [strategy], { asAt: date }), versionsOf(deps, unit), deps.people.listPeople()]);
  const names = new Map(people.map((p) => [p.id, p.name]));
  const person = (id: string) => ({ id, name: names.get(id) ?? id });
  const pictured = picture.strategies[0]?.priorities.find((p) => p.priority.key === workstream.key);
  const project = pictured?.projects?.find((x) => priorityRef(x.unit) === ref);
  const now = project ?? pictured;
  const theme = strategy.themes.find((t) => t.key === workstream.themeKey)?.title ?? workstream.themeKey;
  // A project's KPIs are its workstream's that name it; a priority's are its own, with the readings given up to the date.
  const kpis = (pictured?.kpis ?? workstream.kpis).filter((k) => (unit === workstream ? true : k.projectKey === unit.workstream?.projectKey));
  return {
    board: { key: board.key, name: board.name },
    asAt: date,
    strategy: { key: strategy.key, title: strategy.title },
    theme,
    priority: unit,
    ...(unit !== workstream ? { workstream: { ref: priorityRef(workstream), number: workstream.number, title: workstream.title } } : {}),
    leads: unit.leads.map(person),
    deputies: unit.deputies.map(person),
    current: { period: pictured?.period.label ?? '', state: now ? currentOf(now) : 'not-reported', daysOverdue: now?.daysOverdue ?? 0 },
    versions: versions.entries.filter((e) => e.checkIn.submittedAt.slice(0, 10) <= date),
    kpis,
    projects: unit === workstream ? (pictured?.projects ?? []).map((x) => ({ ref: priorityRef(x.unit), title: x.project.title, state: currentOf(x), leads: x.unit.leads.map((id) => names.get(id) ?? id) })) : [],
  };
}

/** Which boards a person may open a page for, each with the role they have there. */
export async function boardsForPage(deps: Pick<AppDeps, 'strategies' | 'people'>, personId: string): Promise<{ board: Board; role: 'manager' | 'lead' }[]> {
  const out: { board: Board; role: 'manager' | 'lead' }[] = [];
  for (const board of await allBoards(deps)) {
    try {
      const { viewer } = await viewerOf(deps, personId, board.key);
      out.push({ board, role: viewer.role });
    } catch (e) {
      if (!(e instanceof DomainError && e.code === 'NOT_BOARD_MANAGER')) throw e;
    }
  }
  return out;
}

/**
 * `board [name]` in chat: the boards whose page the sender may open (named, or all of theirs),
 * each with their role there. A link is then signed for each by the adapter.
 */
export async function chatBoardPages(deps: AppDeps, who: Identity, query: string): Promise<{ person: Person; boards: { board: Board; role: 'manager' | 'lead' }[] }> {
  const person = await requirePerson(deps, who);
  const mine = await boardsForPage(deps, person.id);
  if (mine.length === 0) throw new DomainError('NOT_BOARD_MANAGER', `${person.id} has no board`, { action: "open a board's page (its managers and the leads of its priorities can)" });
  const q = words(query);
  if (q.length === 0) return { person, boards: mine };
  const named = mine.filter((m) => m.board.key === query.trim() || q.every((w) => words(`${m.board.name} ${m.board.key}`).some((x) => x.startsWith(w))));
  if (named.length === 0) throw new DomainError('BOARD_NOT_FOUND', `no board ${query} for ${person.id}`, { query: query.slice(0, 80), boards: mine.map((m) => m.board.name).join(', ') });
  return { person, boards: named };
}
