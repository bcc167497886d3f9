import type { Identity } from '../domain/person';
import type { AppDeps } from './deps';
import { welcome, type WelcomeView } from './people';

/**
 * The app installed in a personal chat (Teams sends an installationUpdate and a conversationUpdate
 * for one install, in either order, at once or apart, possibly to different instances): the chat
 * is remembered, and the person is welcomed once per install. The welcome mark is a conditional
 * create in storage, so whichever event writes it first sends the welcome, and no other does.
 */
export async function recordInstall(deps: AppDeps, who: Identity, chat: { key: string; reference: unknown }): Promise<{ welcome?: WelcomeView }> {
  const view = await welcome(deps, who);
  const now = deps.clock.now().toISOString();
  const before = await deps.conversations.get(chat.key);
  // A chat the bot opened itself (from a team roster, or through Graph) was welcomed then.
  const openedByBot = before?.origin === 'roster' || before?.origin === 'graph';
  await deps.conversations.put({
    key: chat.key,
    ...(view.person ? { personId: view.person.id } : {}),
    reference: chat.reference,
    updatedAt: now,
    ...(before?.welcomedAt ? { welcomedAt: before.welcomedAt } : {}),
    // How the chat came to exist stays as it was: a roster-opened chat the person installs into is still that chat.
    origin: before?.origin ?? 'installed',
  });
  const first = await deps.conversations.markWelcomed(chat.key, now);
  if (!first || (openedByBot && before?.welcomedAt !== undefined)) return {};
  return { welcome: view };
}

/** The welcome could not be sent: the mark is taken back, so the next install event tries again. */
export async function welcomeFailed(deps: AppDeps, key: string): Promise<void> {
  await deps.conversations.clearWelcomed(key);
}

/** The app removed from the chat: a later install is a new one, and is welcomed. */
export async function recordUninstall(deps: AppDeps, key: string): Promise<void> {
  await deps.conversations.clearWelcomed(key);
}
