import { boardChannelKey, boardsManagedBy, managesBoard, type Board } from '../domain/board';
import { DomainError, isDomainError } from '../domain/errors';
import type { Identity, Person } from '../domain/person';
import type { Notifier } from '../domain/ports';
import { allBoards } from './board-picture';
import type { AppDeps } from './deps';
import { boardChannel } from './digest';
import { identify } from './people';
import { isPersonalChat } from '../domain/personal-chat';

export interface ChannelClaim {
  /** The channel's conversation id (the part before ";messageid="). */
  channelId: string;
  /** Where to post there later (a serialised conversation reference). */
  reference: unknown;
}

export type ChannelOutcome =
  /** The board's digests go here now; `moved` when they went to another channel before. */
  | { kind: 'registered'; board: Board; moved: boolean; unchanged: boolean; told: number }
  /** The sender manages several boards: which one is this channel for? */
  | { kind: 'choose'; boards: Board[] };

/**
 * A board's digest channel belongs to the board: only one of its managers (the authenticated
 * sender, a known person) can register or move it, by command or by installing the app in a team
 * themselves. The board's other managers are told in chat when it is set or moved, and by whom.
 */
export async function claimBoardChannel(deps: AppDeps & { notifier: Notifier }, who: Identity, claim: ChannelClaim, boardKey?: string): Promise<ChannelOutcome> {
  const person = await identify(deps, who);
  const boards = await allBoards(deps);
  const managed = person ? boardsManagedBy(person, boards) : [];
  if (!person || managed.length === 0) throw new DomainError('NOT_BOARD_MANAGER', `${person?.id ?? 'an unknown sender'} tried to set a board channel`);
  let board: Board | undefined;
  if (boardKey !== undefined) {
    board = managed.find((b) => b.key === boardKey);
    if (!board) throw new DomainError('NOT_BOARD_MANAGER', `${person.id} does not manage ${String(boardKey).slice(0, 40)}`);
  } else if (managed.length === 1) board = managed[0]!;
  else return { kind: 'choose', boards: managed };

  const before = await boardChannel(deps, board.key, boards.length);
  const beforeId = (before?.reference as { conversation?: { id?: string } } | undefined)?.conversation?.id?.split(';')[0];
  if (beforeId === claim.channelId && before?.key === boardChannelKey(board.key)) return { kind: 'registered', board, moved: false, unchanged: true, told: 0 };
  await deps.conversations.put({ key: boardChannelKey(board.key), reference: claim.reference, updatedAt: deps.clock.now().toISOString() });
  const told = await tellManagers(deps, board, person, before !== undefined);
  return { kind: 'registered', board, moved: before !== undefined, unchanged: false, told };
}

/**
 * The app was added to a team. Installed by one of a board's managers, that channel becomes the
 * board's digest channel (or they are asked which board); installed by anyone else, the team is
 * welcomed and the board's channel stays where it is. A channel that already was the board's has
 * nothing new to say.
 */
export async function teamInstalled(deps: AppDeps & { notifier: Notifier }, who: Identity, claim: ChannelClaim): Promise<ChannelOutcome | { kind: 'welcome' } | { kind: 'nothing-new' }> {
  let outcome: ChannelOutcome;
  try {
    outcome = await claimBoardChannel(deps, who, claim);
  } catch (e) {
    if (isDomainError(e) && e.code === 'NOT_BOARD_MANAGER') return { kind: 'welcome' };
    throw e;
  }
  return outcome.kind === 'registered' && outcome.unchanged ? { kind: 'nothing-new' } : outcome;
}

/** The board's other managers hear of it in their personal chat; one unreachable is no failure. */
async function tellManagers(deps: AppDeps & { notifier: Notifier }, board: Board, by: Person, moved: boolean): Promise<number> {
  const people = await deps.people.listPeople();
  const others = people.filter((p) => p.id !== by.id && managesBoard(p, board.key));
  const chats = new Map((await deps.conversations.list()).filter(isPersonalChat).map((c) => [c.personId, c]));
  let told = 0;
  for (const manager of others) {
    const chat = chats.get(manager.id);
    if (!chat) continue;
    try {
      await deps.notifier.send(chat.reference, { kind: 'board-channel', to: manager, board: board.name, by: by.name, moved });
      told += 1;
    } catch {
      // The channel is set either way; the notice is a courtesy, and the sender sees the confirmation.
    }
  }
  return told;
}
