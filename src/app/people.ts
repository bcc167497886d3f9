import { DomainError } from '../domain/errors';
import { matchPerson, type Identity, type Person } from '../domain/person';
import { localDate } from '../domain/period';
import type { Cover } from '../domain/ports';
import { isStrategyLive, type Priority } from '../domain/strategy';
import type { AppDeps } from './deps';

export async function identify(deps: AppDeps, who: Identity): Promise<Person | undefined> {
  return matchPerson(await deps.people.listPeople(), who);
}

export async function requirePerson(deps: AppDeps, who: Identity): Promise<Person> {
  const person = await identify(deps, who);
  if (!person) throw new DomainError('UNKNOWN_PERSON', 'sender is not in the people list');
  return person;
}

export function today(deps: AppDeps): string {
  return localDate(deps.clock.now(), deps.board.timeZone);
}

/** Leads who are away today, with who covers them (person ids). */
export async function activeCovers(deps: AppDeps): Promise<Cover[]> {
  const date = today(deps);
  return (await deps.cover.list()).filter((c) => c.until >= date);
}

/**
 * Whether `personId` may answer for `priority`, and for whom: its lead, a deputy, or whoever a
 * lead named to cover while away. Decided from stored data only, never from a card.
 */
export function answerRole(personId: string, priority: Priority, covers: readonly Cover[]): { may: boolean; onBehalfOf?: string } {
  if (priority.leads.includes(personId)) return { may: true };
  const covered = covers.find((c) => c.deputyId === personId && priority.leads.includes(c.personId));
  if (covered) return { may: true, onBehalfOf: covered.personId };
  if (priority.deputies.includes(personId)) return priority.leads[0] ? { may: true, onBehalfOf: priority.leads[0] } : { may: true };
  return { may: false };
}

/** Priorities of live strategies that `personId` leads, deputises or covers, leads first. */
export async function prioritiesAnsweredBy(deps: AppDeps, personId: string): Promise<{ leads: Priority[]; deputises: Priority[] }> {
  const strategies = await deps.strategies.listStrategies();
  const date = today(deps);
  const live = new Set(strategies.filter((s) => isStrategyLive(s, date)).map((s) => s.key));
  const all = (await deps.strategies.listPriorities()).filter((p) => live.has(p.strategyKey) && p.status !== 'closed');
  const covers = await activeCovers(deps);
  const byNumber = (a: Priority, b: Priority) => a.strategyKey.localeCompare(b.strategyKey) || a.number.localeCompare(b.number, 'en', { numeric: true });
  return {
    leads: all.filter((p) => p.leads.includes(personId)).sort(byNumber),
    deputises: all.filter((p) => !p.leads.includes(personId) && answerRole(personId, p, covers).may).sort(byNumber),
  };
}

export interface WelcomeView {
  person?: Person;
  leads: Priority[];
  deputises: Priority[];
}

export async function welcome(deps: AppDeps, who: Identity): Promise<WelcomeView> {
  const person = await identify(deps, who);
  if (!person) return { leads: [], deputises: [] };
  return { person, ...(await prioritiesAnsweredBy(deps, person.id)) };
}

export async function namesOf(deps: AppDeps, ids: readonly string[]): Promise<string[]> {
  const people = await deps.people.listPeople();
  return ids.map((id) => people.find((p) => p.id === id)?.name ?? id);
}
