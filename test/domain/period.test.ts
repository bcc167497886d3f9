import { strict as assert } from 'node:assert';
import { comparePeriods, isOpenOn, isOverdueOn, localDate, periodFromLabel, periodSpan, previousPeriodLabel, reportingLabelFor, reportingPeriodFor, DEFAULT_PERIOD_POLICY } from '../../src/domain/period';

describe('reporting periods', () => {
  it('the period being reported on is the one that ended most recently, for each frequency', () => {
    assert.equal(reportingPeriodFor('2026-11-24', 'monthly', DEFAULT_PERIOD_POLICY).label, '2026-10');
    assert.equal(reportingPeriodFor('2026-11-24', 'quarterly', DEFAULT_PERIOD_POLICY).label, '2026-Q3');
    assert.equal(reportingPeriodFor('2026-11-24', 'six-monthly', DEFAULT_PERIOD_POLICY).label, '2026-H1');
    assert.equal(reportingPeriodFor('2026-11-24', 'annual', DEFAULT_PERIOD_POLICY).label, '2025');
    assert.equal(reportingPeriodFor('2026-11-24', 'on-request', DEFAULT_PERIOD_POLICY).label, '2026-Q3');
    assert.equal(reportingPeriodFor('2026-01-05', 'quarterly', DEFAULT_PERIOD_POLICY).label, '2025-Q4');
    assert.equal(reportingPeriodFor('2026-01-05', 'monthly', DEFAULT_PERIOD_POLICY).label, '2025-12');
  });

  it('dates: covers its months, opens the day after, due after the policy, closes when the next opens', () => {
    assert.deepEqual(periodFromLabel('2026-Q3', DEFAULT_PERIOD_POLICY), { label: '2026-Q3', start: '2026-07-01', end: '2026-09-30', opens: '2026-10-01', due: '2026-10-15', closes: '2027-01-01' });
    assert.equal(periodFromLabel('2028-02', DEFAULT_PERIOD_POLICY).end, '2028-02-29');
    assert.equal(periodFromLabel('2027-02', DEFAULT_PERIOD_POLICY).end, '2027-02-28');
    assert.equal(periodFromLabel('2026-H2', { dueAfterDays: 21 }).due, '2027-01-22');
  });

  it('a span needs no due-date rule, and is the period without its due date; the label alone likewise', () => {
    assert.deepEqual(periodSpan('2026-Q3'), { label: '2026-Q3', start: '2026-07-01', end: '2026-09-30', opens: '2026-10-01', closes: '2027-01-01' });
    const { due, ...span } = periodFromLabel('2026-H2', { dueOverride: () => '2027-02-01', dueAfterDays: 14 });
    assert.equal(due, '2027-02-01');
    assert.deepEqual(span, periodSpan('2026-H2'));
    assert.equal(reportingLabelFor('2026-11-24', 'annual'), reportingPeriodFor('2026-11-24', 'annual', { dueAfterDays: 3 }).label);
  });

  it('open and overdue edges: the due day is not overdue, the closing day is not open', () => {
    const p = periodFromLabel('2026-Q3', DEFAULT_PERIOD_POLICY);
    assert.equal(isOpenOn(p, '2026-09-30'), false);
    assert.equal(isOpenOn(p, '2026-10-01'), true);
    assert.equal(isOpenOn(p, '2026-12-31'), true);
    assert.equal(isOpenOn(p, '2027-01-01'), false);
    assert.equal(isOverdueOn(p, '2026-10-15'), false);
    assert.equal(isOverdueOn(p, '2026-10-16'), true);
  });

  it('previous labels and ordering', () => {
    assert.equal(previousPeriodLabel('2026-Q1'), '2025-Q4');
    assert.equal(previousPeriodLabel('2026-01'), '2025-12');
    assert.equal(previousPeriodLabel('2026-H1'), '2025-H2');
    assert.equal(previousPeriodLabel('2026'), '2025');
    assert.deepEqual(['2026-Q2', '2025', '2026-01', '2025-Q4'].sort(comparePeriods), ['2025', '2025-Q4', '2026-01', '2026-Q2']);
    assert.throws(() => periodFromLabel('Q3 2026', DEFAULT_PERIOD_POLICY), RangeError);
  });

  it('the local date follows the board\'s time zone across DST', () => {
    assert.equal(localDate(new Date('2026-06-30T23:30:00Z'), 'Europe/London'), '2026-07-01');
    assert.equal(localDate(new Date('2026-12-31T23:30:00Z'), 'Europe/London'), '2026-12-31');
    assert.equal(localDate(new Date('2026-03-29T00:30:00Z'), 'Europe/London'), '2026-03-29');
  });
});
