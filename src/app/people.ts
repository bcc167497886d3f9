import { compareNumbers } from '../domain/wording';
import { DomainError } from '../domain/errors';
import { matchPerson, type Identity, type Person } from '../domain/person';
import { localDate } from '../domain/period';
import type { Cover } from '../domain/ports';
import { answerRole } from '../domain/rights';
import { isStrategyLive, type Priority } from '../domain/strategy';
import type { AppDeps } from './deps';

export async function identify(deps: AppDeps, who: Identity): Promise<Person | undefined> {
  return who.known ?? matchPerson(await deps.people.listPeople(), who);
}

export async function requirePerson(deps: AppDeps, who: Identity): Promise<Person> {
  const person = await identify(deps, who);
  if (!person) throw new DomainError('UNKNOWN_PERSON', 'sender is not in the people list');
  return person;
}

/**
 * The sender as someone who answers check-ins: a sender the board does not know is refused with
 * `code` (NOT_A_LEAD when starting a check-in, NOT_LEAD_FOR_PRIORITY when answering one).
 */
export async function requireAnswerer(deps: AppDeps, who: Identity, code: 'NOT_A_LEAD' | 'NOT_LEAD_FOR_PRIORITY' = 'NOT_A_LEAD'): Promise<Person> {
  const person = await identify(deps, who);
  if (!person) throw new DomainError(code, 'sender is not in the people list');
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

/** Priorities of live strategies that `personId` leads, deputises or covers, leads first. */
export async function prioritiesAnsweredBy(deps: AppDeps, personId: string): Promise<{ leads: Priority[]; deputises: Priority[] }> {
  const strategies = await deps.strategies.listStrategies();
  const date = today(deps);
  const live = new Set(strategies.filter((s) => isStrategyLive(s, date)).map((s) => s.key));
  const all = (await deps.strategies.listPriorities()).filter((p) => live.has(p.strategyKey) && p.status !== 'closed');
  const covers = await activeCovers(deps);
  const byNumber = (a: Priority, b: Priority) => a.strategyKey.localeCompare(b.strategyKey) || compareNumbers(a.number, b.number);
  return {
    leads: all.filter((p) => p.leads.includes(personId)).sort(byNumber),
    deputises: all.filter((p) => !p.leads.includes(personId) && answerRole(personId, p, covers).may).sort(byNumber),
  };
}

export interface WelcomeView {
  person?: Person;
  leads: Priority[];
  deputises: Priority[];
  /** Set when a board manager's change is the reason for the welcome: who, what ("the lead of …") and on which board. */
  assigned?: { by: string; what: string; board: string };
}

export async function welcome(deps: AppDeps, who: Identity): Promise<WelcomeView> {
  const person = await identify(deps, who);
  if (!person) return { leads: [], deputises: [] };
  return { person, ...(await prioritiesAnsweredBy(deps, person.id)) };
}

/** Everyone the board knows, by person id (served from the read cache). */
export async function peopleById(deps: Pick<AppDeps, 'people'>): Promise<Map<string, Person>> {
  return new Map((await deps.people.listPeople()).map((p) => [p.id, p]));
}
