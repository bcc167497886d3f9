import { boardOf, managesBoard, type Board } from '../domain/board';
import { calendarChanges, calendarsByBoard, checkCalendarInput, comingMeetings, cycleSettingsOf, defaultBoardCalendar, withBoardFrequencies, type BoardCalendar, type CalendarChange, type CalendarProblem, type VersionedCalendar } from '../domain/board-calendar';
import type { WorkingCalendar } from '../domain/calendar';
import type { CycleSettings } from '../domain/cycle';
import { DomainError } from '../domain/errors';
import type { Frequency } from '../domain/period';
import type { Identity, Person } from '../domain/person';
import type { BoardCalendarStore, StrategyStore } from '../domain/ports';
import { remindedUnits } from '../domain/project';
import { compareNumbers } from '../domain/wording';
import { isStrategyLive, priorityRef, type Priority, type Strategy } from '../domain/strategy';
import { allBoards, boardsInView } from './board-picture';
import type { AppDeps } from './deps';
import { requirePerson, today } from './people';

/**
 * A board's calendar on the `calendar` card: read (stored, else the install's defaults), and
 * saved by that board's managers only, whole or not at all, with the version read.
 */

/** One priority's row on the card: its frequency as the board runs it, and the strategy's own. */
export interface CalendarPriorityRow {
  ref: string;
  number: string;
  title: string;
  frequency: Frequency;
  own: Frequency;
}

export interface CalendarView {
  board: Pick<Board, 'key' | 'name'>;
  calendar: BoardCalendar;
  /** The version the card was drawn from; a save names it ('' : nothing stored yet). */
  etag: string;
  /** True while nothing is stored: the board runs on the install's settings. */
  defaults: boolean;
  priorities: CalendarPriorityRow[];
  /** Coming meetings, each with the due date worked back from it. */
  coming: { meeting: string; due: string }[];
  today: string;
  /** What the save did, if this view answers one. */
  outcome?: { kind: 'saved'; changes: CalendarChange[] } | { kind: 'unchanged' } | { kind: 'stale' } | { kind: 'invalid'; problems: CalendarProblem[]; typed: Record<string, string> };
}

export interface CalendarSubmit {
  board: string;
  etag: string;
  /** The priority refs in the card's order (untrusted: checked against the board's own). */
  refs: unknown[];
  inputs: Record<string, unknown>;
}

type CalendarSetup = NonNullable<AppDeps['board']['calendar']>;

function setupOf(deps: AppDeps): { store: NonNullable<AppDeps['calendars']>; setup: CalendarSetup } {
  if (!deps.calendars || !deps.board.calendar) throw new Error('board calendars are not wired');
  return { store: deps.calendars, setup: deps.board.calendar };
}

/** A board's calendar as stored, or the install's defaults ('' version) when its managers never saved one. */
export async function readBoardCalendar(deps: AppDeps, board: Pick<Board, 'key' | 'digestWeekday' | 'digestTime'>): Promise<VersionedCalendar> {
  const { store, setup } = setupOf(deps);
  return (await store.get(board.key)) ?? { calendar: defaultBoardCalendar(board, setup.defaults), etag: '' };
}

/** Every board's calendar, by board key, for the cycle's tick; undefined when calendars are not wired. */
export async function boardCalendars(deps: AppDeps, boards: readonly Board[]): Promise<Map<string, BoardCalendar> | undefined> {
  if (!deps.calendars || !deps.board.calendar) return undefined;
  return calendarsByBoard(boards, (await deps.calendars.list()).map((v) => v.calendar), deps.board.calendar.defaults);
}

/** The priorities whose frequency a board sets: its live strategies' active priorities and workstreams. */
async function boardPriorities(strategies: StrategyStore, boardKey: string, date: string): Promise<{ strategies: Strategy[]; priorities: Priority[] }> {
  const own = (await strategies.listStrategies()).filter((s) => boardOf(s) === boardKey && isStrategyLive(s, date));
  const keys = new Set(own.map((s) => s.key));
  const priorities = (await strategies.listPriorities()).filter((p) => keys.has(p.strategyKey) && p.status === 'active' && p.kind !== 'project');
  const order = new Map(own.map((s, i) => [s.key, i]));
  priorities.sort((a, b) => order.get(a.strategyKey)! - order.get(b.strategyKey)! || compareNumbers(a.number, b.number));
  return { strategies: own, priorities };
}

