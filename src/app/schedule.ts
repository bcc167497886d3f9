import type { WorkingCalendar } from '../domain/calendar';
import { boardOf, boardsOf, managesBoard, type Board } from '../domain/board';
import type { BoardCalendar } from '../domain/board-calendar';
import { LEAD_CHAIN, planCycle, type CycleSettings, type PlannedMessage } from '../domain/cycle';
import type { PersonStore, StrategyStore } from '../domain/ports';
import { remindedUnits } from '../domain/project';
import { askedFor, priorityRef, priorityRefOf, type Priority, type Strategy } from '../domain/strategy';
import { boardRuns } from './board-calendar';
import { priorityName } from '../domain/wording';

/**
 * `hwb-bot schedule`: what the reporting cycle would send between two dates, one line per
 * message as the cycle sends it (runDue): a lead's projects of a workstream in one message, a
 * priority's message to each of its leads, a board's digest to its channel. People by name.
 */
export interface ScheduleLine {
  date: string;
  time: string;
  utc: string;
  kind: PlannedMessage['kind'];
  /** Who gets it: a person's name, or "<board>'s channel". */
  to: string;
  audience: PlannedMessage['audience'];
  /** Whose board (every line names it: a digest's is the whole point). */
  board?: string;
  /** The priority (`<strategy>/<key>`) or, for projects sent together, their workstream. */
  priority?: string;
  /** What it is about: "W1. Childhood Immunisations", or "W2 projects: A; B". */
  about?: string;
  period?: string;
  due?: string;
}

export interface ScheduleView {
  /** False when the store holds no strategy at all (a fresh data folder: nothing loaded yet). */
  loaded: boolean;
  lines: ScheduleLine[];
}

export interface ScheduleDeps {
  strategies: StrategyStore;
  people: PersonStore;
}

/** As the cycle plans it, every board on the install's settings: projects with a named lead are reminded too. */
function planOnInstall(cycle: CycleSettings, working: WorkingCalendar, strategies: readonly Strategy[], stored: readonly Priority[], boards: readonly Board[], from: string, to: string): { priorities: Priority[]; plan: PlannedMessage[] } {
  const priorities = [...stored, ...remindedUnits(stored)];
  return { priorities, plan: planCycle(strategies, priorities, cycle, working, from, to, boards) };
}

/** As the cycle's tick plans it: each board on its own calendar (frequencies, due dates, digest). */
function planByBoard(cycle: CycleSettings, working: WorkingCalendar, strategies: readonly Strategy[], stored: readonly Priority[], boards: readonly Board[], calendars: ReadonlyMap<string, BoardCalendar>, from: string, to: string): { priorities: Priority[]; plan: PlannedMessage[] } {
  const priorities: Priority[] = [];
  const plan: PlannedMessage[] = [];
  for (const run of boardRuns(cycle, working, strategies, stored, boards, calendars)) {
    priorities.push(...run.units);
    plan.push(...planCycle(run.strategies, run.units, run.settings, working, from, to, [run.scheduled]).filter((m) => m.kind !== 'digest' || run.digestSince === undefined || m.sendAt.getTime() >= run.digestSince));
  }
  plan.sort((a, b) => a.sendAt.getTime() - b.sendAt.getTime() || a.key.localeCompare(b.key));
  return { priorities, plan };
}

/**
 * `calendars`: each board's (stored, else the install's defaults), as the cycle's tick reads them;
 * without them every board runs on `settings.cycle`.
 */
