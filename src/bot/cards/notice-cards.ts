import { card, heading, longDate, note, priorityName, type Card } from './elements';
export { reminderText } from '../../domain/wording';

/** Told to board managers after N working days overdue, naming the lead. */
export function managersOverdueCard(p: { number: string; title: string }, period: string, due: string, days: number, lead: string, awayNote?: string): Card {
  return card([
    heading(`Overdue: ${priorityName(p)}`),
    note(`The ${period} check-in was due on ${longDate(due)} and is ${days} days overdue. Lead: ${lead}.${awayNote ? ` ${awayNote}` : ''}`),
  ]);
}

/** Told to board managers when a lead can be reached by no route: whom, for what, and why. */
export function managersUnreachableCard(person: { name: string; organisation?: string }, priorities: { number: string; title: string }[], period: string, due: string, reasons: string[]): Card {
  const who = person.organisation ? `${person.name} (${person.organisation})` : person.name;
  return card([
    heading(`Cannot reach ${who}`),
    note(`The ${period} check-in (due ${longDate(due)}) could not be sent to ${who} for ${priorities.map(priorityName).join('; ')}.`),
    note(`Why: ${reasons.join('; ')}.`, { isSubtle: true }),
    note('Add their email address to the board\'s people list, or ask them to open a chat with the bot in Teams; meanwhile please contact them yourself.'),
  ]);
}
