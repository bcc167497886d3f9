import { strict as assert } from 'node:assert';
import { calendarChanges, calendarsByBoard, checkCalendarInput, comingMeetings, defaultBoardCalendar, periodPolicyOf, policiesByBoard, rulesByBoard, CALENDAR_INPUTS as I } from '../../src/domain/board-calendar';
import { periodFromLabel, reportingPeriodFor } from '../../src/domain/period';
import { WEEKDAYS_ONLY } from '../../src/domain/calendar';
import { DEFAULT_ESCALATION_RULES } from '../../src/domain/escalation';
import { calendarProblemText } from '../../src/domain/wording';
import { aBoardCalendar } from '../support/board-calendars';

const NOW = new Date('2026-11-24T10:00:00Z');
const base = aBoardCalendar('b').build();
const inputs = (over: Record<string, unknown> = {}) => ({ [I.meetings]: '', [I.papersDeadline]: '10', [I.digestDay]: 'Monday', [I.digestTime]: '09:00', [I.amber]: '2', [I.managersAfter]: '5', rule_red: 'true', rule_worsened: 'true', rule_escalationPoint: 'true', rule_overdue: 'true', rule_kpiWorsened: 'true', rule_kpiOffTarget: 'true', ...over });

describe('a board calendar from the card, checked whole', () => {
  it('the card as drawn from the defaults gives back the same calendar, and no change', () => {
    const r = checkCalendarInput(base, inputs(), [], [], NOW);
    assert.ok(r.ok);
    assert.deepEqual(r.calendar, base);
    assert.deepEqual(calendarChanges(base, r.calendar), []);
  });

  it('meeting dates in any order, with repeats, commas or new lines, come back sorted once; a time with seconds is read as HH:MM', () => {
    const r = checkCalendarInput(base, inputs({ [I.meetings]: '2027-03-18\n2027-01-21, 2027-03-18', [I.digestTime]: '14:30:00' }), [], [], NOW);
    assert.ok(r.ok);
    assert.deepEqual(r.calendar.meetingDates, ['2027-01-21', '2027-03-18']);
    assert.equal(r.calendar.digest.time, '14:30');
    assert.equal(r.calendar.digestSince, NOW.toISOString(), 'the digest moved: its new slots count from now');
  });

  it('every wrong input is named, each with words saying what to put instead', () => {
    const r = checkCalendarInput(base, inputs({ [I.meetings]: '21/01/2027', [I.papersDeadline]: '0', [I.digestDay]: 'Funday', [I.digestTime]: '9am', [I.amber]: '2.5', [I.managersAfter]: '' }), [], [], NOW);
    assert.ok(!r.ok);
    assert.deepEqual(r.problems.map((p) => `${p.field} ${p.code}`), ['meetingDates bad-date', 'papersDeadlineWorkingDays bad-number', 'amberPeriodsRunning bad-number', 'managersAfterWorkingDaysOverdue bad-number', 'digestDay bad-weekday', 'digestTime bad-time']);
    assert.deepEqual(r.problems.map(calendarProblemText), [
      '"21/01/2027" is not a date: give each meeting as YYYY-MM-DD (e.g. 2027-03-18), separated by commas.',
      '"0" is not allowed: give a whole number from 1 to 40.',
      '"2.5" is not allowed: give a whole number from 0 to 12.',
      'Nothing was given: give a whole number from 1 to 60.',
      'Choose the day of the week the digest goes.',
      '"9am" is not a time: give the digest time as HH:MM, 24-hour (e.g. 09:00).',
    ]);
  });

  it('rules switched off are changes, each named with before → after', () => {
    const r = checkCalendarInput(base, inputs({ rule_kpiOffTarget: 'false', [I.amber]: '3' }), [], [], NOW);
    assert.ok(r.ok);
    assert.deepEqual(calendarChanges(base, r.calendar), [
      { subject: 'calendar: amber periods running to escalate', before: '2', after: '3' },
      { subject: 'calendar: rule KPI off trajectory', before: 'on', after: 'off' },
    ]);
  });

  it('a board with nothing stored takes its seed digest day and time over the install\'s', () => {
    const defaults = { meetingDates: ['2027-01-21'], papersDeadlineWorkingDays: 10, digest: { weekday: 1, time: '09:00' }, rules: DEFAULT_ESCALATION_RULES, managersAfterWorkingDaysOverdue: 5 };
    assert.deepEqual(defaultBoardCalendar({ key: 'x', digestWeekday: 3, digestTime: '11:00' }, defaults).digest, { weekday: 3, time: '11:00' });
    assert.deepEqual(defaultBoardCalendar({ key: 'x' }, defaults).digest, { weekday: 1, time: '09:00' });
  });

  it('coming meetings: past ones are left out; each due date is worked back in working days', () => {
    // Thursday 21 Jan 2027, 10 working days before: Thursday 7 Jan.
    assert.deepEqual(comingMeetings({ meetingDates: ['2026-09-17', '2027-01-21'], papersDeadlineWorkingDays: 10 }, WEEKDAYS_ONLY, '2026-11-24'), [{ meeting: '2027-01-21', due: '2027-01-07' }]);
  });
});

