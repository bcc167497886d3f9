import type { MessageKind } from '../../domain/cycle';
import { card, heading, longDate, note, priorityName, type Card } from './elements';

/** The line above a reminder's check-in card: what this message is. */
export function reminderText(kind: MessageKind, p: { number: string; title: string }, period: string, due: string, forLead?: string): string {
  const name = priorityName(p);
  const cover = forLead ? ` You are covering for ${forLead}.` : '';
  switch (kind) {
    case 'reminder':
      return `The ${period} check-in for ${name} is open. Please answer by ${longDate(due)}.${cover}`;
    case 'nudge':
      return `Reminder: the ${period} check-in for ${name} is due on ${longDate(due)}.${cover}`;
    case 'due-today':
      return `The ${period} check-in for ${name} is due today.${cover}`;
    default:
      return `The ${period} check-in for ${name} was due on ${longDate(due)} and is now overdue. Please answer as soon as you can.${cover}`;
  }
}

/** Told to board managers after N working days overdue, naming the lead. */
export function managersOverdueCard(p: { number: string; title: string }, period: string, due: string, days: number, lead: string, awayNote?: string): Card {
  return card([
    heading(`Overdue: ${priorityName(p)}`),
    note(`The ${period} check-in was due on ${longDate(due)} and is ${days} days overdue. Lead: ${lead}.${awayNote ? ` ${awayNote}` : ''}`),
  ]);
}
