import { CardFactory, TurnContext } from 'botbuilder';
import type { AppDeps } from '../../app/deps';
import { recordInstall, recordUninstall, welcomeFailed } from '../../app/install';
import { welcomeCard } from '../../cards/welcome-card';
import { conversationKey } from '../identity';
import { sender } from './sender';

/** Install: remember where to reach this person later; the use case says whether to welcome (once per install). */
export async function onInstall(context: TurnContext, deps: AppDeps): Promise<void> {
  const key = conversationKey(context);
  const { welcome } = await recordInstall(deps, await sender(context, deps), { key, reference: TurnContext.getConversationReference(context.activity) });
  if (!welcome) return;
  try {
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(welcomeCard(welcome))] });
  } catch (e) {
    await welcomeFailed(deps, key);
    throw e;
  }
}

/** The app removed from a personal chat: the next install is welcomed again. */
export async function onUninstall(context: TurnContext, deps: AppDeps): Promise<void> {
  await recordUninstall(deps, conversationKey(context));
}
