import { addWorkingDays, workingDayOnOrAfter, workingDayOnOrBefore, type WorkingCalendar } from './calendar';
import { addDays, periodFromLabel, reportingPeriodFor, type PeriodPolicy, type ReportingPeriod } from './period';
import { boardsOf, type Board } from './board';
import { hasNoLead, isStrategyLive, priorityRef, type Priority, type Strategy } from './strategy';
import { zonedInstant } from './zoned-time';

/**
 * The reporting cycle as a plan: what is sent, to whom (by role), and when in the board's local
 * time. Pure: the same inputs always give the same plan, which is what makes the ledger keys
 * stable across restarts and instances.
 */
export interface CycleSettings {
  timeZone: string;
  /** Local time (HH:MM) for reminders, nudges and notices. */
  sendTime: string;
  /** Nudges this many working days before the due date (plus one on the due day). */
  nudgeWorkingDaysBeforeDue: number[];
  /** Board managers are told after this many working days overdue. */
  managersAfterWorkingDaysOverdue: number;
  digest: { weekday: number; time: string };
  periodPolicy: PeriodPolicy;
}

export const MESSAGE_KINDS = ['reminder', 'nudge', 'due-today', 'overdue', 'managers-overdue', 'digest'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** Lead-facing steps in order: on catch-up only the latest applicable one is sent. */
export const LEAD_CHAIN: readonly MessageKind[] = ['reminder', 'nudge', 'due-today', 'overdue'];

export interface PlannedMessage {
  /** Stable identity: (what, whom, period, slot). The ledger row key. */
  key: string;
  kind: MessageKind;
  strategyKey?: string;
  priorityKey?: string;
  period?: ReportingPeriod;
  /** For a digest: whose board. */
  boardKey?: string;
  /** Who it goes to, as a role; the person is resolved at send time (cover may change it). */
  audience: 'lead' | 'managers' | 'board-channel';
  localDate: string;
  localTime: string;
  sendAt: Date;
}

/** Due date worked back from the next board meeting: `workingDaysBefore` working days before it. */
export function meetingDueDate(meetings: readonly string[], workingDaysBefore: number, calendar: WorkingCalendar): (opens: string) => string | undefined {
  const sorted = [...meetings].sort();
  return (opens) => {
    for (const meeting of sorted) {
      const due = addWorkingDays(calendar, meeting, -workingDaysBefore);
      if (due > opens) return due;
    }
    return undefined;
  };
}

/** More than a year (the longest period) and its answer window. */
const LOOK_BACK_DAYS = 400;
/** Shorter than the shortest month. */
const STEP_DAYS = 28;

function periodsOpeningBetween(priority: Priority, from: string, to: string, policy: PeriodPolicy): ReportingPeriod[] {
  const out: ReportingPeriod[] = [];
  const seen = new Set<string>();
  // Walk from more than a year before `from`: an annual period that opened then may still be due
  // (and send nudges) now. Steps shorter than any month land in every monthly period, so no
  // period of any frequency is stepped over.
  const days: string[] = [];
  for (let d = addDays(from, -LOOK_BACK_DAYS); d < to; d = addDays(d, STEP_DAYS)) days.push(d);
  days.push(to);
  for (const d of days) {
    const p = reportingPeriodFor(d, priority.frequency, policy);
    if (seen.has(p.label)) continue;
    seen.add(p.label);
    out.push(periodFromLabel(p.label, policy));
  }
  return out;
}

function slot(kind: MessageKind, ref: string, period: string, step: string): string {
  return `${kind}|${ref}|${period}|${step}`;
}

/**
 * Everything the cycle sends between two local dates (inclusive), in time order, for the
 * strategies live on `liveOn` (the last date, unless a plan ahead asks for today's).
 */
export function planCycle(strategies: readonly Strategy[], priorities: readonly Priority[], settings: CycleSettings, calendar: WorkingCalendar, from: string, to: string, boards: readonly Board[] = [], liveOn = to): PlannedMessage[] {
  const out: PlannedMessage[] = [];
  const at = (localDate: string, localTime = settings.sendTime) => ({ localDate, localTime, sendAt: zonedInstant(localDate, localTime, settings.timeZone) });
  const live = new Set(strategies.filter((s) => isStrategyLive(s, liveOn)).map((s) => s.key));
  for (const priority of priorities) {
    if (!live.has(priority.strategyKey) || priority.status !== 'active' || priority.frequency === 'on-request') continue;
    // Nobody to ask (no lead, no deputy): no reminders to nobody, and no managers' notice of an answer nobody was asked for.
    if (hasNoLead(priority)) continue;
    const ref = priorityRef(priority);
    for (const period of periodsOpeningBetween(priority, from, to, settings.periodPolicy)) {
      const base = { strategyKey: priority.strategyKey, priorityKey: priority.key, period };
      const steps: [MessageKind, string, string, PlannedMessage['audience']][] = [['reminder', 'open', workingDayOnOrAfter(calendar, period.opens), 'lead']];
      for (const n of [...settings.nudgeWorkingDaysBeforeDue].sort((a, b) => b - a)) {
        const day = addWorkingDays(calendar, period.due, -n);
        if (day > steps[0]![2]) steps.push(['nudge', `due-${n}wd`, day, 'lead']);
      }
      steps.push(['due-today', 'due', workingDayOnOrBefore(calendar, period.due), 'lead']);
      steps.push(['overdue', 'due+1wd', addWorkingDays(calendar, period.due, 1), 'lead']);
      steps.push(['managers-overdue', `due+${settings.managersAfterWorkingDaysOverdue}wd`, addWorkingDays(calendar, period.due, settings.managersAfterWorkingDaysOverdue), 'managers']);
      for (const [kind, step, day, audience] of steps) {
        if (day < from || day > to || day >= period.closes) continue;
        out.push({ key: slot(kind, ref, period.label, step), kind, ...base, audience, ...at(day) });
      }
    }
  }
  // Each board's digest on its own schedule, for the boards that have a live strategy.
  for (const board of boardsOf(boards, strategies.filter((s) => live.has(s.key)))) {
    const weekday = board.digestWeekday ?? settings.digest.weekday;
    for (let d = from; d <= to; d = addDays(d, 1)) {
      if (new Date(`${d}T12:00:00Z`).getUTCDay() !== weekday) continue;
      const day = workingDayOnOrAfter(calendar, d);
      if (day > to) continue;
      out.push({ key: `digest|${board.key}|${d}|weekly`, kind: 'digest', boardKey: board.key, audience: 'board-channel', ...at(day, board.digestTime ?? settings.digest.time) });
    }
  }
  return out.sort((a, b) => a.sendAt.getTime() - b.sendAt.getTime() || a.key.localeCompare(b.key));
}
