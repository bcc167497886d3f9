import { addWorkingDays, type WorkingCalendar } from './calendar';
import { meetingDueDate, type CycleSettings } from './cycle';
import type { Board } from './board';
import type { EscalationRules } from './escalation';
import { FREQUENCIES, type Frequency, type PeriodPolicy, type PolicyByBoard } from './period';
import { priorityRef, type Priority } from './strategy';
import type { CalendarProblem } from './calendar-problem';

/**
 * A board's calendar and settings, kept by its managers on the `calendar` card: how often each
 * priority reports, the board's meeting dates (due dates are worked back from them), when its
 * digest goes, and its escalation rules. A board with nothing stored runs on the install's
 * settings (the environment), so nothing changes until a manager edits.
 */
export interface BoardCalendar {
  boardKey: string;
  /** Reporting frequency by priority (`strategyKey/key`), where the board set one other than the strategy's. */
  frequencies: Record<string, Frequency>;
  /** Board meeting dates, YYYY-MM-DD, in order. */
  meetingDates: string[];
  /** A due date falls this many working days before the next meeting (the papers' deadline). */
  papersDeadlineWorkingDays: number;
  digest: { weekday: number; time: string };
  /**
   * When the digest's day or time last changed (ISO instant): a slot of the new schedule before
   * then never existed, so catching up does not post it.
   */
  digestSince?: string;
  rules: EscalationRules;
  /** Board managers are told by name after this many working days overdue. */
  managersAfterWorkingDaysOverdue: number;
}

/** What a calendar read carries: `etag` is the stored version ('' when nothing is stored yet). */
export interface VersionedCalendar {
  calendar: BoardCalendar;
  etag: string;
}

/** The install's settings: a board's calendar until its managers change it. */
export type CalendarDefaults = Omit<BoardCalendar, 'boardKey' | 'frequencies'>;

export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** The calendar of a board nothing is stored for: the install's defaults, with the seed's digest day and time where given. */
export function defaultBoardCalendar(board: Pick<Board, 'key' | 'digestWeekday' | 'digestTime'>, defaults: CalendarDefaults): BoardCalendar {
  return {
    boardKey: board.key,
    frequencies: {},
    meetingDates: [...defaults.meetingDates],
    papersDeadlineWorkingDays: defaults.papersDeadlineWorkingDays,
    digest: { weekday: board.digestWeekday ?? defaults.digest.weekday, time: board.digestTime ?? defaults.digest.time },
    rules: { ...defaults.rules },
    managersAfterWorkingDaysOverdue: defaults.managersAfterWorkingDaysOverdue,
  };
}

/**
 * The period policy of a board: due dates worked back from its meetings, else `dueAfterDays` after
 * opening. The one source of due dates: the cycle's reminders, the cards and every view take
 * their policy from here (the install's default too), so two views never show two due dates.
 */
export function periodPolicyOf(calendar: Pick<BoardCalendar, 'meetingDates' | 'papersDeadlineWorkingDays'>, dueAfterDays: number, working: WorkingCalendar): PeriodPolicy {
  const policy: PeriodPolicy = { dueAfterDays };
  if (calendar.meetingDates.length > 0) policy.dueOverride = meetingDueDate(calendar.meetingDates, calendar.papersDeadlineWorkingDays, working);
  return policy;
}

/**
 * Every board's policy from the calendars stored; a board with none stored runs on `fallback`
 * (the install's, itself `periodPolicyOf` the environment's defaults). Each worked out once.
 */
export function policiesByBoard(stored: readonly Pick<BoardCalendar, 'boardKey' | 'meetingDates' | 'papersDeadlineWorkingDays'>[], fallback: PeriodPolicy, working: WorkingCalendar): PolicyByBoard {
  const byBoard = new Map(stored.map((c) => [c.boardKey, periodPolicyOf(c, fallback.dueAfterDays, working)]));
  return (boardKey) => byBoard.get(boardKey) ?? fallback;
}

/** Every board's escalation rules from the calendars stored; a board with none stored runs on `fallback` (the install's). */
export function rulesByBoard(stored: readonly Pick<BoardCalendar, 'boardKey' | 'rules'>[], fallback: EscalationRules): (boardKey: string) => EscalationRules {
  const byBoard = new Map(stored.map((c) => [c.boardKey, c.rules]));
  return (boardKey) => byBoard.get(boardKey) ?? fallback;
}

/** Each board's calendar: the one stored, else the install's defaults (with the seed's digest day and time). */
export function calendarsByBoard(boards: readonly Board[], stored: readonly BoardCalendar[], defaults: CalendarDefaults): Map<string, BoardCalendar> {
  const byKey = new Map(stored.map((c) => [c.boardKey, c]));
  return new Map(boards.map((b) => [b.key, byKey.get(b.key) ?? defaultBoardCalendar(b, defaults)]));
}