export async function scheduleView(deps: ScheduleDeps, settings: { cycle: CycleSettings; calendar: WorkingCalendar; calendars?: ReadonlyMap<string, BoardCalendar> }, from: string, to: string): Promise<ScheduleView> {
  const [strategies, stored, boards, people] = await Promise.all([deps.strategies.listStrategies(), deps.strategies.listPriorities(), deps.strategies.listBoards(), deps.people.listPeople()]);
  if (strategies.length === 0) return { loaded: false, lines: [] };
  const { priorities, plan } = settings.calendars ? planByBoard(settings.cycle, settings.calendar, strategies, stored, boardsOf(boards, strategies), settings.calendars, from, to) : planOnInstall(settings.cycle, settings.calendar, strategies, stored, boards, from, to);
  const priorityOf = new Map(priorities.map((p) => [priorityRef(p), p]));
  const strategyOf = new Map(strategies.map((s) => [s.key, s]));
  const boardOfKey = new Map<string, Board>(boards.map((b) => [b.key, b]));
  const byId = new Map(people.map((p) => [p.id, p]));
  const name = (id: string) => byId.get(id)?.name ?? id;
  const boardName = (p: Priority) => boardOfKey.get(boardOf(strategyOf.get(p.strategyKey)!))?.name;

  const managersOf = (p: Priority) => {
    const key = boardOf(strategyOf.get(p.strategyKey)!);
    return people.filter((x) => managesBoard(x, key)).map((x) => x.id);
  };
  // A lead's step goes to the priority's leads (else deputies); the managers' notice to each of the board's managers.
  const recipientsOf = (m: PlannedMessage, p: Priority) => (LEAD_CHAIN.includes(m.kind) ? askedFor(p) : managersOf(p));
  const base = (m: PlannedMessage) => ({ date: m.localDate, time: m.localTime, utc: m.sendAt.toISOString(), kind: m.kind, audience: m.audience, ...(m.period ? { period: m.period.label, due: m.period.due } : {}) });

  // In plan order: a line, or a workstream's projects of one step and slot, sent together per person (as runDue gathers them).
  const entries: (ScheduleLine | { group: string })[] = [];
  const groups = new Map<string, { m: PlannedMessage; workstream: Priority; units: Priority[] }>();
  for (const m of plan) {
    if (m.kind === 'digest') {
      const board = m.boardKey ? boardOfKey.get(m.boardKey) : undefined;
      entries.push({ ...base(m), to: `${board?.name ?? 'the board'}'s channel`, ...(board ? { board: board.name } : {}) });
      continue;
    }
    const priority = m.strategyKey && m.priorityKey ? priorityOf.get(priorityRefOf({ strategyKey: m.strategyKey, priorityKey: m.priorityKey })) : undefined;
    if (!priority) continue;
    const workstream = priority.workstream ? priorityOf.get(priorityRef({ strategyKey: priority.strategyKey, key: priority.workstream.key })) : undefined;
    if (workstream) {
      const key = `${priorityRef(workstream)}|${m.kind}|${m.period?.label}|${m.localDate}|${m.localTime}`;
      const group = groups.get(key);
      if (group) group.units.push(priority);
      else {
        groups.set(key, { m, workstream, units: [priority] });
        entries.push({ group: key });
      }
      continue;
    }
    const board = boardName(priority);
    for (const id of recipientsOf(m, priority)) entries.push({ ...base(m), to: name(id), ...(board ? { board } : {}), priority: priorityRef(priority), about: priorityName(priority) });
  }
  const lines = entries.flatMap((e): ScheduleLine[] => {
    if (!('group' in e)) return [e];
    const { m, workstream, units } = groups.get(e.group)!;
    const board = boardName(workstream);
    const lead = LEAD_CHAIN.includes(m.kind);
    const to = lead ? [...new Set(units.flatMap((u) => askedFor(u)))] : managersOf(workstream);
    return to.map((id) => {
      const mine = lead ? units.filter((u) => askedFor(u).includes(id)) : units;
      return { ...base(m), to: name(id), ...(board ? { board } : {}), priority: priorityRef(workstream), about: `${workstream.number} ${mine.length === 1 ? 'project' : 'projects'}: ${mine.map((u) => u.title).join('; ')}` };
    });
  });
  return { loaded: true, lines };
}
