/** KPIs (indicators) and their direction of travel against baseline, as the board papers count it. */
export type Polarity = 'high-is-good' | 'low-is-good';

export interface Reading {
  period: string;
  value: number;
  note?: string;
}

export interface KpiFlags {
  definitionChanged?: string;
  dataQuality?: string;
  revisedBaseline?: string;
}

export interface Kpi {
  key: string;
  name: string;
  priorityKey?: string;
  projectKey?: string;
  themeKey?: string;
  unit: string;
  polarity: Polarity;
  /** The baseline the board's judgement uses. */
  baseline: Reading;
  /** Where the paper revised the baseline, the one it replaced. */
  originalBaseline?: Reading;
  readings: Reading[];
  target?: { value: number; by?: string; source?: string };
  flags?: KpiFlags;
  notes?: string;
  /** Bounds a reading must keep, where the unit's own (see `readingRange`) do not fit. */
  min?: number;
  max?: number;
}

/** A percentage by its unit, as the seeds write it: "%", "% of adults", "per cent", "percent". */
export function isPercentage(unit: string): boolean {
  return /%|\bper\s?cent\b/i.test(unit);
}

/**
 * What a reading may be: the indicator's own bounds where the seed gives them; otherwise a
 * percentage is 0 to 100, and anything else (a count, a rate per 100,000, a score) is 0 or more.
 */
export function readingRange(kpi: Pick<Kpi, 'unit' | 'min' | 'max'>): { min: number | undefined; max: number | undefined } {
  return { min: kpi.min ?? 0, max: kpi.max ?? (isPercentage(kpi.unit) ? 100 : undefined) };
}

/** The range in words, for a field message: "from 0 to 100", "0 or more", "at most 10". */
export function describeRange(range: { min: number | undefined; max: number | undefined }): string {
  if (range.min !== undefined && range.max !== undefined) return `from ${range.min} to ${range.max}`;
  if (range.min !== undefined) return `${range.min} or more`;
  if (range.max !== undefined) return `at most ${range.max}`;
  return 'any number';
}

export const DIRECTIONS = ['improved', 'same', 'worsened', 'notComparable'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const DIRECTION_LABELS: Readonly<Record<Direction, string>> = {
  improved: 'Improved',
  same: 'Same',
  worsened: 'Worsened',
  notComparable: 'Not comparable',
};

export const DIRECTION_ARROWS: Readonly<Record<Direction, string>> = {
  improved: '↗ improved',
  same: '→ same',
  worsened: '↘ worsened',
  notComparable: '≠ not comparable',
};

export function latestReading(kpi: Pick<Kpi, 'readings'>): Reading | undefined {
  return kpi.readings.length > 0 ? kpi.readings[kpi.readings.length - 1] : undefined;
}

/** Why a KPI cannot be compared with its baseline, if the data says so. */
export function notComparableReason(kpi: Pick<Kpi, 'flags'>): string | undefined {
  return kpi.flags?.definitionChanged ?? kpi.flags?.dataQuality;
}

/**
 * Direction of travel of the latest reading against baseline, polarity-aware.
 * "Not comparable" only when the data carries a flag with its reason (definition changed, data issue);
 * a KPI with no reading yet has no direction.
 */
export function directionOfTravel(kpi: Pick<Kpi, 'baseline' | 'readings' | 'polarity' | 'flags'>): Direction | undefined {
  if (notComparableReason(kpi) !== undefined) return 'notComparable';
  const latest = latestReading(kpi);
  if (latest === undefined) return undefined;
  if (latest.value === kpi.baseline.value) return 'same';
  const rose = latest.value > kpi.baseline.value;
  return rose === (kpi.polarity === 'high-is-good') ? 'improved' : 'worsened';
}

export type DirectionCounts = Record<Direction, number>;

export function countDirections(kpis: readonly Kpi[]): DirectionCounts {
  const counts: DirectionCounts = { improved: 0, same: 0, worsened: 0, notComparable: 0 };
  for (const kpi of kpis) {
    const d = directionOfTravel(kpi);
    if (d !== undefined) counts[d] += 1;
  }
  return counts;
}

/** Readings leads gave on check-ins count after the seeded ones, in the order given (period order). */
export function withCheckInReadings(kpi: Kpi, answers: readonly { period: string; kpiReadings: Record<string, number> }[]): Kpi {
  const extra = answers.filter((c) => c.kpiReadings[kpi.key] !== undefined).map((c) => ({ period: c.period, value: c.kpiReadings[kpi.key]! }));
  return extra.length === 0 ? kpi : { ...kpi, readings: [...kpi.readings, ...extra] };
}

/** A target as the papers print it: "95 by 2027 (WHO)". One wording for the paper, the status card and the monitoring sheet. */
export function targetText(target: NonNullable<Kpi['target']>): string {
  return `${target.value}${target.by ? ` by ${target.by}` : ''}${target.source ? ` (${target.source})` : ''}`;
}