/** The install's cycle settings as this board runs them. */
export function cycleSettingsOf(base: CycleSettings, calendar: BoardCalendar, working: WorkingCalendar): CycleSettings {
  return {
    ...base,
    managersAfterWorkingDaysOverdue: calendar.managersAfterWorkingDaysOverdue,
    digest: { ...calendar.digest },
    periodPolicy: periodPolicyOf(calendar, base.periodPolicy.dueAfterDays, working),
  };
}

/** Priorities as the board reports them: each with the frequency its board set, where it set one. */
export function withBoardFrequencies<P extends Priority>(priorities: readonly P[], calendar: Pick<BoardCalendar, 'frequencies'>): P[] {
  return priorities.map((p) => {
    const f = calendar.frequencies[priorityRef(p)];
    return f && f !== p.frequency ? { ...p, frequency: f } : p;
  });
}

/** Each coming meeting with the due date worked back from it (what the card shows). */
export function comingMeetings(calendar: Pick<BoardCalendar, 'meetingDates' | 'papersDeadlineWorkingDays'>, working: WorkingCalendar, today: string): { meeting: string; due: string }[] {
  return calendar.meetingDates.filter((m) => m >= today).map((meeting) => ({ meeting, due: addWorkingDays(working, meeting, -calendar.papersDeadlineWorkingDays) }));
}

// ---- What a manager sends from the card, checked whole: nothing is saved unless all of it is right.

/** The card's input ids. */
export const CALENDAR_INPUTS = {
  meetings: 'meetingDates',
  papersDeadline: 'papersDeadlineWorkingDays',
  digestDay: 'digestDay',
  digestTime: 'digestTime',
  amber: 'amberPeriodsRunning',
  managersAfter: 'managersAfterWorkingDaysOverdue',
  /** A rule's toggle: `rule_<name>`. */
  rule: (name: keyof EscalationRules) => `rule_${name}`,
  /** A priority's frequency: `freq_<index>` (the ref travels in the card's data, checked against the board's own). */
  frequency: (index: number) => `freq_${index}`,
} as const;

export const TOGGLE_RULES = ['red', 'worsened', 'escalationPoint', 'overdue', 'kpiWorsened', 'kpiOffTarget'] as const satisfies readonly (keyof EscalationRules)[];

export type { CalendarProblem } from './calendar-problem';

export const MAX_MEETING_DATES = 40;
/** Nothing is scheduled 01:00–02:00 local: clocks change then on DST days (as REMINDER_TIME and DIGEST_TIME). */
const DST_HOUR = /^01:/;

export type CalendarCheck = { ok: true; calendar: BoardCalendar } | { ok: false; problems: CalendarProblem[] };

function isRealDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T12:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');
const cut = (s: string) => s.slice(0, 40);

/**
 * The card's inputs as a calendar, or every problem with them. `priorities` are the board's own
 * (a ref the card sends that is not one of them is ignored: card data is untrusted).
 */
