import { CardFactory, type TurnContext } from 'botbuilder';
import type { AppDeps } from '../../app/deps';
import { startCheckIn } from '../../app/check-in';
import { checkInCard } from '../cards/check-in-card';
import { pickPriorityCard } from '../cards/pick-priority-card';
import { sender } from './sender';

/** `checkin [priority]` → the check-in card, or a card to pick the priority. */
export async function onCheckInCommand(context: TurnContext, deps: AppDeps, query: string): Promise<void> {
  const result = await startCheckIn(deps, await sender(context, deps), query);
  const card = result.kind === 'card' ? checkInCard(result.view) : pickPriorityCard(result.priorities, 'checkin', result.strategyTitles);
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
}
