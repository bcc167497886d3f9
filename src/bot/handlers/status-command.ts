import { CardFactory, type TurnContext } from 'botbuilder';
import type { AppDeps } from '../../app/deps';
import { findStatus } from '../../app/status';
import { noMatchCard, pickPriorityCard } from '../../cards/pick-priority-card';
import { statusCard } from '../../cards/status-card';
import { sender } from './sender';

/** `status <priority>` → the status card, a pick list, or the nearest suggestions. */
export async function onStatusCommand(context: TurnContext, deps: AppDeps, query: string): Promise<void> {
  const result = await findStatus(deps, await sender(context, deps), query);
  const card =
    result.kind === 'status' ? statusCard(result.view, deps.board.timeZone) : result.kind === 'pick' ? pickPriorityCard(result.priorities, 'status', result.strategyTitles, query) : noMatchCard(result.query, result.suggestions, result.strategyTitles);
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
}
