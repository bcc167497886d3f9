import type { Person } from './person';
import type { Strategy } from './strategy';

/**
 * A Health and Wellbeing Board: its strategies, its managers, its digest channel and schedule.
 * One install may serve several boards (several in one county, or an ICS serving three); every
 * view a manager asks for covers their board, never another's.
 */
export interface Board {
  key: string;
  name: string;
  /** When this board's digest is posted (0 = Sunday); the install's default where absent. */
  digestWeekday?: number;
  digestTime?: string;
}

/** A board key from its name: "Leicester City Health and Wellbeing Board" → "leicester-city". */
export function boardKeyFor(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/health and wellbeing board|hwb/g, ' ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug === '' ? 'board' : slug;
}

/** The board a strategy belongs to (stored data from before boards were first-class has only the name). */
export function boardOf(strategy: Pick<Strategy, 'board' | 'boardKey'>): string {
  return strategy.boardKey ?? boardKeyFor(strategy.board);
}

/**
 * Whether `person` manages `boardKey`. A person marked a board manager without naming boards
 * (a single-board install's people file) manages every board of the install.
 */
export function managesBoard(person: Pick<Person, 'boardManager' | 'manages'>, boardKey: string): boolean {
  return person.manages ? person.manages.includes(boardKey) : person.boardManager;
}

/** The boards `person` manages, of those given, in the order given. */
export function boardsManagedBy<B extends Pick<Board, 'key'>>(person: Pick<Person, 'boardManager' | 'manages'>, boards: readonly B[]): B[] {
  return boards.filter((b) => managesBoard(person, b.key));
}

/** Where a board's digest channel is kept in the conversation store. */
export function boardChannelKey(boardKey: string): string {
  return `board-channel:${boardKey}`;
}

/** Every board of the install: those stored, then any a strategy names that has no record (defaults). */
export function boardsOf(stored: readonly Board[], strategies: readonly Pick<Strategy, 'board' | 'boardKey'>[]): Board[] {
  const out = new Map(stored.map((b) => [b.key, b]));
  for (const s of strategies) {
    const key = boardOf(s);
    if (!out.has(key)) out.set(key, { key, name: s.board });
  }
  return [...out.values()].sort((a, b) => a.name.localeCompare(b.name));
}
