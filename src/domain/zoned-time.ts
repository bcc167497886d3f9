/**
 * Local wall-clock time in a time zone ↔ UTC instants, with Intl only (pure, DST-aware).
 * Times in the spring-forward gap do not exist; the board never schedules 01:00–02:00 local.
 */
function offsetMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(instant);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - instant.getTime()) / 60_000);
}

/** The instant at which it is `time` (HH:MM) on `date` (YYYY-MM-DD) in `timeZone`. */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const naive = Date.parse(`${date}T${time}:00Z`);
  let guess = naive - offsetMinutes(new Date(naive), timeZone) * 60_000;
  // A second pass settles instants near a DST change, where the first guess used the other offset.
  guess = naive - offsetMinutes(new Date(guess), timeZone) * 60_000;
  return new Date(guess);
}

/** Local date and time (HH:MM) of an instant in `timeZone`. */
export function localParts(instant: Date, timeZone: string): { date: string; time: string; weekday: number } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'short' }).formatToParts(instant);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}`, weekday };
}

/** How a board's times are written (configuration, seeds): HH:MM, 24-hour. */
export const LOCAL_TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
export const LOCAL_TIME_EXPECTED = 'expected HH:MM, 24-hour';

/** 01:00–02:00 local is where clocks change on DST days (skipped in spring, twice in autumn): nothing is scheduled then. */
export function isInClockChangeHour(time: string): boolean {
  return time >= '01:00' && time < '02:00';
}
export const CLOCK_CHANGE_REFUSAL = 'nothing is scheduled between 01:00 and 02:00, where clocks change on DST days. Choose another time.';

/** Weekday names in the order `Date.getUTCDay()` numbers them (Sunday is 0). */
export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