async function viewOf(deps: AppDeps, board: Board, read: VersionedCalendar, working: WorkingCalendar): Promise<CalendarView> {
  const date = today(deps);
  const { priorities } = await boardPriorities(OWN.get(deps.strategies) ?? deps.strategies, board.key, date);
  const rows = withBoardFrequencies(priorities, read.calendar).map((p, i) => ({ ref: priorityRef(p), number: p.number, title: p.title, frequency: p.frequency, own: priorities[i]!.frequency }));
  return { board: { key: board.key, name: board.name }, calendar: read.calendar, etag: read.etag, defaults: read.etag === '', priorities: rows, coming: comingMeetings(read.calendar, working, date), today: date };
}

/** The board a manager asked for, checked against the sender (never the card): a manager of it, or refused. */
async function managedBoard(deps: AppDeps, who: Identity, boardKey: string): Promise<{ board: Board; person: Person }> {
  const person = await requirePerson(deps, who);
  const board = (await allBoards(deps)).find((b) => b.key === boardKey);
  if (!board) throw new DomainError('BOARD_NOT_FOUND', `no board ${boardKey}`, { query: boardKey.slice(0, 80) });
  if (!managesBoard(person, board.key)) throw new DomainError('NOT_BOARD_MANAGER', `${person.id} does not manage ${board.key}`, { action: `change the calendar of ${board.name}` });
  return { board, person };
}

/** `calendar [board]`: the card of the board named, else of every board the sender manages. */
export async function calendarViews(deps: AppDeps, who: Identity, boardQuery: string): Promise<CalendarView[]> {
  const { setup } = setupOf(deps);
  const person = await requirePerson(deps, who);
  const named = boardQuery.trim() !== '';
  const boards = (await boardsInView(deps, person, named ? boardQuery : undefined)).filter((b) => managesBoard(person, b.key));
  if (boards.length === 0) {
    if (named) throw new DomainError('BOARD_NOT_FOUND', `no board ${boardQuery}`, { query: boardQuery.slice(0, 80) });
    throw new DomainError('NOT_BOARD_MANAGER', `${person.id} manages no board`, { action: 'change a board\'s calendar' });
  }
  return Promise.all(boards.map(async (b) => viewOf(deps, b, await readBoardCalendar(deps, b), setup.working)));
}

/**
 * Save from the card: only that board's managers; every input checked before anything is written;
 * written with the version the card was drawn from. Stale (another manager saved since): nothing
 * is written and the card shows what is stored now.
 */
export async function saveBoardCalendar(deps: AppDeps, who: Identity, submit: CalendarSubmit): Promise<CalendarView & { changes: CalendarChange[] }> {
  const { store, setup } = setupOf(deps);
  const { board, person } = await managedBoard(deps, who, submit.board);
  const current = await readBoardCalendar(deps, board);
  const none = { changes: [] as CalendarChange[] };
  if (current.etag !== submit.etag) return { ...(await viewOf(deps, board, current, setup.working)), outcome: { kind: 'stale' }, ...none };
  const { priorities } = await boardPriorities(OWN.get(deps.strategies) ?? deps.strategies, board.key, today(deps));
  const checked = checkCalendarInput(current.calendar, submit.inputs, priorities, submit.refs, deps.clock.now());
  if (!checked.ok) {
    const typed = Object.fromEntries(Object.entries(submit.inputs).filter(([, v]) => typeof v === 'string').map(([k, v]) => [k, (v as string).slice(0, 2000)]));
    return { ...(await viewOf(deps, board, current, setup.working)), outcome: { kind: 'invalid', problems: checked.problems, typed }, ...none };
  }
  const changes = calendarChanges(current.calendar, checked.calendar, priorities);
  if (changes.length === 0) return { ...(await viewOf(deps, board, current, setup.working)), outcome: { kind: 'unchanged' }, ...none };
  const written = await store.put(checked.calendar, current.etag);
  if (written.kind === 'stale') {
    const now = written.current ?? (await readBoardCalendar(deps, board));
    return { ...(await viewOf(deps, board, now, setup.working)), outcome: { kind: 'stale' }, ...none };
  }
  // The audit trail: who, when, each setting before → after (`history` of the board's changes reads it).
  const at = deps.clock.now();
  for (const c of changes) await deps.changes?.append({ boardKey: board.key, at, by: person.id, subject: c.subject, before: c.before, after: c.after });
  return { ...(await viewOf(deps, board, { calendar: checked.calendar, etag: written.etag }, setup.working)), outcome: { kind: 'saved', changes }, changes };
}

/** The cycle's settings and priorities for one board, as its calendar says. Pure; used at every tick. */
export function boardCycle(base: CycleSettings, calendar: BoardCalendar, working: WorkingCalendar, priorities: readonly Priority[]): { settings: CycleSettings; priorities: Priority[] } {
  return { settings: cycleSettingsOf(base, calendar, working), priorities: withBoardFrequencies(priorities, calendar) };
}

