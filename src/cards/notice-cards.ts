import type { Notice } from '../domain/notice';
import { card, execute, heading, longDate, note, plural, priorityName, type Card } from './elements';
import { PEOPLE_SHOW_VERB } from './people-card';
export { reminderText } from '../domain/wording';

/** Told to board managers after N working days overdue, naming the lead. */
export function managersOverdueCard(p: { number: string; title: string }, period: string, due: string, days: number, lead: string, awayNote?: string, projects?: { title: string; leadNames: string[] }[]): Card {
  if (projects) {
    // A workstream's projects: one notice naming each overdue project and who answers it.
    return card([
      heading(`Overdue project answers: ${priorityName(p)}`),
      note(`The ${period} answers for ${projects.length === 1 ? 'this project were' : `these ${projects.length} projects were`} due on ${longDate(due)} and are ${days} days overdue.${awayNote ? ` ${awayNote}` : ''}`),
      ...projects.map((x) => note(`• ${x.title}: ${x.leadNames.join(', ') || 'no lead named'}`, { spacing: 'Small' })),
    ]);
  }
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

/** Told to a board's managers after a person was retired: what they held there, who holds it now, and the way to reassign it. */
export function managersReassignCard(n: Extract<Notice, { kind: 'managers-reassign' }>): Card {
  const unled = n.roles.filter((r) => r.after === 'No lead').length;
  return card(
    [
      heading(`Please reassign: ${n.person} retired`),
      note(`${n.by} retired ${n.person} from ${n.board.name}. ${unled > 0 ? `${plural(unled, 'priority or project now has', 'priorities or projects now have')} no lead, so nobody is asked for ${unled === 1 ? 'its' : 'their'} check-in.` : 'Each still has someone to ask; please check who should take over.'}`),
      ...n.roles.map((r) => note(`• ${r.what}: ${r.after}`, { size: 'Small', spacing: 'None', ...(r.after === 'No lead' ? { weight: 'Bolder' as const } : {}) })),
      note(`Give each a lead on the people card, or type "lead <number> <email or name>".`, { size: 'Small', isSubtle: true, spacing: 'Medium' }),
    ],
    [execute('Open the people card', PEOPLE_SHOW_VERB, { board: n.board.key })],
  );
}
