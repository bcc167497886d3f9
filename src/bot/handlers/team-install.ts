import { CardFactory, type TurnContext } from 'botbuilder';
import type { AppDeps } from '../../app/deps';
import { teamInstalled } from '../../app/board-channel';
import { teamWelcomeCard } from '../../cards/board-channel-card';
import type { Notifier } from '../../domain/ports';
import { channelClaim, channelOutcomeCard } from './board-channel-claim';
import { sender } from './sender';

/** The app was added to a team: the use case decides between the board's channel, a welcome, or nothing to say. */
export async function onTeamInstall(context: TurnContext, deps: AppDeps & { notifier: Notifier }): Promise<void> {
  const outcome = await teamInstalled(deps, await sender(context, deps), channelClaim(context));
  if (outcome.kind === 'nothing-new') return;
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(outcome.kind === 'welcome' ? teamWelcomeCard() : channelOutcomeCard(outcome))] });
}
