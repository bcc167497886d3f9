import type { Config } from './config';
import { periodPolicyOf, type CalendarDefaults } from './domain/board-calendar';
import type { WorkingCalendar } from './domain/calendar';
import type { CycleSettings } from './domain/cycle';
import { DEFAULT_ESCALATION_RULES, type EscalationRules } from './domain/escalation';
import type { PeriodPolicy } from './domain/period';
import { dateHolidaysCalendar } from './scheduler/date-holidays-calendar';

/** The board's calendar, periods and cycle settings from configuration. */
export function boardSetup(config: Config): { calendar: WorkingCalendar; periodPolicy: PeriodPolicy; cycle: CycleSettings; rules: EscalationRules; defaults: CalendarDefaults } {
  const calendar = dateHolidaysCalendar(config.cycle.bankHolidays);
  // The install's due dates, worked out as a board's are: a board with no calendar stored runs on these.
  const periodPolicy: PeriodPolicy = periodPolicyOf(config.cycle, config.dueAfterDays, calendar);
  const cycle: CycleSettings = {
    timeZone: config.timeZone,
    sendTime: config.cycle.reminderTime,
    nudgeWorkingDaysBeforeDue: config.cycle.nudgeWorkingDaysBeforeDue,
    managersAfterWorkingDaysOverdue: config.cycle.managersAfterWorkingDaysOverdue,
    digest: { weekday: config.cycle.digestWeekday, time: config.cycle.digestTime },
    periodPolicy,
  };
  const rules = { ...DEFAULT_ESCALATION_RULES, amberPeriodsRunning: config.cycle.amberPeriodsToEscalate };
  // A board whose managers have not set its calendar runs on these: the environment's settings.
  const defaults: CalendarDefaults = {
    meetingDates: config.cycle.meetingDates,
    papersDeadlineWorkingDays: config.cycle.papersDeadlineWorkingDays,
    digest: cycle.digest,
    rules,
    managersAfterWorkingDaysOverdue: config.cycle.managersAfterWorkingDaysOverdue,
  };
  return { calendar, periodPolicy, cycle, rules, defaults };
}
