import type { CheckIn } from '../domain/check-in';
import { dueMessages, OPEN_PERIOD_DAYS, type CycleSnapshot } from '../domain/delivery-plan';
import type { ConversationRecord } from '../domain/ports';
import { remindedUnits } from '../domain/project';
import type { Board } from '../domain/board';
import type { BoardCalendar } from '../domain/board-calendar';
import { LEAD_CHAIN, planCycle, type CycleSettings, type PlannedMessage } from '../domain/cycle';
import { addDays } from '../domain/period';
import { askedFor, priorityRef, priorityRefOf, type Priority, type Strategy } from '../domain/strategy';
import { boardCalendars, boardRuns } from './board-calendar';
import { allBoards } from './board-picture';
import { boardChannel } from './digest';
import { installForLeadsWithoutChat } from './graph-install';
import { activeCovers, today } from './people';
import type { CycleDeps } from './cycle-deps';

/**
 * The reporting cycle's first step: everything the plan needs, loaded once (not per lead).
 * Most minutes nothing is due: then only strategies, priorities and boards are read, and the
 * answer is undefined. With `only`, the snapshot of one priority's lead chain (a change to its
 * people in Teams: what the cycle would send its leads now).
 */
export async function loadCycleSnapshot(deps: CycleDeps, now: Date, catchUpDays?: number, only?: { strategyKey: string; key: string }): Promise<CycleSnapshot | undefined> {
  const { strategies, boards, priorities, planned } = await planAsBoardsRun(deps, (st, units, b, settings) => dueMessages(st, units, b, settings, deps.calendar, now, catchUpDays), only);
  const due = only ? planned.filter((m) => LEAD_CHAIN.includes(m.kind)) : planned;
  if (due.length === 0) return undefined;

  const answers = new Map<string, CheckIn[]>();
  for (const s of new Set(due.map((m) => m.strategyKey).filter((k): k is string => k !== undefined))) {
    for (const c of await deps.checkIns.listForStrategy(s)) {
      const ref = priorityRefOf(c);
      const list = answers.get(ref);
      if (list) list.push(c);
      else answers.set(ref, [c]);
    }
  }
  const people = await deps.people.listPeople();
  const chats = new Map<string, ConversationRecord>();
  for (const c of await deps.conversations.list()) if (c.personId) chats.set(c.personId, c);
  const covers = await activeCovers(deps);
  const failures = new Map<string, { at: string; note: string }>();
  for (const r of await deps.reach.list()) if (r.lastFailure) failures.set(r.personId, r.lastFailure);
  if (deps.installer) {
    // Who each priority asks (GRAPH_ENABLED: the leads the installer may reach first).
    const byRef = new Map(priorities.map((p) => [priorityRef(p), askedFor(p)]));
    const leadIds = new Set(due.filter((m) => m.audience === 'lead').flatMap((m) => byRef.get(priorityRef({ strategyKey: m.strategyKey!, key: m.priorityKey! })) ?? []));
    await installForLeadsWithoutChat({ installer: deps.installer, conversations: deps.conversations, reach: deps.reach }, people.filter((p) => leadIds.has(p.id)), chats, failures, now);
  }
  const channels = new Map<string, ConversationRecord>();
  for (const boardKey of new Set(due.filter((m) => m.kind === 'digest').map((m) => m.boardKey).filter((k): k is string => k !== undefined))) {
    const channel = await boardChannel(deps, boardKey, boards.length);
    if (channel) channels.set(boardKey, channel);
  }
  return { settings: deps.cycle, strategies, priorities, boards, due, answers, people, chats, covers, failures, channels, emailEnabled: deps.email !== undefined, graphConfigured: deps.installer !== undefined };
}

type Planner = (strategies: readonly Strategy[], units: readonly Priority[], boards: readonly Board[], settings: CycleSettings) => PlannedMessage[];

/** The cycle's plan (`planner` says which part: what is due, or what lies ahead), each board on its own calendar; with `only`, one priority's. */
async function planAsBoardsRun(deps: CycleDeps, planner: Planner, only?: { strategyKey: string; key: string; as?: Priority }): Promise<{ strategies: Strategy[]; boards: Board[]; priorities: Priority[]; planned: PlannedMessage[] }> {
  const [strategies, all, boards] = await Promise.all([deps.strategies.listStrategies(), deps.strategies.listPriorities(only?.strategyKey), allBoards(deps)]);
  // One priority (and its projects): only its leads' chain is wanted, as the cycle would plan it.
  const stored = only ? (only.as ? [only.as] : all.filter((p) => p.key === only.key)) : all;
  // Each board's calendar, read at every tick: a manager's change takes effect without a restart.
  const calendars = await boardCalendars(deps, boards);
  if (calendars) return { strategies, boards, ...dueByBoard(deps, strategies, stored, boards, calendars, planner) };
  // Projects with a named lead are reminded like priorities (their answers are the units' own).
  const priorities = [...stored, ...remindedUnits(stored)];
  return { strategies, boards, priorities, planned: planner(strategies, priorities, boards, deps.cycle) };
}

/**
 * The lead chain of one priority and its projects still ahead in its open periods (after `now`),
 * keyed as the cycle will plan it: what an instance still reading a removed lead would send them.
 * `only.as`: the priority as it was (with the lead who left), not as stored now.
 */
export async function leadStepsAhead(deps: CycleDeps, now: Date, only: { strategyKey: string; key: string; as?: Priority }): Promise<{ priorities: Priority[]; steps: PlannedMessage[] }> {
  const date = today(deps);
  const until = addDays(date, OPEN_PERIOD_DAYS);
  const { priorities, planned } = await planAsBoardsRun(deps, (st, units, b, settings) => planCycle(st, units, settings, deps.calendar, date, until, b, date), only);
  return { priorities, steps: planned.filter((m) => LEAD_CHAIN.includes(m.kind) && m.sendAt.getTime() > now.getTime() && m.period !== undefined && m.period.opens <= date) };
}

/**
 * What is due, board by board, each on its own calendar (see `boardRuns`). The priorities come
 * back as the boards run them.
 */
function dueByBoard(deps: CycleDeps, strategies: readonly Strategy[], stored: readonly Priority[], boards: readonly Board[], calendars: ReadonlyMap<string, BoardCalendar>, planner: Planner): { priorities: Priority[]; planned: PlannedMessage[] } {
  const priorities: Priority[] = [];
  const due: PlannedMessage[] = [];
  for (const run of boardRuns(deps.cycle, deps.calendar, strategies, stored, boards, calendars)) {
    priorities.push(...run.units);
    // A digest slot of a schedule set after it passed never existed: catching up skips it.
    due.push(...planner(run.strategies, run.units, [run.scheduled], run.settings).filter((m) => m.kind !== 'digest' || run.digestSince === undefined || m.sendAt.getTime() >= run.digestSince));
  }
  due.sort((a, b) => a.sendAt.getTime() - b.sendAt.getTime() || a.key.localeCompare(b.key));
  return { priorities, planned: due };
}
