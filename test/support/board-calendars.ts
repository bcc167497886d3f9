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

/**
 * What Teams sends on Save: every input's value as a string (as typed, or as the card set it),
 * with the action's data; `changes` are what the manager changed on the card.
 */
export function saveFrom(card: Record<string, unknown>, changes: Record<string, string>): { verb: string; data: Record<string, unknown> } {
  const values: Record<string, unknown> = {};
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const n = node as Record<string, unknown>;
    if (typeof n.type === 'string' && n.type.startsWith('Input.') && typeof n.id === 'string') values[n.id] = n.value === undefined ? '' : String(n.value);
    for (const v of Object.values(n)) walk(v);
  };
  walk(card.body);
  const action = (card.actions as Record<string, unknown>[]).find((a) => a.type === 'Action.Execute')!;
  return { verb: String(action.verb), data: { ...(action.data as Record<string, unknown>), ...values, ...changes } };
}
