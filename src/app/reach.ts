import { remindedUnits } from '../domain/project';
import { cutAtWord } from '../domain/wording';
import { boardOf, managesBoard } from '../domain/board';
import { compareNumbers } from '../domain/wording';
import type { Identity, Person } from '../domain/person';
import type { ConversationRecord } from '../domain/ports';
import { describeRoute, routeFor, standingFailure, type Route } from '../domain/reach';
import { isStrategyLive, type Priority } from '../domain/strategy';
import type { AppDeps } from './deps';
import { requireBoardManager } from './digest';
import { allBoards, loadPicture } from './board-picture';
import { noLeadOf } from '../domain/strategy-summary';
import { today } from './people';
import { isPersonalChat } from '../domain/personal-chat';

/** One line of the `reach` table: who, for whom they work, what they do for the board, how the bot reaches them. */
export interface ReachRow {
  personId: string;
  name: string;
  organisation?: string;
  roles: string[];
  route: Route;
  /** The route in words (describeRoute), the same in chat and on the command line. */
  routeText: string;
}

/** EMAIL=off: people with only an email address are listed as not reached. */
export interface ReachOptions {
  emailOff?: boolean;
}

export type ReachDeps = Pick<AppDeps, 'strategies' | 'people' | 'conversations' | 'reach' | 'clock' | 'board'>;

/**
 * Every lead, deputy and board manager of the live priorities, with how the bot reaches them,
 * from stored facts only: their personal chat (and how it was opened), the board teams' rosters,
 * the last final failure, and whether Graph may install the app for them.
 */
export async function reachRows(deps: ReachDeps, graphConfigured: boolean, boardKeys?: ReadonlySet<string>, options: ReachOptions = {}): Promise<ReachRow[]> {
  const date = today(deps as AppDeps);
  const [strategies, priorities, people, conversations, reach] = await Promise.all([
    deps.strategies.listStrategies(),
    deps.strategies.listPriorities(),
    deps.people.listPeople(),
    deps.conversations.list(),
    deps.reach.list(),
  ]);
  // A board manager sees their boards' people; the command line (the operator) sees every board's.
  const liveStrategies = strategies.filter((s) => isStrategyLive(s, date) && (!boardKeys || boardKeys.has(boardOf(s))));
  const live = new Set(liveStrategies.map((s) => s.key));
  const open = priorities.filter((p) => live.has(p.strategyKey) && p.status !== 'closed');
  // Project leads are reached like priority leads: they are listed with their projects.
  const current = [...open, ...remindedUnits(open)];
  // A priority by its number and name ("19. We will reduce the number of falls…"); a project by its title under its workstream's number.
  const label = (p: Priority) => (p.workstream ? `${p.number} project "${cutAtWord(p.title, 40)}"` : `${p.number}. ${cutAtWord(p.title, 50)}`);
  const boardNames = new Map((await allBoards(deps)).map((b) => [b.key, shortBoardName(b.name)]));
  const byNumber = (a: Priority, b: Priority) => a.strategyKey.localeCompare(b.strategyKey) || compareNumbers(a.number, b.number);
  const roles = new Map<string, { lead: Priority[]; deputy: Priority[] }>();
  const roleOf = (id: string) => roles.get(id) ?? roles.set(id, { lead: [], deputy: [] }).get(id)!;
  for (const p of [...current].sort(byNumber)) {
    for (const id of p.leads) roleOf(id).lead.push(p);
    for (const id of p.deputies) roleOf(id).deputy.push(p);
  }
  const byId = new Map(people.map((p) => [p.id, p]));
  const managers = people.filter((p) => (boardKeys ? [...boardKeys].some((b) => managesBoard(p, b)) : p.boardManager));
  const ids = new Set([...roles.keys(), ...managers.map((p) => p.id)]);
  const chats = new Map<string, ConversationRecord>();
  for (const c of conversations) {
    if (!isPersonalChat(c)) continue;
    const before = chats.get(c.personId);
    if (!before || Date.parse(before.updatedAt) < Date.parse(c.updatedAt)) chats.set(c.personId, c);
  }
  const reachOf = new Map(reach.map((r) => [r.personId, r]));
  const rows: ReachRow[] = [];
  for (const id of ids) {
    const person: Person = byId.get(id) ?? { id, name: id, boardManager: false };
    const chat = chats.get(id);
    const record = reachOf.get(id);
    const failure = standingFailure(record?.lastFailure, chat);
    const route = routeFor(person, {
      ...(chat ? { chat: chat.origin ? { origin: chat.origin } : {} } : {}),
      inTeamRoster: (record?.teams.length ?? 0) > 0,
      graphConfigured,
      ...(failure ? { lastFailure: failure } : {}),
      ...(options.emailOff ? { emailOff: true } : {}),
    });
    const r = roles.get(id);
    const list: string[] = [];
    if (r && r.lead.length > 0) list.push(`lead ${r.lead.map(label).join(', ')}`);
    if (r && r.deputy.length > 0) list.push(`deputy ${r.deputy.map(label).join(', ')}`);
    // Which boards: "board manager, Leicester City" (of the boards in view, when a manager asks).
    const manages = [...boardNames.keys()].filter((b) => managesBoard(person, b) && (!boardKeys || boardKeys.has(b)));
    if (manages.length > 0) list.push(`board manager, ${manages.map((b) => boardNames.get(b)).join(' and ')}`);
    else if (person.boardManager) list.push('board manager');
    if (!byId.has(id)) list.push('not in the people list');
    rows.push({ personId: id, name: person.name, ...(person.organisation ? { organisation: person.organisation } : {}), roles: list, route, routeText: describeRoute(route) });
  }
  return rows.sort((a, b) => a.name.localeCompare(b.name, 'en') || a.personId.localeCompare(b.personId));
}

