import { boardChannelKey, boardsManagedBy, type Board } from '../domain/board';
import { DomainError } from '../domain/errors';
import { REASON_TITLES, REASONS, type ReasonLine } from '../domain/escalation';
import type { Identity, Person } from '../domain/person';
import { escalationsOf } from '../domain/board-escalations';
import type { BoardPicture, PicturedPriority } from '../domain/picture';
import { noLeadOf } from '../domain/strategy-summary';
import type { ConversationRecord } from '../domain/ports';
import { isStrategyLive, priorityRef, type Strategy } from '../domain/strategy';
import { allBoards, boardsInView, loadPicture, strategiesOf, type PictureDeps } from './board-picture';
import type { AppDeps } from './deps';
import { scopedToBoard } from './board-calendar';
import { requirePerson, today } from './people';
import { plural } from '../domain/wording';
import { summaryView } from './summary';
import type { DigestEntry, DigestView } from '../domain/notice';
import { isPersonalChat } from '../domain/personal-chat';

export type { DigestEntry, DigestView } from '../domain/notice';

/** One priority listed under a reason (a project's line under its workstream), with what a manager needs to act on it. */
export function digestEntry(p: PicturedPriority, strategy: Pick<Strategy, 'title'>, r: ReasonLine): DigestEntry {
  const overdue = r.project ? (r.project.daysOverdue !== undefined ? { daysOverdue: r.project.daysOverdue, due: p.period.due } : {}) : p.standing === 'overdue' ? { daysOverdue: p.daysOverdue, due: p.period.due } : {};
  return {
    ref: priorityRef(p.priority),
    number: p.priority.number,
    title: p.priority.title,
    strategyTitle: strategy.title,
    detail: r.detail,
    ...(r.project ? { project: r.project.title } : {}),
    ...overdue,
  };
}

/** What one board must look at, grouped by reason, with each live strategy's counts on top. */
export async function buildDigest(plain: PictureDeps & Pick<AppDeps, 'calendars'>, board: Pick<Board, 'key' | 'name'>, asAt?: string): Promise<DigestView> {
  // On the board's own calendar: its escalation rules, due dates and frequencies.
  const stored = plain.calendars && plain.board.calendar ? await plain.calendars.get(board.key) : undefined;
  const deps = stored ? scopedToBoard(plain as AppDeps, stored.calendar) : plain;
  const date = asAt ?? today(deps as AppDeps);
  const strategies = (await strategiesOf(deps, [board])).filter((s) => isStrategyLive(s, date));
  const picture = await loadPicture(deps, strategies, { asAt: date });
  return digestOf(picture, strategies, board, date);
}

/** The digest read off a picture already loaded (the board's page shows it beside its grid). */
export function digestOf(picture: BoardPicture, strategies: readonly Strategy[], board: Pick<Board, 'key' | 'name'>, date: string): DigestView {
  const summaries = picture.strategies.map((sp) => summaryView(sp, picture.asAt));
  const titles = new Map(strategies.map((s) => [s.key, s]));
  const pictured = new Map(picture.strategies.flatMap((sp) => sp.priorities.map((p) => [priorityRef(p.priority), p] as const)));
  const escalations = escalationsOf(picture);
  const groups = REASONS.map((reason) => ({
    reason,
    title: REASON_TITLES[reason],
    entries: escalations.flatMap((e) => e.reasons.filter((r) => r.reason === reason).map((r) => digestEntry(pictured.get(priorityRef(e.priority))!, titles.get(e.priority.strategyKey)!, r))),
  })).filter((g) => g.entries.length > 0);
  const noLead = picture.strategies.flatMap((sp) => noLeadOf(sp).map((p) => ({ ref: priorityRef(p.priority), number: p.priority.number, title: p.priority.title, strategyTitle: sp.strategy.title, projects: (p.projects ?? []).filter((x) => x.standing === 'no-lead').length })));
  return { date, board: { key: board.key, name: board.name }, summaries, groups, priorities: escalations.length, noLead };
}

/** What a list of digest lines counts, in words: "1 priority, 1 project" (a project's line is not a priority). */
export function countWords(entries: readonly Pick<DigestEntry, 'project'>[]): string {
  const projects = entries.filter((e) => e.project !== undefined).length;
  const priorities = entries.length - projects;
  const parts = [...(priorities > 0 || projects === 0 ? [plural(priorities, 'priority', 'priorities')] : []), ...(projects > 0 ? [plural(projects, 'project')] : [])];
  return parts.join(', ');
}

