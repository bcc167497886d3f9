import { CardFactory, type AdaptiveCardInvokeResponse, type TurnContext } from 'botbuilder';
import { reasonList } from '../../app/board-view';
import { plural } from '../../domain/wording';
import { priorityHistory } from '../../app/history';
import type { AppDeps } from '../../app/deps';
import { historyCard } from '../../cards/history-card';
import { reasonListCard } from '../../cards/list-card';
import { noMatchCard, pickPriorityCard } from '../../cards/pick-priority-card';
import { cardResponse } from '../invoke-response';
import { sender } from './sender';

const LISTS = {
  overdue: { title: 'Overdue check-ins', empty: 'Nothing is overdue.' },
  red: { title: 'Rated Red this period', empty: 'Nothing is rated Red this period.' },
} as const;

/** Why `overdue` and summary's Not reported differ: priorities nobody is asked about are not overdue, and projects count apart. */
function footnote(reason: 'overdue' | 'red', noLead: number): string | undefined {
  if (reason !== 'overdue') return undefined;
  return `Overdue means a lead was asked and the due date passed. Projects are listed under their workstream and counted apart from priorities.${noLead > 0 ? ` Not listed: ${plural(noLead, 'priority', 'priorities')} with no lead (nobody is asked), counted in summary's Not reported; the digest lists them under "No lead assigned".` : ''}`;
}

/** `overdue [board]` and `red [board]`: what the digest would list for that reason. */
export async function onReasonListCommand(context: TurnContext, deps: AppDeps, reason: 'overdue' | 'red', board = ''): Promise<void> {
  const { entries, noLead } = await reasonList(deps, await sender(context, deps), reason, board);
  const list = LISTS[reason];
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(reasonListCard(list.title, entries, list.empty, reason, 0, board, footnote(reason, noLead)))] });
}

/** The next page of a list; the list is worked out again for the sender, so the card's data grants nothing. */
export async function onListMore(context: TurnContext, deps: AppDeps, data: Record<string, unknown>): Promise<AdaptiveCardInvokeResponse> {
  const reason = data.reason === 'red' ? 'red' : 'overdue';
  const offset = typeof data.offset === 'number' && Number.isInteger(data.offset) && data.offset >= 0 ? data.offset : 0;
  const board = typeof data.board === 'string' ? data.board.slice(0, 80) : '';
  const { entries } = await reasonList(deps, await sender(context, deps), reason, board);
  const list = LISTS[reason];
  return cardResponse(reasonListCard(list.title, entries, list.empty, reason, Math.min(offset, Math.max(0, entries.length - 1)), board));
}

/** `history <priority> [from <period>] [to <period>]`. */
export async function onHistoryCommand(context: TurnContext, deps: AppDeps, query: string, from?: string, to?: string): Promise<void> {
  const result = await priorityHistory(deps, await sender(context, deps), query, from, to);
  const card = result.kind === 'history' ? historyCard(result.view, deps.board.timeZone) : result.kind === 'pick' ? pickPriorityCard(result.priorities, 'status', result.strategyTitles, query) : noMatchCard(result.query, result.suggestions, result.strategyTitles);
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
}
