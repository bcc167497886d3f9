import { managesBoard } from './board';
import type { Person } from './person';
import type { Cover } from './ports';
import type { Priority } from './strategy';

/**
 * Who may see and who may answer, decided from stored data only (people, priorities, cover),
 * never from anything a card or a link carries. The one copy of these rules.
 */

/** A board's managers see every priority of that board; a lead or deputy sees their own. */
export function maySee(person: Pick<Person, 'id' | 'boardManager' | 'manages'>, priority: Pick<Priority, 'leads' | 'deputies'>, boardKey: string): boolean {
  return managesBoard(person, boardKey) || priority.leads.includes(person.id) || priority.deputies.includes(person.id);
}

/**
 * Whether `personId` may answer for `priority`, and for whom: its lead, a deputy, or whoever a
 * lead named to cover while away (`covers` are today's).
 */
export function answerRole(personId: string, priority: Pick<Priority, 'leads' | 'deputies'>, covers: readonly Cover[]): { may: boolean; onBehalfOf?: string } {
  if (priority.leads.includes(personId)) return { may: true };
  const covered = covers.find((c) => c.deputyId === personId && priority.leads.includes(c.personId));
  if (covered) return { may: true, onBehalfOf: covered.personId };
  if (priority.deputies.includes(personId)) return priority.leads[0] ? { may: true, onBehalfOf: priority.leads[0] } : { may: true };
  return { may: false };
}

/**
 * Who gets a lead's reminder today: the lead, or while they are away the deputy they named,
 * else the priority's first deputy, else still the lead.
 */
export function reminderRecipient(leadId: string, priority: Pick<Priority, 'deputies'>, covers: readonly Cover[]): string {
  const cover = covers.find((c) => c.personId === leadId);
  return cover ? (cover.deputyId ?? priority.deputies[0] ?? leadId) : leadId;
}
