import Holidays from 'date-holidays';
import { isWeekend, WEEKDAYS_ONLY, type WorkingCalendar } from '../domain/calendar';

/**
 * Working days from `date-holidays` (offline data): weekends and public/bank holidays of a
 * region, e.g. "GB-ENG" for England and Wales' bank holidays ("GB-SCT", "GB-NIR" for the others).
 * "none" means weekends only.
 */
export function dateHolidaysCalendar(region: string): WorkingCalendar {
  if (region === 'none') return WEEKDAYS_ONLY;
  const [country, state] = region.split('-');
  const hd = state ? new Holidays(country!, state) : new Holidays(country!);
  const cache = new Map<string, string | undefined>();
  const holiday = (date: string): string | undefined => {
    if (!cache.has(date)) {
      // Noon avoids any doubt about which calendar day is meant.
      const found = hd.isHoliday(new Date(`${date}T12:00:00Z`));
      const bank = found ? found.filter((h) => h.type === 'public' || h.type === 'bank') : [];
      cache.set(date, bank.length > 0 ? bank.map((h) => h.name).join(', ') : undefined);
    }
    return cache.get(date);
  };
  return { isWorkingDay: (d) => !isWeekend(d) && holiday(d) === undefined, holidayName: holiday };
}

export function isKnownRegion(region: string): boolean {
  if (region === 'none') return true;
  const [country, state] = region.split('-');
  const countries = new Holidays().getCountries();
  if (!country || !countries[country]) return false;
  if (!state) return true;
  const states = new Holidays().getStates(country) ?? {};
  return state in states;
}
