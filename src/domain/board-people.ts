import { managesBoard } from './board';
import { DomainError } from './errors';
import type { Person } from './person';
import { parseProjectUnitKey } from './project';
import type { Priority } from './strategy';

/**
 * Who leads, deputises and manages a board, changed by its managers in Teams (issue 22). Pure:
 * the use case in src/app/board-people.ts reads, checks with these, and writes on the version it read.
 */
export type PeopleRole = 'lead' | 'deputy' | 'manager';
/** `set`: this person only (replaces whoever held it); `add`: one more; `remove`: this one goes. */
export type PeopleOp = 'set' | 'add' | 'remove';

/** The audit subject of a change: "lead of <priorityRef>", "deputy of <priorityRef>", "managers". */
export function changeSubject(role: PeopleRole, unitRef?: string): string {
  return role === 'manager' ? 'managers' : `${role} of ${unitRef ?? ''}`;
}

/** The subjects' prefixes `history people` reads back (the calendar's changes share the log). */
export const PEOPLE_SUBJECT_PREFIXES = ['lead of ', 'deputy of ', 'managers'] as const;

/** A list of person ids after the change; refused when the change would change nothing. */
export function changedList(current: readonly string[], op: PeopleOp, personId: string, what: string): string[] {
  switch (op) {
    case 'set':
      if (current.length === 1 && current[0] === personId) throw new DomainError('NOTHING_TO_CHANGE', `${personId} already the only ${what}`, { what });
      return [personId];
    case 'add':
      if (current.includes(personId)) throw new DomainError('NOTHING_TO_CHANGE', `${personId} already ${what}`, { what });
      return [...current, personId];
    case 'remove':
      if (!current.includes(personId)) throw new DomainError('NOTHING_TO_CHANGE', `${personId} is not ${what}`, { what });
      return current.filter((id) => id !== personId);
  }
}

/** The leads or deputies of a priority, or of one of its projects (`unitKey` "<workstream>~<project>"). */
export function assignedTo(priority: Priority, unitKey: string, role: 'lead' | 'deputy'): string[] {
  const project = parseProjectUnitKey(unitKey);
  const holder = project ? priority.projects?.find((p) => p.key === project.projectKey) : priority;
  if (!holder) throw new DomainError('PRIORITY_NOT_FOUND', `no project ${unitKey}`, { query: unitKey.slice(0, 80) });
  return [...((role === 'lead' ? holder.leads : holder.deputies) ?? [])];
}

/** The priority with the leads or deputies of itself or one of its projects replaced. */
export function withAssigned(priority: Priority, unitKey: string, role: 'lead' | 'deputy', ids: string[]): Priority {
  const project = parseProjectUnitKey(unitKey);
  const field = role === 'lead' ? 'leads' : 'deputies';
  if (!project) return { ...priority, [field]: ids };
  return { ...priority, projects: (priority.projects ?? []).map((p) => (p.key === project.projectKey ? { ...p, [field]: ids } : p)) };
}

/** The board's managers, in name order. */
export function managersOf(people: readonly Person[], boardKey: string): Person[] {
  return people.filter((p) => managesBoard(p, boardKey)).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The person managing `boardKey` or not. A manager of "every board" (no list) gets the list made
 * explicit first, so that taking one board away leaves them the others.
 */
export function withManagement(person: Person, boardKey: string, manages: boolean, allBoardKeys: readonly string[]): Person {
  const current = person.manages ?? (person.boardManager ? [...allBoardKeys] : []);
  const next = manages ? [...new Set([...current, boardKey])] : current.filter((k) => k !== boardKey);
  return { ...person, manages: next, boardManager: next.length > 0 };
}

/** Names in words for the audit trail and the cards: "No lead" when nobody. */
export function namesInWords(ids: readonly string[], people: ReadonlyMap<string, Pick<Person, 'name'>>, nobody: string): string {
  return ids.length === 0 ? nobody : ids.map((id) => people.get(id)?.name ?? id).join(', ');
}

/** A person id from a name: "Kay Darby" → "kay-darby", "-2" and on when taken. */
export function newPersonId(name: string, taken: (id: string) => boolean): string {
  const base =
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'person';
  let id = base;
  for (let n = 2; taken(id); n++) id = `${base}-${n}`;
  return id;
}

/** A name guessed from an email address, for the card to offer: "kay.darby@example.org" → "Kay Darby". */
export function nameFromEmail(email: string): string {
  return (email.split('@')[0] ?? '')
    .split(/[._-]+/)
    .filter((w) => w !== '')
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ');
}

export function looksLikeEmail(text: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text.trim());
}
