import type { CalendarView } from '../app/board-calendar';
import { CALENDAR_INPUTS, ESCALATION_RULE_NAMES, TOGGLE_RULES, WEEKDAY_NAMES, type CalendarProblem } from '../domain/board-calendar';
import { FREQUENCIES } from '../domain/period';
import { calendarNoticeText, calendarProblemText, frequencyName } from '../domain/wording';
import { card, cardMarkdown, execute, facts, heading, longDate, note, plural, priorityName, type Element } from './elements';

export const CALENDAR_SAVE_VERB = 'calendar-save';

const I = CALENDAR_INPUTS;
const TRUE = 'true';

/**
 * A board's calendar for its managers: how often each priority reports, meeting dates (with the
 * due dates worked back from them), the digest's day and time, and the escalation rules. Save
 * sends the version the card was drawn from; the server checks everything again.
 */
export function calendarCard(view: CalendarView): ReturnType<typeof card> {
  const c = view.calendar;
  const invalid = view.outcome?.kind === 'invalid' ? view.outcome : undefined;
  const typed = (id: string, stored: string) => invalid?.typed[id] ?? stored;
  const errorsFor = (id: string): Element[] =>
    (invalid?.problems ?? [])
      .filter((p: CalendarProblem) => p.field === id)
      .map((p) => ({ type: 'TextBlock', id: `${id}-error`, text: cardMarkdown(calendarProblemText(p)), color: 'Attention', wrap: true, spacing: 'None', size: 'Small' }));

  const body: Element[] = [heading(`Calendar of ${view.board.name}`, 'Large')];
  if (view.outcome) {
    const words = calendarNoticeText(view.outcome.kind, view.outcome.kind === 'saved' ? view.outcome.changes.length : 0);
    body.push({ type: 'Container', style: view.outcome.kind === 'saved' || view.outcome.kind === 'unchanged' ? 'good' : 'attention', items: [heading(words.title), note(words.text)] });
    if (view.outcome.kind === 'saved') body.push(note(view.outcome.changes.map((ch) => `${ch.subject.replace(/^calendar: /, '')}: ${ch.before} → ${ch.after}`).join('\n\n'), { size: 'Small' }));
  }
  body.push(note(view.defaults ? 'This board runs on the install\'s settings until a manager saves this card.' : 'Set by the board\'s managers. Changes take effect at the next scheduled send, without a restart.', { isSubtle: true }));

  body.push(heading('Board meetings'));
  body.push(note(`Check-ins are due ${plural(c.papersDeadlineWorkingDays, 'working day')} before the next meeting.`));
  if (view.coming.length > 0) body.push(facts(view.coming.slice(0, 8).map(({ meeting, due }) => [longDate(meeting), `answers due ${longDate(due)}`])));
  else body.push(note('No coming meetings: answers are due a set number of days after each period opens.', { isSubtle: true }));
  body.push({ type: 'Input.Text', id: I.meetings, label: 'Meeting dates (YYYY-MM-DD, separated by commas)', value: typed(I.meetings, c.meetingDates.join(', ')), isMultiline: true, maxLength: 1000, placeholder: '2027-01-21, 2027-03-18' });
  body.push(...errorsFor(I.meetings));
  body.push({ type: 'Input.Number', id: I.papersDeadline, label: 'Due this many working days before a meeting', min: 1, max: 40, value: Number(typed(I.papersDeadline, String(c.papersDeadlineWorkingDays))) || c.papersDeadlineWorkingDays });
  body.push(...errorsFor(I.papersDeadline));

  body.push(heading('Escalation digest'));
  body.push({ type: 'Input.ChoiceSet', id: I.digestDay, label: 'Day', style: 'compact', value: typed(I.digestDay, WEEKDAY_NAMES[c.digest.weekday]!), choices: WEEKDAY_NAMES.map((d) => ({ title: d, value: d })) });
  body.push(...errorsFor(I.digestDay));
  body.push({ type: 'Input.Time', id: I.digestTime, label: 'Time (UK time; not 01:00–02:00)', value: typed(I.digestTime, c.digest.time) });
  body.push(...errorsFor(I.digestTime));

  body.push(heading('Escalation rules'));
  for (const name of TOGGLE_RULES) {
    const on = invalid ? invalid.typed[I.rule(name)] === TRUE : c.rules[name];
    body.push({ type: 'Input.Toggle', id: I.rule(name), title: `List a priority when: ${ESCALATION_RULE_NAMES[name]}`, valueOn: TRUE, valueOff: 'false', value: on ? TRUE : 'false', wrap: true });
  }
  body.push({ type: 'Input.Number', id: I.amber, label: 'Amber this many periods running escalates (0: never)', min: 0, max: 12, value: Number(typed(I.amber, String(c.rules.amberPeriodsRunning))) });
  body.push(...errorsFor(I.amber));
  body.push({ type: 'Input.Number', id: I.managersAfter, label: 'Tell the managers by name after this many working days overdue', min: 1, max: 60, value: Number(typed(I.managersAfter, String(c.managersAfterWorkingDaysOverdue))) || c.managersAfterWorkingDaysOverdue });
  body.push(...errorsFor(I.managersAfter));

  if (view.priorities.length > 0) {
    body.push(heading('How often each priority reports'));
    view.priorities.forEach((p, i) => {
      const id = I.frequency(i);
      body.push({
        type: 'Input.ChoiceSet',
        id,
        label: `${priorityName(p)}${p.frequency !== p.own ? ` (strategy: ${frequencyName(p.own)})` : ''}`,
        style: 'compact',
        value: typed(id, p.frequency),
        choices: FREQUENCIES.map((f) => ({ title: frequencyName(f), value: f })),
      });
      body.push(...errorsFor(id));
    });
  }
  return card(body, [execute('Save', CALENDAR_SAVE_VERB, { board: view.board.key, etag: view.etag, refs: view.priorities.map((p) => p.ref) }, { associatedInputs: 'auto', style: 'positive' })]);
}
