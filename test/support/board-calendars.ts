import type { BoardCalendar } from '../../src/domain/board-calendar';
import { DEFAULT_ESCALATION_RULES } from '../../src/domain/escalation';
import type { Frequency } from '../../src/domain/period';

/** A board's calendar as the install's defaults give it (Monday 09:00 digest, no meetings), changed step by step. */
export function aBoardCalendar(boardKey: string) {
  const c: BoardCalendar = { boardKey, frequencies: {}, meetingDates: [], papersDeadlineWorkingDays: 10, digest: { weekday: 1, time: '09:00' }, rules: { ...DEFAULT_ESCALATION_RULES }, managersAfterWorkingDaysOverdue: 5 };
  const b = {
    digestOn(weekday: number, time: string) {
      c.digest = { weekday, time };
      return b;
    },
    meetings(...dates: string[]) {
      c.meetingDates = dates;
      return b;
    },
    frequency(ref: string, f: Frequency) {
      c.frequencies[ref] = f;
      return b;
    },
    build: (): BoardCalendar => structuredClone(c),
  };
  return b;
}
