import type { Person } from './person';

/**
 * How the bot reaches a person, decided from stored facts only. A Teams chat wins (it is where
 * the check-in card works best); a person with no chat but an email address is reached by email
 * with a personal web link; anyone else cannot be reached, and the reason is said plainly.
 */

/** How a personal Teams chat came to exist. */
export type ChatOrigin = 'installed' | 'roster' | 'graph';

export type Route =
  | { kind: 'teams'; origin: ChatOrigin }
  | { kind: 'email'; address: string }
  | { kind: 'none'; reasons: string[] };

export interface ReachFacts {
  /** The person's personal chat with the bot, if one is stored. */
  chat?: { origin?: ChatOrigin };
  /** Whether the person appears in a board team's roster the bot has read. */
  inTeamRoster?: boolean;
  /** Whether Microsoft Graph is configured to install the app for people in neither place. */
  graphConfigured: boolean;
  /** The last send to this person failed finally (e.g. "403: user not in tenant"). */
  lastFailure?: string;
  /** EMAIL=off: the board accepts that people with only an email address are not reached. */
  emailOff?: boolean;
}

export function routeFor(person: Pick<Person, 'email'>, facts: ReachFacts): Route {
  if (facts.chat && !facts.lastFailure) return { kind: 'teams', origin: facts.chat.origin ?? 'installed' };
  if (person.email && !facts.emailOff) return { kind: 'email', address: person.email };
  const reasons: string[] = [];
  if (facts.lastFailure) reasons.push(`last send failed: ${facts.lastFailure}`);
  if (!facts.chat) reasons.push(facts.inTeamRoster ? 'in the board team but no chat could be opened' : 'not in the board team');
  if (!facts.graphConfigured) reasons.push('Graph not configured');
  reasons.push(person.email && facts.emailOff ? 'email is off (EMAIL=off)' : 'no email address');
  return { kind: 'none', reasons };
}

/**
 * The last final failure to reach someone, if it still counts: a failure older than the chat
 * stored since (a reinstall, a chat opened later) says nothing now.
 */
export function standingFailure(failure: { at: string; note: string } | undefined, chat: { updatedAt: string } | undefined): string | undefined {
  if (!failure) return undefined;
  return !chat || Date.parse(failure.at) >= Date.parse(chat.updatedAt) ? failure.note : undefined;
}

/** Words for a route, for the `reach` table (chat and CLI alike). */
export function describeRoute(route: Route): string {
  switch (route.kind) {
    case 'teams':
      return route.origin === 'installed' ? 'Teams chat (installed the app)' : route.origin === 'roster' ? 'Teams chat (opened from the team roster)' : 'Teams chat (installed through Graph)';
    case 'email':
      return `email (${route.address})`;
    case 'none':
      return `not reachable: ${route.reasons.join('; ')}`;
  }
}
