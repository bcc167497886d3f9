import { CardFactory, type TurnContext } from 'botbuilder';
import type { AppDeps } from '../../app/deps';
import { chatBoardPages } from '../../app/board-page';
import { boardLinkCard } from '../../cards/board-link-card';
import { sender } from './sender';

export interface BoardLinks {
  /** `issueBoardLink(personId, boardKey)`: a signed link to the board's page. */
  issue(personId: string, boardKey: string): Promise<string>;
  minutes: number;
}

/** `board [name]`: a short-lived link to each board's page the sender may open. */
export async function onBoardCommand(context: TurnContext, deps: AppDeps & { boardLinks: BoardLinks }, query: string): Promise<void> {
  const { person, boards } = await chatBoardPages(deps, await sender(context, deps), query);
  const links = await Promise.all(boards.map(async (b) => ({ name: b.board.name, role: b.role, url: await deps.boardLinks.issue(person.id, b.board.key) })));
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(boardLinkCard(links, deps.boardLinks.minutes))] });
}