/** `reach` in chat: board managers only, for the boards they manage. */
export async function reachTable(deps: AppDeps, who: Identity, graphConfigured: boolean, options: ReachOptions = {}): Promise<ReachRow[]> {
  return (await reachView(deps, who, graphConfigured, options)).rows;
}

/** `reach` in chat: the table, and the priorities nobody can be reached for because nobody is asked (No lead). */
export async function reachView(deps: AppDeps, who: Identity, graphConfigured: boolean, options: ReachOptions = {}): Promise<{ rows: ReachRow[]; noLead: { board: string; numbers: string[] }[] }> {
  const { boards } = await requireBoardManager(deps, who);
  const keys = new Set(boards.map((b) => b.key));
  const [rows, noLead] = await Promise.all([reachRows(deps, graphConfigured, keys, options), noLeadByBoard(deps, keys)]);
  return { rows, noLead };
}

/** How many people each kind of route serves, for the table's first line. */
export function reachCounts(rows: readonly ReachRow[]): Record<Route['kind'], number> {
  const counts: Record<Route['kind'], number> = { teams: 0, email: 0, none: 0 };
  for (const r of rows) counts[r.route.kind] += 1;
  return counts;
}

/** "Leicester City Health and Wellbeing Board" → "Leicester City": a board by the name people use. */
export function shortBoardName(name: string): string {
  return name.replace(/\s+Health and Wellbeing Board$/i, '').trim() || name;
}

/** The live priorities of `boardKeys` nobody is asked about, by board: the picture's No lead (the digest's and summary's number). */
export async function noLeadByBoard(deps: ReachDeps & Pick<AppDeps, 'checkIns'>, boardKeys: ReadonlySet<string>): Promise<{ board: string; numbers: string[] }[]> {
  const date = today(deps as AppDeps);
  const boards = (await allBoards(deps)).filter((b) => boardKeys.has(b.key));
  const out: { board: string; numbers: string[] }[] = [];
  for (const b of boards) {
    const live = (await deps.strategies.listStrategies()).filter((s) => boardOf(s) === b.key && isStrategyLive(s, date));
    const picture = await loadPicture(deps as AppDeps, live);
    const numbers = picture.strategies.flatMap((sp) => noLeadOf(sp).map((p) => p.priority.number));
    if (numbers.length > 0) out.push({ board: shortBoardName(b.name), numbers });
  }
  return out;
}
