import { isRag, RAG_LABELS, type Rag } from './rag';
import { describeRange, readingRange } from './kpi';
import type { Priority } from './strategy';

/** One answer for one priority and period; edits make a new version and keep the old ones. */
export interface CheckIn {
  strategyKey: string;
  priorityKey: string;
  period: string;
  rag?: Rag;
  update: string;
  nextSteps?: string;
  risks?: string;
  /** PLUS group key → impact text. */
  plusGroups: Record<string, string>;
  escalation?: string;
  /** Why the rating differs from the one the KPIs suggested. */
  ragReason?: string;
  /** KPI key → reading for this period. */
  kpiReadings: Record<string, number>;
  /** Person id of who pressed submit (or a name, for answers taken from board papers). */
  submittedBy: string;
  submittedByName: string;
  /** Person id the answer was given for, when a deputy answered. */
  onBehalfOf?: string;
  onBehalfOfName?: string;
  submittedAt: string;
  version: number;
  /** Identifies the card submission, so a retried submit never makes a second version. */
  submissionId: string;
  source?: string;
  /** Where the answer was given: a Teams card, or the web page behind an emailed link. */
  channel?: AnswerChannel;
  /**
   * The lead ticked "No change since last period": the update is the previous period's word for
   * word, and they say so (the paper prints it as such).
   */
  noChange?: boolean;
}

export type AnswerChannel = 'teams' | 'web';

export const TEXT_LIMITS = { update: 4000, nextSteps: 2000, risks: 2000, escalation: 1000, plusGroup: 1000, ragReason: 300 } as const;

export interface CheckInAnswer {
  rag: Rag;
  update: string;
  nextSteps?: string;
  risks?: string;
  escalation?: string;
  ragReason?: string;
  plusGroups: Record<string, string>;
  kpiReadings: Record<string, number>;
  noChange?: true;
}

export type FieldErrors = Record<string, string>;

/** A failed validation keeps the values as typed, and the readings that did parse (the suggestion shown again uses them). */
export type Validation<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors; values: Record<string, string>; readings: Record<string, number> };

function text(raw: Record<string, unknown>, key: string): string {
  const v = raw[key];
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return '';
}

/**
 * Strips control characters except newlines and tabs, the noncharacters U+FFFE / U+FFFF and lone
 * surrogates (none is text a person meant; each breaks XML, the Word paper among it), and trims.
 */
export function cleanText(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF\p{Cs}]/gu, '').trim();
}

/**
 * Digits with at most one decimal point; thousands grouped by commas only in proper groups of
 * three (1,234 and 12,345.6, never 1,2,3,4); an optional minus (the range decides if it may be
 * negative) and a trailing "%".
 */
const READING = /^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
/** A double holds 15 significant digits exactly; a longer reading is a typing slip, not a measure. */
const MAX_DIGITS = 15;

/** A typed KPI reading as a number, or undefined when it is not one. */
export function parseReading(typed: string): number | undefined {
  const v = typed.trim().replace(/\s*%$/, '');
  if (!READING.test(v)) return undefined;
  const digits = v.replace(/[^\d]/g, '').replace(/^0+/, '');
  if (digits.length > MAX_DIGITS) return undefined;
  const n = Number(v.replace(/,/g, ''));
  return Number.isFinite(n) ? n : undefined;
}

/** Input ids used on the check-in card, shared by the card builder and the validator. */
export const INPUT_IDS = {
  rag: 'rag',
  update: 'update',
  nextSteps: 'nextSteps',
  risks: 'risks',
  escalation: 'escalation',
  ragReason: 'ragReason',
  /** The "No change since last period" tick (an Input.Toggle: "true" when ticked). */
  noChange: 'noChange',
  plusGroup: (key: string) => `plus_${key}`,
  kpi: (key: string) => `kpi_${key}`,
} as const;

/** The answer of the period before, as the card showed it above the inputs. */
export interface PreviousAnswer {
  period: string;
  update: string;
}

/** The same words, whatever the spacing and line breaks (a paste may change those). */
function sameWords(a: string, b: string): boolean {
  const words = (t: string) => cleanText(t).split(/\s+/).join(' ');
  return words(a) === words(b);
}

/** The value an Input.Toggle sends when ticked. */
export const TICKED = 'true';

/**
 * Validates the raw inputs of a check-in card against the priority it is for.
 * Never throws: bad input comes back as messages per field, with the values as typed so the card
 * can be shown again without losing them.
 */
