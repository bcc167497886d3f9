import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { Identity } from '../domain/person';
import { personalChatKey } from '../domain/personal-chat';

/**
 * Who sent this activity, from the channel's authenticated `from`. When the Entra object id
 * alone does not identify them, the connector is asked for the member's email, as Teams bots do.
 * Nothing here reads the card's data.
 */
export function senderIdentity(context: TurnContext): Identity {
  const from = context.activity.from ?? {};
  const who: Identity = {};
  if (from.aadObjectId) who.aadObjectId = from.aadObjectId;
  if (from.name) who.name = from.name;
  return who;
}

/** Turn state: whether this turn may match its sender by email (set by the bot from its tenant settings). */
export const EMAIL_MATCHING = Symbol('emailMatching');

export async function withEmail(context: TurnContext, who: Identity): Promise<Identity> {
  if (who.email || !context.activity.from?.id) return who;
  // An email is only trusted within the board's own tenants: elsewhere anyone can own that address.
  if (context.turnState.get(EMAIL_MATCHING) === false) return who;
  try {
    const member = await TeamsInfo.getMember(context, context.activity.from.id);
    const email = member.email ?? member.userPrincipalName;
    return email ? { ...who, email } : who;
  } catch {
    // Outside Teams (or when the member lookup is refused) the object id is all we have.
    return who;
  }
}

/** Conversation key for a person's personal chat, or a channel. */
export function conversationKey(context: TurnContext): string {
  const a = context.activity;
  if (a.conversation?.conversationType === 'channel' || a.conversation?.isGroup) return `channel:${a.conversation.id}`;
  return personalChatKey({ aadObjectId: a.from?.aadObjectId, id: a.from?.id });
}
