import type { CheckIn } from './check-in';
import { comparePeriods } from './period';
import type { Rag } from './rag';

/**
 * A priority's "latest state": what the board picture needs of its answers, kept in one record
 * beside the check-ins and written in the same transaction as each of them. The picture of a
 * board then reads one record per priority, however many periods of history it has.
 */
export interface PriorityState {
  strategyKey: string;
  priorityKey: string;
  /** Every answered period's rating (null: answered without one), for "amber N periods running" and "worsened". */
  rags: Record<string, Rag | null>;
  /** How many versions each answered period has ("edited N times"). */
  versions: Record<string, number>;
  /** The current answers of the most recent periods answered, oldest first (at most STATE_ANSWERS), without their texts. */
  answers: AnswerSummary[];
  /** Readings leads gave on check-ins, per KPI key, in period order. */
  readings: Record<string, { period: string; value: number }[]>;
}

/**
 * What the picture needs of an answer: who, when, which rating, and the point for escalation (an
 * escalation reason quotes it). The texts (update, next steps, risks, PLUS groups) stay in the
 * answer's own row: a paper-length update in every state row made the digest read 4.9 times the
 * data it needs (measured in `npm run bench`), and only the papers print the texts.
 */
export type AnswerSummary = Pick<CheckIn, 'strategyKey' | 'priorityKey' | 'period' | 'rag' | 'escalation' | 'submittedBy' | 'submittedByName' | 'onBehalfOf' | 'onBehalfOfName' | 'submittedAt' | 'version' | 'channel'>;

const SUMMARY_FIELDS = ['strategyKey', 'priorityKey', 'period', 'rag', 'escalation', 'submittedBy', 'submittedByName', 'onBehalfOf', 'onBehalfOfName', 'submittedAt', 'version', 'channel'] as const satisfies readonly (keyof AnswerSummary)[];

/** An answer without its texts (also slims a state row written before summaries, when it is next written). */
export function answerSummary(c: AnswerSummary): AnswerSummary {
  const out: Record<string, unknown> = {};
  for (const key of SUMMARY_FIELDS) if (c[key] !== undefined) out[key] = c[key];
  return out as unknown as AnswerSummary;
}

/** Answers kept in the state: this period's and the ones before (a quarter's picture never needs more). */
export const STATE_ANSWERS = 3;

export function emptyState(strategyKey: string, priorityKey: string): PriorityState {
  return { strategyKey, priorityKey, rags: {}, versions: {}, answers: [], readings: {} };
}

/** The state after `checkIn` became the current answer of its period (a new answer or an edit). Pure. */
export function withAnswer(state: PriorityState, checkIn: CheckIn): PriorityState {
  const period = checkIn.period;
  const answers = [...state.answers.filter((a) => a.period !== period), checkIn].map(answerSummary).sort((a, b) => comparePeriods(a.period, b.period)).slice(-STATE_ANSWERS);
  const readings: PriorityState['readings'] = {};
  const keys = new Set([...Object.keys(state.readings), ...Object.keys(checkIn.kpiReadings)]);
  for (const key of keys) {
    // An edit replaces the period's readings: one left empty on the edit is gone.
    const kept = (state.readings[key] ?? []).filter((r) => r.period !== period);
    const value = checkIn.kpiReadings[key];
    const list = value === undefined ? kept : [...kept, { period, value }].sort((a, b) => comparePeriods(a.period, b.period));
    if (list.length > 0) readings[key] = list;
  }
  return {
    strategyKey: state.strategyKey,
    priorityKey: state.priorityKey,
    rags: { ...state.rags, [period]: checkIn.rag ?? null },
    versions: { ...state.versions, [period]: Math.max(checkIn.version, state.versions[period] ?? 0) },
    answers,
    readings,
  };
}

/** The state of a priority from its current answers (the migration, and tests). */
export function stateFromAnswers(strategyKey: string, priorityKey: string, current: readonly CheckIn[]): PriorityState {
  return [...current].sort((a, b) => comparePeriods(a.period, b.period)).reduce(withAnswer, emptyState(strategyKey, priorityKey));
}

/** Readings as answers, so KPI code that reads check-ins reads the state the same way. */
export function readingsAsAnswers(state: PriorityState | undefined, keep: (period: string) => boolean = () => true): { period: string; kpiReadings: Record<string, number> }[] {
  if (!state) return [];
  const byPeriod = new Map<string, Record<string, number>>();
  for (const [key, list] of Object.entries(state.readings)) {
    for (const r of list) {
      if (!keep(r.period)) continue;
      const readings = byPeriod.get(r.period) ?? {};
      readings[key] = r.value;
      byPeriod.set(r.period, readings);
    }
  }
  return [...byPeriod.entries()].sort(([a], [b]) => comparePeriods(a, b)).map(([period, kpiReadings]) => ({ period, kpiReadings }));
}
