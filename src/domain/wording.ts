import type { CalendarProblem } from './calendar-problem';
import type { MessageKind } from './cycle';
import { lastEditableDay, type Frequency, type ReportingPeriod } from './period';

/**
 * Plain wording every rendering shares (cards, the Word paper, email, the command line), so a
 * date or a count reads the same wherever a board member meets it.
 */

/** "15 Jan 2026" (or "January 2026" for a month label): the one date form people read. */
export function longDate(date: string, month: 'short' | 'long' = 'short'): string {
  const monthOnly = /^\d{4}-\d{2}$/.test(date);
  const d = new Date(`${monthOnly ? `${date}-01` : date}T12:00:00Z`);
  return Number.isNaN(d.getTime()) ? date : new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', ...(monthOnly ? {} : { day: 'numeric' }), month, year: 'numeric' }).format(d);
}

/**
 * "31 Dec 2026": the last day a period's answers can be given or edited, as every card, receipt,
 * email and the web page say it ("Editable until 31 Dec 2026", "works until 31 Dec 2026"), never
 * the day they lock.
 */
export function editableUntil(period: Pick<ReportingPeriod, 'closes'>): string {
  return longDate(lastEditableDay(period));
}

/** "1 action", "2 actions"; `many` for irregular plurals ("priorities"). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "9. Healthy weight": how the papers name a priority. */
export function priorityName(p: { number: string; title: string; workstream?: { number: string } }): string {
  // The 2022–27 papers end each priority's title with a full stop ("…in Leicester."): a name runs
  // on in our sentences and lists, where it made ".;", ".:" and ". is", so it drops that stop.
  const title = p.title.replace(/(?<!\.)\.\s*$/, '');
  // A project is named under its workstream: "W2 project: Pregnancy and early years".
  return p.workstream ? `${p.workstream.number} project: ${title}` : `${p.number}. ${title}`;
}

/** `text` whole if it fits in `max` characters, else cut at the last word that fits, with "…". */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, max - 1);
  const space = room.lastIndexOf(' ');
  return `${(space > max / 3 ? room.slice(0, space) : room).replace(/[\s,;:.–-]+$/, '')}…`;
}

/** What a lead's reminder says: the line above the Teams card, the opening of an email. */
export function reminderText(kind: MessageKind, p: { number: string; title: string }, period: string, due: string, forLead?: string, projects?: number): string {
  // Several projects of a workstream in one message: "your 3 projects of W2. Healthy Weight".
  const name = projects !== undefined ? `your ${projects === 1 ? 'project' : `${projects} projects`} of ${priorityName(p)}` : priorityName(p);
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

/** One collator, made once: `localeCompare` with options builds a new one per call (slow in a sort of 1,000). */
const NUMBERED = new Intl.Collator('en', { numeric: true });

/** The papers' numbering order: "2" before "10", "1.2" before "1.10", then "W1". */
export function compareNumbers(a: string, b: string): number {
  return NUMBERED.compare(a, b);
}

/** A reporting frequency as a sentence says it: "annual", "six-monthly", "on request". */
export function frequencyName(frequency: Frequency): string {
  return frequency === 'on-request' ? 'on request' : frequency;
}

/** What is wrong with one input of the calendar card, and what to put instead. */
export function calendarProblemText(p: CalendarProblem): string {
  switch (p.code) {
    case 'bad-date':
      return `"${p.input}" is not a date: give each meeting as YYYY-MM-DD (e.g. 2027-03-18), separated by commas.`;
    case 'too-many-dates':
      return `${p.count} meeting dates is more than ${p.max}: keep the coming two years or so.`;
    case 'bad-number':
      return `${p.input === '' ? 'Nothing was given' : `"${p.input}" is not allowed`}: give a whole number from ${p.min} to ${p.max}.`;
    case 'bad-weekday':
      return 'Choose the day of the week the digest goes.';
    case 'bad-time':
      return `${p.input === '' ? 'No time was given' : `"${p.input}" is not a time`}: give the digest time as HH:MM, 24-hour (e.g. 09:00).`;
    case 'time-in-dst-hour':
      return `${p.input} falls in 01:00–02:00, when clocks change on the DST days, so nothing is scheduled then. Choose another time.`;
    case 'bad-frequency':
      return `${p.priority}: choose monthly, quarterly, six-monthly, annual or on request.`;
  }
}

/** What a save from the calendar card did, as its banner says it. */
export function calendarNoticeText(kind: 'saved' | 'unchanged' | 'stale' | 'invalid', changes = 0): { title: string; text: string } {
  switch (kind) {
    case 'saved':
      return { title: 'Calendar saved', text: `${plural(changes, 'setting')} changed. The next reminders and digest follow it; nobody needs to restart anything.` };
    case 'unchanged':
      return { title: 'Nothing to save', text: 'The card says what is stored already.' };
    case 'stale':
      return { title: 'Another manager saved first', text: 'The calendar changed after this card was opened, so nothing of yours was saved. This card now shows what is stored: make your changes again and save.' };
    case 'invalid':
      return { title: 'Not saved: some settings need changing', text: 'Nothing was saved. Each setting below that needs changing says what to put instead.' };
  }
}
