import type { Config } from './config';
import type { WorkingCalendar } from './domain/calendar';
import { meetingDueDate, type CycleSettings } from './domain/cycle';
import { DEFAULT_ESCALATION_RULES, type EscalationRules } from './domain/escalation';
import type { PeriodPolicy } from './domain/period';
import { dateHolidaysCalendar } from './scheduler/date-holidays-calendar';

/** The board's calendar, periods and cycle settings from configuration. */
export function boardSetup(config: Config): { calendar: WorkingCalendar; periodPolicy: PeriodPolicy; cycle: CycleSettings; rules: EscalationRules } {
  const calendar = dateHolidaysCalendar(config.cycle.bankHolidays);
  const periodPolicy: PeriodPolicy = { dueAfterDays: config.dueAfterDays };
  if (config.cycle.meetingDates.length > 0) periodPolicy.dueOverride = meetingDueDate(config.cycle.meetingDates, config.cycle.papersDeadlineWorkingDays, calendar);
  const cycle: CycleSettings = {
    timeZone: config.timeZone,
    sendTime: config.cycle.reminderTime,
    nudgeWorkingDaysBeforeDue: config.cycle.nudgeWorkingDaysBeforeDue,
    managersAfterWorkingDaysOverdue: config.cycle.managersAfterWorkingDaysOverdue,
    digest: { weekday: config.cycle.digestWeekday, time: config.cycle.digestTime },
    periodPolicy,
  };
  return { calendar, periodPolicy, cycle, rules: { ...DEFAULT_ESCALATION_RULES, amberPeriodsRunning: config.cycle.amberPeriodsToEscalate } };
}
