/** People the bot knows: leads, deputies and board managers, matched to Teams users. */
export interface Person {
  id: string;
  name: string;
  email?: string;
  aadObjectId?: string;
  /** The organisation they work for (an NHS trust, the ICB, a charity), shown on cards and in `reach`. */
  organisation?: string;
  /** Manages at least one board. */
  boardManager: boolean;
  /** Keys of the boards they manage; absent on a board manager means every board of the install. */
  manages?: string[];
  /**
   * The board-local date a manager retired them from every board: no roles left, no reminders.
   * Kept (not deleted) so history and past answers still carry their name.
   */
  retired?: string;
}

/** Who is talking to the bot, as the authenticated channel says. */
export interface Identity {
  aadObjectId?: string;
  email?: string;
  name?: string;
  /** The person these matched, when the adapter already looked them up this turn (saves a second lookup). */
  known?: Person;
}

/** Matches by Entra object id first, then by email/UPN (case-insensitive). */
export function matchPerson(people: readonly Person[], who: Identity): Person | undefined {
  if (who.aadObjectId) {
    const byId = people.find((p) => p.aadObjectId?.toLowerCase() === who.aadObjectId!.toLowerCase());
    if (byId) return byId;
  }
  if (who.email) {
    const email = who.email.toLowerCase();
    return people.find((p) => p.email?.toLowerCase() === email);
  }
  return undefined;
}

/** Names for person ids; an id nobody has is shown as it is. */
export function namesOf(people: ReadonlyMap<string, Pick<Person, 'name'>>, ids: readonly string[]): string[] {
  return ids.map((id) => people.get(id)?.name ?? id);
}
