import { boardOf, boardsManagedBy, boardsOf, managesBoard, type Board } from '../domain/board';
import type { CheckIn } from '../domain/check-in';
import { DomainError } from '../domain/errors';
import type { Person } from '../domain/person';
import { asAtForPeriod, boardPicture, type BoardPicture } from '../domain/picture';
import { isPeriodLabel, reportingPeriodFor } from '../domain/period';
import type { PriorityState } from '../domain/priority-state';
import { words } from '../domain/priority-lookup';
import { projectUnits } from '../domain/project';
import { isStrategyLive, priorityRef, priorityRefOf, type Priority, type Strategy } from '../domain/strategy';
import { latestReportedPeriod } from '../domain/summary';
import type { AppDeps } from './deps';
import { boardsAsSet } from './due-dates';
import { today } from './people';

/** `calendars`: each board's due dates (absent: every board on the install's settings). */
export type PictureDeps = Pick<AppDeps, 'strategies' | 'checkIns' | 'clock' | 'board'> & Partial<Pick<AppDeps, 'calendars'>>;

/** Every board of the install (stored, and any a strategy names), by name. */
export async function allBoards(deps: Pick<AppDeps, 'strategies'>): Promise<Board[]> {
  const [stored, strategies] = await Promise.all([deps.strategies.listBoards(), deps.strategies.listStrategies()]);
  return boardsOf(stored, strategies);
}

/** Strategy key → board key, for rights checks on priorities. */
export async function boardKeyByStrategy(deps: Pick<AppDeps, 'strategies'>): Promise<Map<string, string>> {
  return new Map((await deps.strategies.listStrategies()).map((s) => [s.key, boardOf(s)]));
}

/**
 * Which boards a view covers: the board named (a manager of it, or anyone for a board they lead
 * in), else every board the sender manages, else the boards of the priorities they lead.
 */
export async function boardsInView(deps: Pick<AppDeps, 'strategies'>, person: Person, named?: string): Promise<Board[]> {
  const boards = await allBoards(deps);
  if (named !== undefined && named.trim() !== '') {
    const q = words(named);
    const match = boards.filter((b) => b.key === named.trim() || q.every((w) => words(`${b.name} ${b.key}`).some((x) => x.startsWith(w))));
    if (match.length === 0) return [];
    // A board the sender manages none of is refused by name; one nobody has is for the caller to word.
    const allowed = match.filter((b) => managesBoard(person, b.key));
    if (allowed.length === 0) throw new DomainError('NOT_BOARD_MANAGER', `${person.id} does not manage ${match[0]!.key}`, { board: match[0]!.name });
    return allowed;
  }
  const managed = boardsManagedBy(person, boards);
  if (managed.length > 0) return managed;
  const strategies = await deps.strategies.listStrategies();
  const mine = (await deps.strategies.listPriorities()).filter((p) => p.leads.includes(person.id) || p.deputies.includes(person.id));
  const keys = new Set(mine.map((p) => boardOf(strategies.find((s) => s.key === p.strategyKey) ?? { board: '' })));
  return boards.filter((b) => keys.has(b.key));
}

/** The strategies of `boards`, in key order. */
export async function strategiesOf(deps: Pick<AppDeps, 'strategies'>, boards: readonly Pick<Board, 'key'>[]): Promise<Strategy[]> {
  const keys = new Set(boards.map((b) => b.key));
  return (await deps.strategies.listStrategies()).filter((s) => keys.has(boardOf(s)));
}

export interface PictureRequest {
  /** Default: today in the board's time zone. */
  asAt?: string;
  /** A period label: live strategies are pictured as at its last day; ended ones on that period. */
  period?: string;
  /** Read each pictured answer whole, with its texts (the papers print them; counts never need them). */
  texts?: boolean;
}

/**
 * Loads what the picture needs, once: the priorities (from the read cache), one latest-state
 * record per priority, and only those older answers an "as at" date in the past asks for.
 */
export async function loadPicture(deps: PictureDeps, strategies: readonly Strategy[], request: PictureRequest = {}): Promise<BoardPicture> {
  return (await loadPictureAndStates(deps, strategies, request)).picture;
}

/**
 * The picture and the latest-state records it was made from (by `<strategy>/<priority>`): the
 * board's page draws its grid of periods from the same records, read once.
 */
export async function loadPictureAndStates(deps: PictureDeps, strategies: readonly Strategy[], request: PictureRequest = {}): Promise<{ picture: BoardPicture; states: ReadonlyMap<string, PriorityState> }> {
  if (request.period !== undefined && !isPeriodLabel(request.period)) throw new DomainError('BAD_PERIOD', `bad period ${request.period}`, { input: request.period.slice(0, 20) });
  const now = today(deps as AppDeps);
  let asAt = request.asAt ?? now;
  if (request.period !== undefined) asAt = asAtForPeriod(request.period, asAt, deps.board.periodPolicy);
  const keys = new Set(strategies.map((s) => s.key));
  const [priorities, stateLists, boards] = await Promise.all([
    deps.strategies.listPriorities().then((all) => all.filter((p) => keys.has(p.strategyKey))),
    Promise.all(strategies.map((s) => deps.checkIns.states(s.key))),
    // Each board's due dates and rules, from its calendar: read once for the picture, not per priority.
    boardsAsSet(deps),
  ]);
  const states = new Map<string, PriorityState>(stateLists.flat().map((s) => [priorityRefOf(s), s]));
  const periodOf = new Map<string, string>();
  for (const s of strategies) {
    // An ended strategy is read as its papers printed it, on one period.
    if (isStrategyLive(s, now)) continue;
    const own = priorities.filter((p) => p.strategyKey === s.key && p.status !== 'proposed');
    const label = request.period ?? latestReportedPeriod(own.flatMap((p) => Object.keys(states.get(priorityRef(p))?.rags ?? {}).map((period) => ({ period }))));
    if (label !== undefined) periodOf.set(s.key, label);
  }
  const olderAnswers = await answersNotInStates(deps, strategies, priorities, states, periodOf, asAt, request.texts === true);
  return { picture: boardPicture({ strategies, priorities, states, olderAnswers, rules: boards.rules, policy: boards.policy, asAt, periodOf }), states };
}

/**
 * The answers to read whole, one point read each: those a state does not keep (periods older than
 * its last few), or, with `texts`, every pictured answer.
 */
async function answersNotInStates(deps: PictureDeps, strategies: readonly Strategy[], priorities: readonly Priority[], states: ReadonlyMap<string, PriorityState>, periodOf: ReadonlyMap<string, string>, asAt: string, texts: boolean): Promise<CheckIn[]> {
  const wanted: { p: Priority; label: string }[] = [];
  const byKey = new Map(strategies.map((s) => [s.key, s]));
  const labels = new Map<string, string>();
  const labelFor = (f: Priority['frequency']) => labels.get(f) ?? labels.set(f, reportingPeriodFor(asAt, f, deps.board.periodPolicy).label).get(f)!;
  // A workstream's projects are pictured on its period: their answers are read the same way.
  for (const p of [...priorities, ...priorities.flatMap(projectUnits)]) {
    const s = byKey.get(p.strategyKey);
    if (!s) continue;
    const label = periodOf.get(s.key) ?? labelFor(p.frequency);
    const state = states.get(priorityRef(p));
    if (state && state.rags[label] !== undefined && (texts || !state.answers.some((a) => a.period === label))) wanted.push({ p, label });
  }
  const found = await Promise.all(wanted.map(({ p, label }) => deps.checkIns.get(p.strategyKey, p.key, label)));
  return found.filter((c): c is CheckIn => c !== undefined);
}
