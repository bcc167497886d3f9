import { CardFactory, TurnContext } from 'botbuilder';
import type { AppDeps } from '../../app/deps';
import { welcome } from '../../app/people';
import { welcomeCard } from '../../cards/welcome-card';
import { conversationKey } from '../identity';
import { sender } from './sender';

const WELCOME_AGAIN_AFTER_MS = 10 * 60_000;

/**
 * Install: remember where to reach this person later, and say hello once. Teams sends both an
 * installationUpdate and a conversationUpdate for one install; the second only refreshes the
 * conversation reference.
 */
export async function onInstall(context: TurnContext, deps: AppDeps): Promise<void> {
  const who = await sender(context, deps);
  const view = await welcome(deps, who);
  const key = conversationKey(context);
  const now = deps.clock.now();
  const before = await deps.conversations.get(key);
  // A chat the bot opened itself (from a team roster, or through Graph) was welcomed then, and an
  // install later is the same chat: saying hello again would be noise.
  const openedByBot = before?.origin === 'roster' || before?.origin === 'graph';
  const welcomedRecently = before?.welcomedAt !== undefined && (openedByBot || now.getTime() - Date.parse(before.welcomedAt) < WELCOME_AGAIN_AFTER_MS);
  await deps.conversations.put({
    key,
    ...(view.person ? { personId: view.person.id } : {}),
    reference: TurnContext.getConversationReference(context.activity),
    updatedAt: now.toISOString(),
    welcomedAt: welcomedRecently ? before!.welcomedAt! : now.toISOString(),
    // How the chat came to exist stays as it was: a roster-opened chat the person installs into is still that chat.
    origin: before?.origin ?? 'installed',
  });
  if (!welcomedRecently) await context.sendActivity({ attachments: [CardFactory.adaptiveCard(welcomeCard(view))] });
}
