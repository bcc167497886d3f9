import type { ConversationRecord } from './ports';

const PERSONAL_CHAT_PREFIX = 'user:';

/**
 * The conversation-store key of a person's personal chat: their Entra object id, else their Teams
 * user id. One rule for an install, a chat opened from a team's roster and one opened through Graph,
 * so the same person's chat is stored once whichever way it came.
 */
export function personalChatKey(user: { aadObjectId?: string | undefined; id?: string | undefined }): string {
  return `${PERSONAL_CHAT_PREFIX}${user.aadObjectId ?? user.id}`;
}

/** A stored personal chat of a known person (not a channel, not a board's digest channel). */
export function isPersonalChat<R extends Pick<ConversationRecord, 'key' | 'personId'>>(record: R): record is R & { personId: string } {
  return record.personId !== undefined && record.personId !== '' && record.key.startsWith(PERSONAL_CHAT_PREFIX);
}
