import { strict as assert } from 'node:assert';
import { addWorkingDays, WEEKDAYS_ONLY, workingDayOnOrAfter } from '../../src/domain/calendar';
import { meetingDueDate, planCycle, type CycleSettings } from '../../src/domain/cycle';
import { periodFromLabel } from '../../src/domain/period';
import type { Priority } from '../../src/domain/strategy';
import { aPriority, aStrategy } from '../domain/builders';
import { localParts, zonedInstant } from '../../src/domain/zoned-time';
import { dateHolidaysCalendar } from '../../src/scheduler/date-holidays-calendar';

const ENGLAND = dateHolidaysCalendar('GB-ENG');
const BANK_HOLIDAYS_2026_27 = ['2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28', '2027-01-01', '2027-03-26', '2027-03-29'];

const strategy = aStrategy('s').years(2025, 2028).build();
const priority = (key: string, frequency: Priority['frequency']): Priority => aPriority(key, 's').every(frequency).ledBy('lead').build();

const settings: CycleSettings = {
  timeZone: 'Europe/London',
  sendTime: '09:30',
  nudgeWorkingDaysBeforeDue: [3],
  managersAfterWorkingDaysOverdue: 5,
  digest: { weekday: 1, time: '09:00' },
  periodPolicy: { dueAfterDays: 14 },
};

describe('the reporting cycle plan (April 2026 to March 2027)', () => {
  const plan = planCycle([strategy], [priority('q', 'quarterly'), priority('m', 'monthly'), priority('h', 'six-monthly'), priority('a', 'annual'), priority('r', 'on-request')], settings, ENGLAND, '2026-04-01', '2027-03-31');

  it('sends only on working days: no weekend, no 2026 or 2027 bank holiday', () => {
    assert.ok(plan.length > 100);
    for (const m of plan) {
      assert.ok(ENGLAND.isWorkingDay(m.localDate), `${m.key} on ${m.localDate}`);
      assert.ok(!BANK_HOLIDAYS_2026_27.includes(m.localDate), `${m.key} on bank holiday ${m.localDate}`);
    }
  });

  it('sends at the configured local time on both sides of both DST changes', () => {
    const lead = plan.filter((m) => m.kind !== 'digest');
    for (const m of lead) {
      assert.equal(m.localTime, '09:30');
      assert.deepEqual(localParts(m.sendAt, 'Europe/London'), { ...localParts(m.sendAt, 'Europe/London'), date: m.localDate, time: '09:30' });
    }
    const summer = lead.find((m) => m.localDate === '2026-10-01')!; // BST: 08:30 UTC
    const winter = lead.find((m) => m.localDate >= '2026-10-26')!; // GMT: 09:30 UTC
    assert.equal(summer.sendAt.toISOString().slice(11, 16), '08:30');
    assert.equal(winter.sendAt.toISOString().slice(11, 16), '09:30');
    // Spring 2027: GMT before 28 March, BST after it.
    const spring = planCycle([strategy], [priority('m', 'monthly')], settings, ENGLAND, '2027-03-01', '2027-04-30').filter((m) => m.kind !== 'digest');
    assert.ok(spring.some((m) => m.localDate < '2027-03-28' && m.sendAt.toISOString().slice(11, 16) === '09:30'));
    assert.ok(spring.some((m) => m.localDate > '2027-03-28' && m.sendAt.toISOString().slice(11, 16) === '08:30'));
    assert.ok(spring.every((m) => m.localTime === '09:30'));
  });

  it('nothing is ever planned between 01:00 and 02:00 local', () => {
    for (const m of plan) assert.ok(!(m.localTime >= '01:00' && m.localTime < '02:00'));
  });

  it('a quarter: reminder on opening, nudge 3 working days before due, due day, overdue, managers after 5 working days', () => {
    const q3 = plan.filter((m) => m.priorityKey === 'q' && m.period?.label === '2026-Q3').map((m) => [m.kind, m.localDate]);
    assert.deepEqual(q3, [
      ['reminder', '2026-10-01'],
      ['nudge', '2026-10-12'],
      ['due-today', '2026-10-15'],
      ['overdue', '2026-10-16'],
      ['managers-overdue', '2026-10-22'],
    ]);
  });

  it('a period opening on a bank holiday reminds on the next working day; Christmas and New Year are skipped', () => {
    const q4 = plan.filter((m) => m.priorityKey === 'q' && m.period?.label === '2026-Q4').map((m) => [m.kind, m.localDate]);
    assert.deepEqual(q4[0], ['reminder', '2027-01-04']);
    const newYear = plan.filter((m) => m.priorityKey === 'm' && m.period?.label === '2026-12');
    assert.equal(newYear.find((m) => m.kind === 'reminder')?.localDate, '2027-01-04');
    // Monthly 2026-03 is due 15 April; Good Friday and Easter Monday are not counted as working days.
    const april = plan.filter((m) => m.priorityKey === 'm' && m.period?.label === '2026-03').map((m) => [m.kind, m.localDate]);
    assert.deepEqual(april, [['reminder', '2026-04-01'], ['nudge', '2026-04-10'], ['due-today', '2026-04-15'], ['overdue', '2026-04-16'], ['managers-overdue', '2026-04-22']]);
  });

  it('on-request priorities get no reminders; other frequencies get one per period', () => {
    assert.equal(plan.filter((m) => m.priorityKey === 'r').length, 0);
    const reminders = (k: string) => plan.filter((m) => m.priorityKey === k && m.kind === 'reminder').length;
    assert.equal(reminders('m'), 12);
    assert.equal(reminders('q'), 4);
    assert.equal(reminders('h'), 2);
    assert.equal(reminders('a'), 1);
  });

  it('digests are weekly on Monday 09:00, moved to Tuesday after a bank holiday Monday', () => {
    const digests = plan.filter((m) => m.kind === 'digest');
    assert.equal(digests.length, 52);
    assert.ok(digests.every((m) => m.localTime === '09:00'));
    assert.ok(digests.some((m) => m.localDate === '2026-04-07'), 'Easter Monday digest on Tuesday');
    assert.ok(digests.some((m) => m.localDate === '2026-12-29'), 'Boxing Day substitute Monday digest on Tuesday');
  });

  it('keys are stable: planning twice gives the same keys', () => {
    const again = planCycle([strategy], [priority('q', 'quarterly')], settings, ENGLAND, '2026-04-01', '2027-03-31');
    assert.deepEqual(again.map((m) => m.key), plan.filter((m) => m.priorityKey === 'q' || m.kind === 'digest').map((m) => m.key));
  });

  it('a closed strategy or proposed priority plans nothing', () => {
    assert.equal(planCycle([{ ...strategy, years: { from: 2013, to: 2016 } }], [priority('q', 'quarterly')], settings, ENGLAND, '2026-04-01', '2026-06-30').filter((m) => m.kind !== 'digest').length, 0);
    assert.equal(planCycle([strategy], [{ ...priority('q', 'quarterly'), status: 'proposed' }], settings, ENGLAND, '2026-04-01', '2026-06-30').filter((m) => m.kind !== 'digest').length, 0);
  });
});

