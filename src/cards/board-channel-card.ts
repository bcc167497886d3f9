import type { Board } from '../domain/board';
import { card, execute, heading, note, type Card } from './elements';

export const USE_CHANNEL_VERB = 'useChannelForBoard';

/** A manager of several boards says which board this channel is for. */
export function chooseBoardCard(boards: readonly Pick<Board, 'key' | 'name'>[]): Card {
  return card([
    heading('Which board is this channel for?'),
    note('You manage more than one board. Its escalation digests will be posted here.'),
    { type: 'ActionSet', actions: boards.slice(0, 5).map((b) => execute(b.name, USE_CHANNEL_VERB, { board: b.key })) },
  ]);
}

export function channelSetCard(boardName: string, moved: boolean, unchanged: boolean): Card {
  if (unchanged) return card([heading('Board channel already set'), note(`This channel already receives the escalation digests of ${boardName}.`)]);
  return card([heading(moved ? 'Board channel moved' : 'Board channel set'), note(`Escalation digests of ${boardName} will be posted here${moved ? ' from now on, instead of the channel used before' : ''}. The board's other managers have been told.`)]);
}

/** Added to a team by someone who does not manage a board: hello, and how the channel is chosen. */
export function teamWelcomeCard(): Card {
  return card([
    heading('Hello from the HWB Progress Bot'),
    note('Priority leads here can message me for their check-ins. A board manager chooses where the escalation digest is posted by typing "@HWB Progress use this channel for digests" in that channel.'),
  ]);
}
