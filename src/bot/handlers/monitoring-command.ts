import { CardFactory, type TurnContext } from 'botbuilder';
import type { AppDeps } from '../../app/deps';
import { monitoringSheet } from '../../app/monitoring';
import { monitoringCard } from '../../cards/monitoring-card';
import { sender } from './sender';

/** `monitoring <workstream>` → the workstream's monitoring sheet as a card. */
export async function onMonitoringCommand(context: TurnContext, deps: AppDeps, query: string): Promise<void> {
  const sheet = await monitoringSheet(deps, await sender(context, deps), query);
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(monitoringCard(sheet))] });
}
