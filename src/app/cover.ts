import { DomainError } from '../domain/errors';
import { parseDateInput } from '../domain/date-input';
import { matchPerson, type Identity, type Person } from '../domain/person';
import { addDays } from '../domain/period';
import { words } from '../domain/priority-lookup';
import type { AppDeps } from './deps';
import { prioritiesAnsweredBy, requirePerson, today } from './people';

export interface AwayView {
  person: Person;
  until: string;
  deputy?: Person;
  /** Priorities whose reminders now go to the deputy. */
  priorities: string[];
}

/**
 * `away until <date> [@deputy or name]`: while away, the lead's reminders go to the deputy, who
 * may answer "on behalf of" the lead. Without a name, each priority's own deputy covers.
 */
export async function setAway(deps: AppDeps, who: Identity, dateText: string, deputy: { identity?: Identity; name?: string }): Promise<AwayView> {
  const person = await requirePerson(deps, who);
  const date = today(deps);
  const until = parseDateInput(dateText, date);
  if (!until) throw new DomainError('BAD_DATE', `cannot parse ${dateText}`, { input: dateText.slice(0, 40) });
  if (until < date) throw new DomainError('BAD_DATE', `${until} is past`, { input: dateText.slice(0, 40), why: 'is in the past' });
  if (until > addDays(date, 366)) throw new DomainError('BAD_DATE', `${until} too far`, { input: dateText.slice(0, 40), why: 'is more than a year away' });
  const people = await deps.people.listPeople();
  let cover: Person | undefined;
  if (deputy.identity) cover = matchPerson(people, deputy.identity);
  if (!cover && deputy.name && deputy.name.trim() !== '') {
    const wanted = words(deputy.name.replace(/^@/, ''));
    const found = people.filter((p) => p.id !== person.id && wanted.every((w) => words(p.name).includes(w)));
    if (found.length !== 1) throw new DomainError('UNKNOWN_DEPUTY', `no single person named ${deputy.name}`, { input: deputy.name.slice(0, 60) });
    cover = found[0];
  } else if (!cover && deputy.identity) {
    throw new DomainError('UNKNOWN_DEPUTY', 'mentioned person unknown', { input: deputy.identity.name ?? 'that person' });
  }
  await deps.cover.set({ personId: person.id, until, setAt: deps.clock.now().toISOString(), ...(cover ? { deputyId: cover.id } : {}) });
  const { leads } = await prioritiesAnsweredBy(deps, person.id);
  return { person, until, ...(cover ? { deputy: cover } : {}), priorities: leads.map((p) => `${p.number}. ${p.title}`) };
}

export async function clearAway(deps: AppDeps, who: Identity): Promise<Person> {
  const person = await requirePerson(deps, who);
  await deps.cover.clear(person.id);
  return person;
}
