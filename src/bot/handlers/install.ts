import { CardFactory, TurnContext } from 'botbuilder';
import type { AppDeps } from '../../app/deps';
import { welcome } from '../../app/people';
import { welcomeCard } from '../../cards/welcome-card';
import { conversationKey } from '../identity';
import { sender } from './sender';

/** Install: remember where to reach this person (or channel) later, and say hello. */
export async function onInstall(context: TurnContext, deps: AppDeps): Promise<void> {
  const who = await sender(context, deps);
  const view = await welcome(deps, who);
  await deps.conversations.put({
    key: conversationKey(context),
    ...(view.person ? { personId: view.person.id } : {}),
    reference: TurnContext.getConversationReference(context.activity),
    updatedAt: deps.clock.now().toISOString(),
  });
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(welcomeCard(view))] });
}
