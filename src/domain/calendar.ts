import { addDays } from './period';

/** Which days a board works: weekends and bank holidays are not. An adapter supplies the holidays. */
export interface WorkingCalendar {
  isWorkingDay(date: string): boolean;
  /** Name of the holiday on `date`, if any (for previews). */
  holidayName(date: string): string | undefined;
}

/** The first working day on or after `date`. */
export function workingDayOnOrAfter(calendar: WorkingCalendar, date: string): string {
  let d = date;
  for (let i = 0; i < 30 && !calendar.isWorkingDay(d); i++) d = addDays(d, 1);
  return d;
}

/** The last working day on or before `date`. */
export function workingDayOnOrBefore(calendar: WorkingCalendar, date: string): string {
  let d = date;
  for (let i = 0; i < 30 && !calendar.isWorkingDay(d); i++) d = addDays(d, -1);
  return d;
}

/** `n` working days after (n > 0) or before (n < 0) `date`, not counting `date` itself. */
export function addWorkingDays(calendar: WorkingCalendar, date: string, n: number): string {
  let d = date;
  const step = n >= 0 ? 1 : -1;
  for (let left = Math.abs(n); left > 0; ) {
    d = addDays(d, step);
    if (calendar.isWorkingDay(d)) left -= 1;
  }
  return d;
}


export function isWeekend(date: string): boolean {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

/** Weekends only: for boards without a holiday list, and for tests. */
export const WEEKDAYS_ONLY: WorkingCalendar = { isWorkingDay: (d) => !isWeekend(d), holidayName: () => undefined };