describe('each board\'s due dates and rules from its calendar', () => {
  const install = { dueAfterDays: 14 };

  it('a board with meetings stored has its due dates worked back from them; a board with none stored runs on the install\'s', () => {
    const policyOf = policiesByBoard([aBoardCalendar('leicester-city').meetings('2027-02-04').build()], install, WEEKDAYS_ONLY);
    // 2026 (annual) opens 1 Jan 2027: 10 working days before 4 Feb is 21 Jan; 14 days after opening is 15 Jan.
    assert.equal(reportingPeriodFor('2027-01-18', 'annual', policyOf('leicester-city')).due, '2027-01-21');
    assert.equal(reportingPeriodFor('2027-01-18', 'annual', policyOf('leicestershire')).due, '2027-01-15');
  });

  it('the install\'s own policy is the board calendar\'s rule applied to the environment\'s meetings: one rule, not two', () => {
    const fromEnvironment = periodPolicyOf({ meetingDates: ['2027-02-04'], papersDeadlineWorkingDays: 10 }, 14, WEEKDAYS_ONLY);
    const fromBoard = policiesByBoard([aBoardCalendar('b').meetings('2027-02-04').build()], install, WEEKDAYS_ONLY)('b');
    assert.equal(periodFromLabel('2026', fromEnvironment).due, periodFromLabel('2026', fromBoard).due);
  });

  it('rules: a board\'s stored ones, else the install\'s', () => {
    const quiet = { ...DEFAULT_ESCALATION_RULES, overdue: false };
    const rulesOf = rulesByBoard([{ ...aBoardCalendar('leicester-city').build(), rules: quiet }], DEFAULT_ESCALATION_RULES);
    assert.equal(rulesOf('leicester-city').overdue, false);
    assert.equal(rulesOf('leicestershire').overdue, true);
  });

  it('every board gets a calendar: the stored one, else the install\'s defaults with its seed digest day', () => {
    const defaults = { meetingDates: [], papersDeadlineWorkingDays: 10, digest: { weekday: 1, time: '09:00' }, rules: DEFAULT_ESCALATION_RULES, managersAfterWorkingDaysOverdue: 5 };
    const stored = aBoardCalendar('a').meetings('2027-02-04').build();
    const all = calendarsByBoard([{ key: 'a', name: 'A' }, { key: 'b', name: 'B', digestWeekday: 4 }], [stored], defaults);
    assert.deepEqual(all.get('a'), stored);
    assert.deepEqual(all.get('b')!.digest, { weekday: 4, time: '09:00' });
    assert.deepEqual(all.get('b')!.meetingDates, []);
  });
});