/** Names of the lines not shown, each priority once: "W1, W2 (and 3 of its projects), W3". */
export function namesOnce(entries: readonly Pick<DigestEntry, 'number' | 'project'>[]): string[] {
  const seen = new Map<string, { own: boolean; projects: number }>();
  for (const e of entries) {
    const n = seen.get(e.number) ?? seen.set(e.number, { own: false, projects: 0 }).get(e.number)!;
    if (e.project) n.projects += 1;
    else n.own = true;
  }
  return [...seen.entries()].map(([number, n]) => (n.projects === 0 ? number : n.own ? `${number} (and ${plural(n.projects, 'of its projects', 'of its projects')})` : `${number} (${plural(n.projects, 'project')})`));
}

/** A board manager's command: the sender, and the boards they manage (at least one). */
export async function requireBoardManager(deps: AppDeps, who: Identity): Promise<{ person: Person; boards: Board[] }> {
  const person = await requirePerson(deps, who);
  const boards = boardsManagedBy(person, await allBoards(deps));
  if (boards.length === 0) throw new DomainError('NOT_BOARD_MANAGER', `${person.id} is not a board manager`);
  return { person, boards };
}

/** Before boards were first-class the one channel was kept under this key. */
export const LEGACY_BOARD_CHANNEL_KEY = 'board-channel';

/** A board's digest channel: its own record, or the install's single old one when it has one board. */
export async function boardChannel(deps: Pick<AppDeps, 'conversations'>, boardKey: string, boardCount: number): Promise<ConversationRecord | undefined> {
  return (await deps.conversations.get(boardChannelKey(boardKey))) ?? (boardCount === 1 ? deps.conversations.get(LEGACY_BOARD_CHANNEL_KEY) : undefined);
}

/** Where one board's digest goes on `digest now`: here (this is its channel), its own channel, or the sender's personal chat. */
export type DigestRoute =
  | { board: Board; digest: DigestView; to: 'here'; noChannel?: true }
  | { board: Board; digest: DigestView; to: 'board-channel'; channel: ConversationRecord }
  | { board: Board; digest: DigestView; to: 'personal-chat'; chat?: ConversationRecord; noChannel: true };

/**
 * `digest now [board]`: one board per channel. Asked in a channel, only the board whose channel it
 * is is posted there; every other board goes to its own channel, or with none to the sender's
 * personal chat, never here. Asked in a personal chat, a board with no channel is answered there.
 */
export async function routeDigests(deps: AppDeps, who: Identity, boardQuery: string, here: { channelId?: string; personal: boolean }): Promise<DigestRoute[]> {
  const { person } = await requireBoardManager(deps, who);
  const boards = await boardsInView(deps, person, boardQuery);
  if (boards.length === 0) throw new DomainError('BOARD_NOT_FOUND', `no board ${boardQuery}`, { query: boardQuery.slice(0, 80) });
  const count = (await allBoards(deps)).length;
  const chats = (await deps.conversations.list()).filter((c) => isPersonalChat(c) && c.personId === person.id);
  const chat = chats.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
  // A channel that is no board's, asked for one board with no channel of its own, may show it here.
  const channels = await Promise.all((await allBoards(deps)).map((b) => boardChannel(deps, b.key, count)));
  const someBoards = here.channelId !== undefined && channels.some((c) => channelIdOf(c?.reference) === here.channelId);
  const out: DigestRoute[] = [];
  for (const board of boards) {
    const digest = await buildDigest(deps, board);
    const channel = await boardChannel(deps, board.key, count);
    const there = channelIdOf(channel?.reference);
    if (channel && here.channelId !== undefined && there === here.channelId) out.push({ board, digest, to: 'here' });
    else if (channel) out.push({ board, digest, to: 'board-channel', channel });
    else if (here.personal || (!someBoards && boards.length === 1)) out.push({ board, digest, to: 'here', noChannel: true });
    else out.push({ board, digest, to: 'personal-chat', ...(chat ? { chat } : {}), noChannel: true });
  }
  return out;
}

/** A channel thread's conversation id is `<channel>;messageid=<post>`: the channel is the part before. */
export function channelIdOf(reference: unknown): string | undefined {
  return (reference as { conversation?: { id?: string } } | undefined)?.conversation?.id?.split(';')[0];
}