/** One board as the cycle runs it: what `planCycle` takes for it, and since when its digest's schedule holds. */
export interface BoardRun {
  board: Board;
  strategies: Strategy[];
  /** Its priorities at its frequencies, with the projects reminded like priorities. */
  units: Priority[];
  settings: CycleSettings;
  /** The board with its calendar's digest day and time. */
  scheduled: Board;
  /** A digest slot before this instant (ms) never existed: its schedule was set after it. */
  digestSince?: number;
}

/**
 * Every board on its own calendar: its frequencies, due dates worked back from its meetings, its
 * digest day and time. Pure: the cycle's tick and `hwb-bot schedule` plan from the same runs.
 */
export function boardRuns(base: CycleSettings, working: WorkingCalendar, strategies: readonly Strategy[], stored: readonly Priority[], boards: readonly Board[], calendars: ReadonlyMap<string, BoardCalendar>): BoardRun[] {
  return boards.map((board) => {
    const own = strategies.filter((s) => boardOf(s) === board.key);
    const keys = new Set(own.map((s) => s.key));
    const calendar = calendars.get(board.key)!;
    const cycle = boardCycle(base, calendar, working, stored.filter((p) => keys.has(p.strategyKey)));
    const scheduled = { key: board.key, name: board.name, digestWeekday: calendar.digest.weekday, digestTime: calendar.digest.time };
    return { board, strategies: own, units: [...cycle.priorities, ...remindedUnits(cycle.priorities)], settings: cycle.settings, scheduled, ...(calendar.digestSince ? { digestSince: Date.parse(calendar.digestSince) } : {}) };
  });
}

/**
 * Deps whose board settings and priorities are one board's, as its calendar says: its digest and
 * views are worked out on its own rules and frequencies (due dates: every picture reads each
 * board's own, see due-dates.ts).
 */
export function scopedToBoard<D extends AppDeps>(deps: D, calendar: BoardCalendar): D {
  if (!deps.board.calendar) return deps;
  const strategies = deps.strategies;
  const scoped: StrategyStore = {
    putStrategy: (s) => strategies.putStrategy(s),
    getStrategy: (k) => strategies.getStrategy(k),
    listStrategies: () => strategies.listStrategies(),
    putPriority: (p) => strategies.putPriority(p),
    getPriority: async (s, k) => {
      const p = await strategies.getPriority(s, k);
      return p && withBoardFrequencies([p], calendar)[0];
    },
    listPriorities: async (s) => withBoardFrequencies(await strategies.listPriorities(s), calendar),
    putBoard: (b) => strategies.putBoard(b),
    listBoards: () => strategies.listBoards(),
    dropCached: () => strategies.dropCached?.(),
  };
  return { ...deps, strategies: scoped, board: { ...deps.board, rules: calendar.rules } };
}

/**
 * The strategies store as the boards run it: every priority is read with the frequency its
 * board's calendar sets, so a lead's card, `status`, the picture and the cycle agree on its
 * period (a monthly reminder's card is not refused as another period's). The stored priority
 * keeps the strategy's own frequency: a write of one read here puts back the frequency stored.
 */
export function frequenciesFromCalendars(strategies: StrategyStore, calendars: BoardCalendarStore): StrategyStore {
  const decorated = calendarRead(strategies, calendars);
  OWN.set(decorated, strategies);
  return decorated;
}

/** The store under a `frequenciesFromCalendars` one: the calendar card shows each priority's own frequency beside the board's. */
const OWN = new WeakMap<StrategyStore, StrategyStore>();

function calendarRead(strategies: StrategyStore, calendars: BoardCalendarStore): StrategyStore {
  // Refs are unique across boards, and a calendar only holds its own board's (checked on save).
  const overrides = async (): Promise<Pick<BoardCalendar, 'frequencies'>> => ({ frequencies: Object.assign({}, ...(await calendars.list()).map((v) => v.calendar.frequencies)) as Record<string, Frequency> });
  return {
    putStrategy: (s) => strategies.putStrategy(s),
    getStrategy: (k) => strategies.getStrategy(k),
    listStrategies: () => strategies.listStrategies(),
    async putPriority(p) {
      const board = (await overrides()).frequencies[priorityRef(p)];
      const stored = board !== undefined && p.frequency === board ? await strategies.getPriority(p.strategyKey, p.key) : undefined;
      await strategies.putPriority(stored ? { ...p, frequency: stored.frequency } : p);
    },
    async getPriority(s, k) {
      const p = await strategies.getPriority(s, k);
      return p && withBoardFrequencies([p], await overrides())[0];
    },
    listPriorities: async (s) => withBoardFrequencies(await strategies.listPriorities(s), await overrides()),
    putBoard: (b) => strategies.putBoard(b),
    listBoards: () => strategies.listBoards(),
  };
}
