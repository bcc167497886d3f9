/** Dates as people type them in chat: 2026-12-18, 18/12/2026, 18 Dec, 18 December 2026. */
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function valid(y: number, m: number, d: number): string | undefined {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}

/** The date meant, or undefined; a day and month without a year is the next such day from `today`. */
export function parseDateInput(text: string, today: string): string | undefined {
  const t = text.trim().toLowerCase().replace(/(\d)(st|nd|rd|th)\b/g, '$1');
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) return valid(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(t);
  if (m) return valid(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{1,2}) ([a-z]+)(?: (\d{4}))?$/.exec(t);
  if (m) {
    const month = MONTHS.indexOf(m[2]!.slice(0, 3)) + 1;
    if (month === 0 || (m[2]!.length > 3 && !m[2]!.startsWith(MONTHS[month - 1]!))) return undefined;
    if (m[3]) return valid(Number(m[3]), month, Number(m[1]));
    const year = Number(today.slice(0, 4));
    const thisYear = valid(year, month, Number(m[1]));
    return thisYear !== undefined && thisYear >= today ? thisYear : valid(year + 1, month, Number(m[1]));
  }
  return undefined;
}
