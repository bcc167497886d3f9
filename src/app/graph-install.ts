import type { Person } from '../domain/person';
import type { AppInstaller, ConversationRecord, ConversationStore, ReachStore } from '../domain/ports';
import { RETRY_REFUSED_AFTER_MS, recordFailure, withoutFailure } from './roster';

/**
 * GRAPH_ENABLED=true: before the cycle plans reminders, each lead it is about to remind who has an
 * Entra object id but no personal chat (none installed, none opened from a board team's roster)
 * gets the app installed through Microsoft Graph, and the personal chat that gives is stored as an
 * install would store it, so the reminder goes by Teams. A refusal (403: no admin consent, the
 * app not in the catalogue) is recorded as the person's last failure, so `reach` says why, and is
 * not asked again for a week, as with a refused roster chat; a 429 that outlasts the installer's
 * own Retry-After waits is recorded nowhere: the next cycle asks again.
 * `chats` and `failures` (the snapshot's maps) are updated in place.
 */
export async function installForLeadsWithoutChat(
  deps: { installer: AppInstaller; conversations: ConversationStore; reach: ReachStore },
  leads: readonly Person[],
  chats: Map<string, ConversationRecord>,
  failures: Map<string, { at: string; note: string }>,
  now: Date,
): Promise<void> {
  for (const person of leads) {
    if (!person.aadObjectId || chats.has(person.id)) continue;
    const failure = failures.get(person.id);
    if (failure && now.getTime() - Date.parse(failure.at) < RETRY_REFUSED_AFTER_MS) continue;
    // One at a time: Graph throttles per app, and the installer waits out each 429 itself.
    const outcome = await deps.installer.install({ id: person.id, aadObjectId: person.aadObjectId });
    if (outcome.kind === 'installed') {
      await deps.conversations.put(outcome.conversation);
      await deps.reach.put(withoutFailure(await deps.reach.get(person.id), person.id, now));
      chats.set(person.id, outcome.conversation);
      failures.delete(person.id);
    } else if (outcome.kind === 'refused') {
      await recordFailure(deps.reach, person.id, outcome.reason, now);
      failures.set(person.id, { at: now.toISOString(), note: outcome.reason });
    }
  }
}