export function checkCalendarInput(before: BoardCalendar, inputs: Record<string, unknown>, priorities: readonly Pick<Priority, 'strategyKey' | 'key' | 'frequency' | 'number'>[], refs: readonly unknown[], now: Date): CalendarCheck {
  const problems: CalendarProblem[] = [];
  const I = CALENDAR_INPUTS;

  const dates: string[] = [];
  const rawDates = text(inputs[I.meetings]);
  for (const part of rawDates.split(/[\s,;]+/).filter(Boolean)) {
    if (isRealDate(part)) dates.push(part);
    else problems.push({ field: I.meetings, code: 'bad-date', input: cut(part) });
  }
  const meetingDates = [...new Set(dates)].sort();
  if (meetingDates.length > MAX_MEETING_DATES) problems.push({ field: I.meetings, code: 'too-many-dates', count: meetingDates.length, max: MAX_MEETING_DATES });

  const whole = (field: string, min: number, max: number): number => {
    const raw = text(inputs[field]);
    const n = Number(raw);
    if (raw === '' || !Number.isInteger(n) || n < min || n > max) {
      problems.push({ field, code: 'bad-number', input: cut(raw), min, max });
      return NaN;
    }
    return n;
  };
  const papersDeadlineWorkingDays = whole(I.papersDeadline, 1, 40);
  const amberPeriodsRunning = whole(I.amber, 0, 12);
  const managersAfterWorkingDaysOverdue = whole(I.managersAfter, 1, 60);

  const dayRaw = text(inputs[I.digestDay]);
  const weekday = WEEKDAY_NAMES.findIndex((d) => d.toLowerCase() === dayRaw.toLowerCase());
  if (weekday < 0) problems.push({ field: I.digestDay, code: 'bad-weekday', input: cut(dayRaw) });
  // Teams' time picker sends HH:MM; some clients add seconds.
  const timeRaw = text(inputs[I.digestTime]);
  const time = /^([01]\d|2[0-3]):[0-5]\d(:00)?$/.test(timeRaw) ? timeRaw.slice(0, 5) : undefined;
  if (!time) problems.push({ field: I.digestTime, code: 'bad-time', input: cut(timeRaw) });
  else if (DST_HOUR.test(time)) problems.push({ field: I.digestTime, code: 'time-in-dst-hour', input: time });

  const rules: EscalationRules = { ...before.rules, amberPeriodsRunning };
  for (const name of TOGGLE_RULES) rules[name] = text(inputs[I.rule(name)]) === 'true';

  // Frequencies: the board's own priorities only, each at most once.
  const own = new Map(priorities.map((p) => [priorityRef(p), p]));
  const frequencies: Record<string, Frequency> = {};
  refs.forEach((ref, index) => {
    const p = typeof ref === 'string' ? own.get(ref) : undefined;
    if (!p || frequencies[ref as string] !== undefined) return;
    const raw = text(inputs[I.frequency(index)]);
    if (raw === '') return;
    if (!(FREQUENCIES as readonly string[]).includes(raw)) problems.push({ field: I.frequency(index), code: 'bad-frequency', input: cut(raw), priority: p.number });
    else frequencies[ref as string] = raw as Frequency;
  });
  if (problems.length > 0) return { ok: false, problems };
  const digestMoved = weekday !== before.digest.weekday || time !== before.digest.time;
  const digestSince = digestMoved ? now.toISOString() : before.digestSince;
  // Only what differs from the strategy's own frequency is kept; the rest stays as set before.
  const kept: Record<string, Frequency> = {};
  for (const [ref, f] of Object.entries({ ...before.frequencies, ...frequencies })) if (own.get(ref)?.frequency !== f) kept[ref] = f;
  return {
    ok: true,
    calendar: { boardKey: before.boardKey, frequencies: kept, meetingDates, papersDeadlineWorkingDays, digest: { weekday, time: time! }, ...(digestSince ? { digestSince } : {}), rules, managersAfterWorkingDaysOverdue },
  };
}

/** One setting changed, as the audit trail keeps it: "calendar: digest time", "09:00" → "14:00". */
export interface CalendarChange {
  subject: string;
  before: string;
  after: string;
}

const onOff = (b: boolean) => (b ? 'on' : 'off');
const RULE_NAMES: Record<(typeof TOGGLE_RULES)[number], string> = {
  red: 'Red',
  worsened: 'RAG worsened',
  escalationPoint: 'point for escalation',
  overdue: 'overdue',
  kpiWorsened: 'KPI worse than baseline',
  kpiOffTarget: 'KPI off trajectory',
};

/** Every setting that differs between two calendars of one board, in the card's order. */
export function calendarChanges(before: BoardCalendar, after: BoardCalendar, priorities: readonly Pick<Priority, 'strategyKey' | 'key' | 'frequency'>[] = []): CalendarChange[] {
  const out: CalendarChange[] = [];
  const add = (subject: string, b: string, a: string) => {
    if (b !== a) out.push({ subject: `calendar: ${subject}`, before: b, after: a });
  };
  const own = new Map(priorities.map((p) => [priorityRef(p), p.frequency]));
  for (const ref of [...new Set([...Object.keys(before.frequencies), ...Object.keys(after.frequencies)])].sort()) {
    add(`frequency ${ref}`, before.frequencies[ref] ?? own.get(ref) ?? 'strategy\'s own', after.frequencies[ref] ?? own.get(ref) ?? 'strategy\'s own');
  }
  add('meeting dates', before.meetingDates.join(', ') || 'none', after.meetingDates.join(', ') || 'none');
  add('papers deadline (working days before a meeting)', String(before.papersDeadlineWorkingDays), String(after.papersDeadlineWorkingDays));
  add('digest day', WEEKDAY_NAMES[before.digest.weekday]!, WEEKDAY_NAMES[after.digest.weekday]!);
  add('digest time', before.digest.time, after.digest.time);
  add('amber periods running to escalate', String(before.rules.amberPeriodsRunning), String(after.rules.amberPeriodsRunning));
  for (const name of TOGGLE_RULES) add(`rule ${RULE_NAMES[name]}`, onOff(before.rules[name]), onOff(after.rules[name]));
  add('managers told after working days overdue', String(before.managersAfterWorkingDaysOverdue), String(after.managersAfterWorkingDaysOverdue));
  return out;
}

export { RULE_NAMES as ESCALATION_RULE_NAMES };