describe('working days, meeting dates and zoned time', () => {
  it('due dates are worked back 10 working days from the next board meeting', () => {
    const due = meetingDueDate(['2026-07-16', '2026-10-15', '2027-01-21'], 10, ENGLAND);
    assert.equal(periodFromLabel('2026-Q2', { dueAfterDays: 14, dueOverride: due }).due, '2026-07-02');
    // 10 working days before 21 Jan 2027, skipping New Year's Day.
    assert.equal(periodFromLabel('2026-Q4', { dueAfterDays: 14, dueOverride: due }).due, addWorkingDays(ENGLAND, '2027-01-21', -10));
    assert.equal(addWorkingDays(ENGLAND, '2027-01-21', -10), '2027-01-07');
    // No later meeting: the default rule.
    assert.equal(periodFromLabel('2027-Q1', { dueAfterDays: 14, dueOverride: due }).due, '2027-04-15');
  });

  it('working day helpers skip weekends and holidays', () => {
    assert.equal(workingDayOnOrAfter(ENGLAND, '2026-12-25'), '2026-12-29');
    assert.equal(workingDayOnOrAfter(WEEKDAYS_ONLY, '2026-12-25'), '2026-12-25');
    assert.equal(ENGLAND.holidayName('2026-04-03'), 'Good Friday');
  });

  it('zoned instants are right across both DST changes', () => {
    assert.equal(zonedInstant('2026-03-28', '09:30', 'Europe/London').toISOString(), '2026-03-28T09:30:00.000Z');
    assert.equal(zonedInstant('2026-03-29', '09:30', 'Europe/London').toISOString(), '2026-03-29T08:30:00.000Z');
    assert.equal(zonedInstant('2026-10-24', '09:30', 'Europe/London').toISOString(), '2026-10-24T08:30:00.000Z');
    assert.equal(zonedInstant('2026-10-25', '09:30', 'Europe/London').toISOString(), '2026-10-25T09:30:00.000Z');
    assert.equal(zonedInstant('2026-10-25', '00:30', 'Europe/London').toISOString(), '2026-10-24T23:30:00.000Z');
    assert.equal(zonedInstant('2026-07-01', '09:00', 'America/New_York').toISOString(), '2026-07-01T13:00:00.000Z');
  });
});
