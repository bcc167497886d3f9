import { managesBoard, type Board } from './board';
import { managersOf, withManagement } from './board-people';
import { DomainError } from './errors';
import type { Person } from './person';
import { projectUnits } from './project';
import type { Priority, ReportingUnit } from './strategy';

/**
 * Retiring a person (issue 22): a manager takes someone off every priority and project they lead
 * or deputise on the boards the manager manages, and off those boards' managers. Pure: the use
 * case in src/app/retire-person.ts reads, plans with this, and writes on each board's version.
 */

/** One role a person holds: lead or deputy of a priority, or of one of a workstream's projects. */
export interface RoleHeld {
  boardKey: string;
  /** The stored priority (the workstream, for a project). */
  priority: Priority;
  /** The priority's key, or "<workstream>~<project>". */
  unitKey: string;
  /** The priority or project as a reported unit, for its name. */
  unit: ReportingUnit;
  role: 'lead' | 'deputy';
  /** Who holds the role now, the person among them. */
  holders: string[];
  /** Who holds the role after the person goes (empty: "No lead" / "No deputy"). */
  others: string[];
}

/** Every role `personId` holds among `priorities` (each with its board), in the order given. */
export function rolesHeld(personId: string, priorities: readonly Priority[], boardOfPriority: (p: Priority) => string): RoleHeld[] {
  const out: RoleHeld[] = [];
  for (const priority of priorities) {
    const boardKey = boardOfPriority(priority);
    const units: { unitKey: string; unit: ReportingUnit; leads: readonly string[]; deputies: readonly string[] }[] = [
      { unitKey: priority.key, unit: priority, leads: priority.leads, deputies: priority.deputies },
      ...projectUnits(priority).map((unit) => {
        const project = priority.projects!.find((x) => x.key === unit.workstream!.projectKey)!;
        return { unitKey: unit.key, unit, leads: project.leads ?? [], deputies: project.deputies ?? [] };
      }),
    ];
    for (const u of units) {
      for (const role of ['lead', 'deputy'] as const) {
        const ids = role === 'lead' ? u.leads : u.deputies;
        if (ids.includes(personId)) out.push({ boardKey, priority, unitKey: u.unitKey, unit: u.unit, role, holders: [...ids], others: ids.filter((id) => id !== personId) });
      }
    }
  }
  return out;
}

export interface RetirementPlan {
  /** The person as stored after: no longer managing the sender's boards; `retired` when nothing is left anywhere. */
  person: Person;
  /** The roles taken away (on the boards the sender manages). */
  removed: RoleHeld[];
  /** The roles left alone: on boards the sender does not manage. */
  kept: RoleHeld[];
  /** Boards they stop managing. */
  leaves: string[];
  /** Boards they still manage (the sender does not manage them). */
  stillManages: string[];
  /** The stored priorities with the person taken off, one per priority changed. */
  priorities: Priority[];
  retiredEverywhere: boolean;
}

/**
 * What retiring `person` by a manager of `senderBoards` does. Refused when it would leave one of
 * those boards without a manager, when the person holds nothing there but does elsewhere (only
 * that board's managers may), and when they hold nothing at all.
 */
export function planRetirement(person: Person, held: readonly RoleHeld[], people: readonly Person[], senderBoards: readonly string[], boards: readonly Board[], date: string): RetirementPlan {
  const nameOf = (key: string) => boards.find((b) => b.key === key)?.name ?? key;
  const mine = new Set(senderBoards);
  const removed = held.filter((r) => mine.has(r.boardKey));
  const kept = held.filter((r) => !mine.has(r.boardKey));
  const managed = boards.map((b) => b.key).filter((k) => managesBoard(person, k));
  const leaves = managed.filter((k) => mine.has(k));
  const stillManages = managed.filter((k) => !mine.has(k));
  for (const key of leaves) {
    if (managersOf(people, key).length === 1) throw new DomainError('LAST_MANAGER', `${person.id} is the last manager of ${key}`, { person: person.name, board: nameOf(key), then: 'retire them' });
  }
  if (removed.length === 0 && leaves.length === 0) {
    const elsewhere = [...new Set([...kept.map((r) => r.boardKey), ...stillManages])];
    if (elsewhere.length > 0) throw new DomainError('NOT_BOARD_MANAGER', `${person.id} holds roles only on ${elsewhere.join(', ')}`, { action: `retire ${person.name}: what they lead, deputise or manage is on ${elsewhere.map(nameOf).join(' and ')}, which only its own managers can change` });
    throw new DomainError('NOTHING_TO_CHANGE', `${person.id} holds nothing`, { what: `${person.name}, who leads, deputises and manages nothing on your boards`, person: person.name });
  }
  // Several roles on one stored priority (a workstream and its projects) are applied to it in turn.
  const changed = new Map<string, Priority>();
  for (const r of removed) {
    const id = `${r.priority.strategyKey}/${r.priority.key}`;
    changed.set(id, without(changed.get(id) ?? r.priority, r, person.id));
  }
  let after: Person = person;
  for (const key of leaves) after = withManagement(after, key, false, boards.map((b) => b.key));
  const retiredEverywhere = kept.length === 0 && stillManages.length === 0;
  if (retiredEverywhere) after = { ...after, retired: date };
  return { person: after, removed, kept, leaves, stillManages, priorities: [...changed.values()], retiredEverywhere };
}

function without(priority: Priority, r: RoleHeld, personId: string): Priority {
  const field = r.role === 'lead' ? 'leads' : 'deputies';
  if (r.unitKey === priority.key) return { ...priority, [field]: priority[field].filter((id) => id !== personId) };
  const projectKey = r.unit.workstream!.projectKey;
  return { ...priority, projects: (priority.projects ?? []).map((p) => (p.key === projectKey ? { ...p, [field]: (p[field] ?? []).filter((id) => id !== personId) } : p)) };
}

/** A retired person named again as a lead, deputy or manager is back: the mark goes. */
export function returned(person: Person): Person {
  if (person.retired === undefined) return person;
  const back = { ...person };
  delete back.retired;
  return back;
}
