import { CardFactory, type TurnContext } from 'botbuilder';
import { listByReason } from '../../app/board-view';
import { priorityHistory } from '../../app/history';
import type { AppDeps } from '../../app/deps';
import { historyCard } from '../cards/history-card';
import { reasonListCard } from '../cards/list-card';
import { noMatchCard, pickPriorityCard } from '../cards/pick-priority-card';
import type { EscalationRules } from '../../domain/escalation';
import { sender } from './sender';

/** `overdue` and `red`: what the digest would list for that reason. */
export async function onReasonListCommand(context: TurnContext, deps: AppDeps & { rules: EscalationRules }, reason: 'overdue' | 'red'): Promise<void> {
  const entries = await listByReason(deps, await sender(context, deps), reason, deps.rules);
  const card = reason === 'overdue' ? reasonListCard('Overdue check-ins', entries, 'Nothing is overdue.') : reasonListCard('Rated Red this period', entries, 'Nothing is rated Red this period.');
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
}

/** `history <priority> [from <period>] [to <period>]`. */
export async function onHistoryCommand(context: TurnContext, deps: AppDeps, query: string, from?: string, to?: string): Promise<void> {
  const result = await priorityHistory(deps, await sender(context, deps), query, from, to);
  const card = result.kind === 'history' ? historyCard(result.view, deps.board.timeZone) : result.kind === 'pick' ? pickPriorityCard(result.priorities, 'status', result.strategyTitles, query) : noMatchCard(result.query, result.suggestions, result.strategyTitles);
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
}
