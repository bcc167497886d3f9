import { CardFactory, type TurnContext } from 'botbuilder';
import type { AppDeps } from '../../app/deps';
import { reachView } from '../../app/reach';
import { reachCard } from '../../cards/reach-card';
import { sender } from './sender';

/** `reach` (board managers): every lead, deputy and board manager, and how the bot reaches them. */
export async function onReachCommand(context: TurnContext, deps: AppDeps & { graphConfigured: boolean; emailOff?: boolean }): Promise<void> {
  const { rows, noLead } = await reachView(deps, await sender(context, deps), deps.graphConfigured, { emailOff: deps.emailOff === true });
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(reachCard(rows, noLead))] });
}