export function validateCheckInAnswer(
  raw: Record<string, unknown>,
  priority: Pick<Priority, 'kpis'>,
  plusGroupKeys: readonly string[],
  /** The RAG the KPIs suggest, given the readings typed: a different choice needs a reason. */
  suggest?: (kpiReadings: Record<string, number>) => Rag | undefined,
  /**
   * Last period's answer: an update word for word the same needs the "No change since last
   * period" tick, so a card submitted as it was filled in is never taken for news.
   */
  previous?: PreviousAnswer,
): Validation<CheckInAnswer> {
  const errors: FieldErrors = {};
  const values: Record<string, string> = {};
  const take = (key: string) => {
    const v = cleanText(text(raw, key));
    values[key] = v;
    return v;
  };

  const rag = take(INPUT_IDS.rag).toLowerCase();
  if (rag === '') errors[INPUT_IDS.rag] = 'Choose Red, Amber or Green.';
  else if (!isRag(rag)) errors[INPUT_IDS.rag] = 'The rating must be Red, Amber or Green.';

  const update = take(INPUT_IDS.update);
  if (update === '') errors[INPUT_IDS.update] = 'Write a progress update.';

  const limited: [string, number, string][] = [
    [INPUT_IDS.update, TEXT_LIMITS.update, 'The update'],
    [INPUT_IDS.nextSteps, TEXT_LIMITS.nextSteps, 'Next steps'],
    [INPUT_IDS.risks, TEXT_LIMITS.risks, 'Risks and mitigations'],
    [INPUT_IDS.escalation, TEXT_LIMITS.escalation, 'The point for escalation'],
  ];
  const texts: Record<string, string> = {};
  for (const [id, max, what] of limited) {
    const v = id === INPUT_IDS.update ? update : take(id);
    texts[id] = v;
    if (v.length > max) errors[id] = `${what} is ${v.length} characters; the limit is ${max}.`;
  }

  const plusGroups: Record<string, string> = {};
  for (const key of plusGroupKeys) {
    const id = INPUT_IDS.plusGroup(key);
    const v = take(id);
    if (v.length > TEXT_LIMITS.plusGroup) errors[id] = `This note is ${v.length} characters; the limit is ${TEXT_LIMITS.plusGroup}.`;
    else if (v !== '') plusGroups[key] = v;
  }

  const kpiReadings: Record<string, number> = {};
  for (const kpi of priority.kpis) {
    const id = INPUT_IDS.kpi(kpi.key);
    const typed = take(id);
    if (typed === '') continue;
    const n = parseReading(typed);
    const range = readingRange(kpi);
    if (n === undefined) errors[id] = `${kpi.name}: enter a number (like 12.5 or 1,234), or leave it empty.`;
    else if ((range.min !== undefined && n < range.min) || (range.max !== undefined && n > range.max)) errors[id] = `${kpi.name}: enter a reading ${describeRange(range)} (${kpi.unit}), or leave it empty.`;
    else kpiReadings[kpi.key] = n;
  }

  const ragReason = take(INPUT_IDS.ragReason);
  if (ragReason.length > TEXT_LIMITS.ragReason) errors[INPUT_IDS.ragReason] = `The reason is ${ragReason.length} characters; one line of at most ${TEXT_LIMITS.ragReason}, please.`;
  const suggested = errors[INPUT_IDS.rag] === undefined && suggest ? suggest(kpiReadings) : undefined;
  if (suggested && isRag(rag) && rag !== suggested && ragReason === '') {
    errors[INPUT_IDS.ragReason] = `The KPIs suggest ${RAG_LABELS[suggested]}. You chose ${RAG_LABELS[rag]}: say in one line why.`;
  }

  // The tick means something only beside last period's answer; without one it is ignored.
  const ticked = previous !== undefined && take(INPUT_IDS.noChange) === TICKED;
  if (previous && update !== '' && errors[INPUT_IDS.update] === undefined) {
    const same = sameWords(update, previous.update);
    if (same && !ticked) errors[INPUT_IDS.noChange] = `This update is the ${previous.period} update word for word. If nothing has changed, tick "No change since last period"; otherwise say what happened this period.`;
    else if (!same && ticked) errors[INPUT_IDS.noChange] = `You ticked "No change since last period", but the update differs from the ${previous.period} one. Untick it, or keep the ${previous.period} update as it was.`;
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors, values, readings: kpiReadings };
  const optional = (v: string) => (v === '' ? undefined : v);
  return {
    ok: true,
    value: {
      rag: rag as Rag,
      update,
      nextSteps: optional(texts[INPUT_IDS.nextSteps] ?? ''),
      risks: optional(texts[INPUT_IDS.risks] ?? ''),
      escalation: optional(texts[INPUT_IDS.escalation] ?? ''),
      ...(suggested && rag !== suggested ? { ragReason } : {}),
      plusGroups,
      kpiReadings,
      ...(ticked ? { noChange: true as const } : {}),
    },
  };
}
