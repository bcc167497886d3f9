/**
 * Reporting periods. A period is labelled the way board papers label them:
 * `2024` (annual), `2024-H1` (six-monthly), `2024-Q3` (quarterly), `2024-07` (monthly).
 * Dates here are calendar dates (YYYY-MM-DD) in the board's time zone; converting an instant
 * into that calendar is `localDate` here, and times of day are `zoned-time.ts`: the only two
 * places a time zone is read.
 */
export const FREQUENCIES = ['monthly', 'quarterly', 'six-monthly', 'annual', 'on-request'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export const PERIOD_PATTERN = /^\d{4}(-Q[1-4]|-H[12]|-(0[1-9]|1[0-2]))?$/;

export interface ReportingPeriod {
  label: string;
  /** First and last calendar day the period covers. */
  start: string;
  end: string;
  /** Reporting opens the day after the period ends. */
  opens: string;
  /** Answers are due this many days after opening. */
  due: string;
  /** Answers lock when the next reporting round opens (exclusive). */
  closes: string;
}

export interface PeriodPolicy {
  /** Calendar days from opening to the due date. */
  dueAfterDays: number;
  /**
   * When the board gives its meeting dates, the due date is worked back from the next meeting
   * (see `meetingDueDate`); undefined falls back to `dueAfterDays`.
   */
  dueOverride?: (opens: string) => string | undefined;
}

export const DEFAULT_PERIOD_POLICY: PeriodPolicy = { dueAfterDays: 14 };

/**
 * Each board's period policy, by board key: the due dates its own calendar gives (see
 * `policiesByBoard` in board-calendar.ts). Views covering several boards take one of these.
 */
export type PolicyByBoard = (boardKey: string) => PeriodPolicy;

interface Span { year: number; firstMonth: number; months: number }

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export function isPeriodLabel(value: string): boolean {
  return PERIOD_PATTERN.test(value);
}

function spanOf(label: string): Span {
  if (!isPeriodLabel(label)) throw new RangeError(`not a period label: ${label}`);
  const year = Number(label.slice(0, 4));
  const rest = label.slice(5);
  if (rest === '') return { year, firstMonth: 1, months: 12 };
  if (rest.startsWith('Q')) return { year, firstMonth: (Number(rest[1]) - 1) * 3 + 1, months: 3 };
  if (rest.startsWith('H')) return { year, firstMonth: (Number(rest[1]) - 1) * 6 + 1, months: 6 };
  return { year, firstMonth: Number(rest), months: 1 };
}

function labelOf(frequency: Frequency, year: number, month: number): string {
  switch (frequency) {
    case 'monthly':
      return `${year}-${pad(month)}`;
    case 'six-monthly':
      return `${year}-H${month <= 6 ? 1 : 2}`;
    case 'annual':
      return `${year}`;
    case 'quarterly':
    case 'on-request':
      // Priorities reported on request still file their answers under the quarter.
      return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
  }
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function monthStart(year: number, month: number): string {
  const y = year + Math.floor((month - 1) / 12);
  const m = ((month - 1) % 12) + 1;
  return `${y}-${pad(m)}-01`;
}

/** A period's dates that need no due-date rule: when it starts and ends, opens and closes for answers. */
export type PeriodSpan = Omit<ReportingPeriod, 'due'>;

export function periodSpan(label: string): PeriodSpan {
  const { year, firstMonth, months } = spanOf(label);
  const start = monthStart(year, firstMonth);
  const opens = monthStart(year, firstMonth + months);
  return { label, start, end: addDays(opens, -1), opens, closes: monthStart(year, firstMonth + 2 * months) };
}

/**
 * The period with its due date by `policy`: the board's rule (each board's own calendar, see
 * board-calendar.ts), never a default, so that no view can quietly use another rule than the board's.
 */
export function periodFromLabel(label: string, policy: PeriodPolicy): ReportingPeriod {
  const span = periodSpan(label);
  return { ...span, due: policy.dueOverride?.(span.opens) ?? addDays(span.opens, policy.dueAfterDays) };
}

/** The label of the period whose reporting window contains `date`: the one that ended most recently. */
export function reportingLabelFor(date: string, frequency: Frequency): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  // The period covering the month before `date`'s period start is the one being reported on.
  const current = periodSpan(labelOf(frequency, y, m));
  const [py, pm] = addDays(current.start, -1).split('-').map(Number) as [number, number];
  return labelOf(frequency, py, pm);
}

/** The period whose reporting window contains `date`, with its due date by `policy`. */
export function reportingPeriodFor(date: string, frequency: Frequency, policy: PeriodPolicy): ReportingPeriod {
  return periodFromLabel(reportingLabelFor(date, frequency), policy);
}

export function previousPeriodLabel(label: string): string {
  const { year, firstMonth, months } = spanOf(label);
  const day = addDays(monthStart(year, firstMonth), -1);
  const [py, pm] = day.split('-').map(Number) as [number, number];
  const frequency: Frequency = months === 12 ? 'annual' : months === 6 ? 'six-monthly' : months === 3 ? 'quarterly' : 'monthly';
  return labelOf(frequency, py, pm);
}

/**
 * The last calendar day a period's answers can still be given or edited: they lock at the start
 * of `closes` (board time), so the last day is the one before (31 Dec for a lock on 1 Jan).
 */
export function lastEditableDay(period: Pick<ReportingPeriod, 'closes'>): string {
  return addDays(period.closes, -1);
}

export function isOpenOn(period: ReportingPeriod, date: string): boolean {
  return date >= period.opens && date < period.closes;
}

export function isOverdueOn(period: ReportingPeriod, date: string): boolean {
  return date > period.due && date < period.closes;
}

/** The calendar date of `instant` in `timeZone` (e.g. Europe/London), as YYYY-MM-DD. */
export function localDate(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Orders labels chronologically; labels of different frequencies order by their start date. */
export function comparePeriods(a: string, b: string): number {
  const sa = startOf(a);
  const sb = startOf(b);
  return sa < sb ? -1 : sa > sb ? 1 : a.localeCompare(b);
}

/** A period's first day, from its label alone (no dates computed: sorting a picture's history calls this a lot). */
function startOf(label: string): string {
  const { year, firstMonth } = spanOf(label);
  return monthStart(year, firstMonth);
}
