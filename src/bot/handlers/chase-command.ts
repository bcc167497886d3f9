import { CardFactory, type TurnContext } from 'botbuilder';
import type { AppDeps } from '../../app/deps';
import { chaseLeads } from '../../app/chase';
import type { CycleDeps } from '../../app/reporting-cycle';
import { chaseCard } from '../../cards/chase-card';
import { sender } from './sender';

/** `chase [priority | board]` (board managers): the leads reminded now, through the cycle's outbox and routes. */
export async function onChaseCommand(context: TurnContext, deps: AppDeps & { cycle: () => CycleDeps }, query: string): Promise<void> {
  const view = await chaseLeads(deps.cycle(), await sender(context, deps), query);
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(chaseCard(view))] });
}
