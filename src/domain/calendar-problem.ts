/**
 * Why one input of a board's calendar card is refused: a code and what was typed (cut short);
 * `wording.ts` says it in words. Apart from board-calendar.ts so wording needs nothing else of it.
 */
export type CalendarProblem =
  | { field: string; code: 'bad-date'; input: string }
  | { field: string; code: 'too-many-dates'; count: number; max: number }
  | { field: string; code: 'bad-number'; input: string; min: number; max: number }
  | { field: string; code: 'bad-weekday'; input: string }
  | { field: string; code: 'bad-time'; input: string }
  | { field: string; code: 'time-in-dst-hour'; input: string }
  | { field: string; code: 'bad-frequency'; input: string; priority: string };

