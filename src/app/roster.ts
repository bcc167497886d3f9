import { matchPerson, type Person } from '../domain/person';
import type { ConversationRecord, ConversationStore, ReachRecord, ReachStore, RosterSync, RosterSyncReport } from '../domain/ports';
import { isPersonalChat, personalChatKey } from '../domain/personal-chat';

/**
 * Reaching people who never opened the bot: when the bot is in a board team, the team's roster
 * says who is there, and the bot may open a personal chat with each of them. This module decides
 * who needs one; the Teams adapter reads the roster and opens the chats.
 */

/** A member of a team's roster, as Teams lists it. */
export interface RosterMember {
  /** Teams user id ("29:…"): what opening a chat needs. */
  id: string;
  name?: string;
  aadObjectId?: string;
  email?: string;
  userPrincipalName?: string;
}

export interface ChatToOpen {
  person: Person;
  member: RosterMember;
  /** The conversation key an install by this person would use, so both find the same record. */
  key: string;
}

export interface RosterPlan {
  open: ChatToOpen[];
  /** Reach records to store: who this team's roster lists now, and who it no longer lists. */
  reach: ReachRecord[];
}

/** Stored team records: `team:<team id>`, the team's conversation reference (no person). */
export const TEAM_KEY_PREFIX = 'team:';

export function teamKey(teamId: string): string {
  return `${TEAM_KEY_PREFIX}${teamId}`;
}

/**
 * A refusal (a 403: the user is outside the tenant) is final for a while: members join the team
 * often and each join re-reads the roster, and asking again every time would only repeat it.
 * A week on, the daily read tries again (the tenant or the user may have changed).
 */
export const RETRY_REFUSED_AFTER_MS = 7 * 24 * 60 * 60_000;

/** Matches a roster member to the people list: object id, then email, then UPN (case-insensitive). */
export function personOfMember(people: readonly Person[], member: RosterMember): Person | undefined {
  return (
    matchPerson(people, { ...(member.aadObjectId ? { aadObjectId: member.aadObjectId } : {}), ...(member.email ? { email: member.email } : {}) }) ??
    (member.userPrincipalName ? matchPerson(people, { email: member.userPrincipalName }) : undefined)
  );
}

/**
 * Who in this team's roster needs a personal chat opened: people the board knows, with no
 * personal chat stored (installed or opened earlier), and not refused within the last week.
 * Pure: fed the roster, the people list, the stored chats and reach records.
 */
export function planRosterChats(input: { teamId: string; members: readonly RosterMember[]; people: readonly Person[]; conversations: readonly ConversationRecord[]; reach: readonly ReachRecord[]; now: Date }): RosterPlan {
  const { teamId, now } = input;
  const inRoster = new Map<string, RosterMember>();
  for (const member of input.members) {
    const person = personOfMember(input.people, member);
    if (person && !inRoster.has(person.id)) inRoster.set(person.id, member);
  }
  const chatKeys = new Set(input.conversations.map((c) => c.key));
  const withChat = new Set(input.conversations.filter(isPersonalChat).map((c) => c.personId));
  const before = new Map(input.reach.map((r) => [r.personId, r]));
  const open: ChatToOpen[] = [];
  const reach: ReachRecord[] = [];
  for (const person of input.people) {
    const member = inRoster.get(person.id);
    const prior = before.get(person.id);
    const otherTeams = (prior?.teams ?? []).filter((t) => t !== teamId);
    if (!member && !prior?.teams.includes(teamId)) continue;
    const record: ReachRecord = { personId: person.id, teams: member ? [...otherTeams, teamId] : otherTeams, updatedAt: now.toISOString() };
    const memberId = member?.id ?? prior?.memberId;
    if (memberId) record.memberId = memberId;
    if (prior?.lastFailure) record.lastFailure = prior.lastFailure;
    reach.push(record);
    if (!member) continue;
    const key = personalChatKey(member);
    if (withChat.has(person.id) || chatKeys.has(key)) continue;
    const refusedRecently = prior?.lastFailure !== undefined && now.getTime() - Date.parse(prior.lastFailure.at) < RETRY_REFUSED_AFTER_MS;
    if (refusedRecently) continue;
    open.push({ person, member, key });
  }
  return { open, reach };
}

/** The reach record after a final failure to reach `personId` (a refused chat, a refused send). */
export function withFailure(record: ReachRecord | undefined, personId: string, note: string, now: Date): ReachRecord {
  return { ...(record ?? { personId, teams: [] }), lastFailure: { at: now.toISOString(), note: note.slice(0, 500) }, updatedAt: now.toISOString() };
}

/** The reach record once a chat is open: an earlier failure no longer says anything. */
export function withoutFailure(record: ReachRecord | undefined, personId: string, now: Date): ReachRecord {
  const next: ReachRecord = { ...(record ?? { personId, teams: [] }), updatedAt: now.toISOString() };
  delete next.lastFailure;
  return next;
}

export async function recordFailure(reach: ReachStore, personId: string, note: string, now: Date): Promise<void> {
  await reach.put(withFailure(await reach.get(personId), personId, note, now));
}

/**
 * The daily re-read: every board team the bot was installed in, one after another (the connector
 * paces the requests anyway). One team's failure is logged by the caller and does not stop the rest.
 */
export async function syncAllRosters(deps: { conversations: ConversationStore; roster: RosterSync }): Promise<{ reports: RosterSyncReport[]; errors: { teamKey: string; error: unknown }[] }> {
  const teams = (await deps.conversations.list()).filter((c) => c.key.startsWith(TEAM_KEY_PREFIX));
  const reports: RosterSyncReport[] = [];
  const errors: { teamKey: string; error: unknown }[] = [];
  for (const team of teams) {
    try {
      reports.push(await deps.roster.syncTeam(team));
    } catch (error) {
      errors.push({ teamKey: team.key, error });
    }
  }
  return { reports, errors };
}
