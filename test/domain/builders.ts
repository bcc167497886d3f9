import type { CheckIn } from '../../src/domain/check-in';
import type { Kpi, KpiFlags } from '../../src/domain/kpi';
import type { Rag } from '../../src/domain/rag';

/** Object Mothers: each test says only what matters to it. */
export function aKpi() {
  const kpi: Kpi = { key: 'k', name: 'Indicator', unit: '%', polarity: 'high-is-good', baseline: { period: '2022/23', value: 50 }, readings: [] };
  const b = {
    lowIsGood: () => ((kpi.polarity = 'low-is-good'), b),
    baseline: (value: number, period = '2022/23') => ((kpi.baseline = { period, value }), b),
    latest: (value: number, period = '2024/25') => (kpi.readings.push({ period, value }), b),
    target: (value: number, by?: string) => ((kpi.target = { value, ...(by ? { by } : {}) }), b),
    flagged: (flag: keyof KpiFlags, reason: string) => ((kpi.flags = { ...kpi.flags, [flag]: reason }), b),
    build: (): Kpi => structuredClone(kpi),
  };
  return b;
}

export function aCheckIn() {
  const c: CheckIn = { strategyKey: 's', priorityKey: 'p', period: '2024-Q3', rag: 'amber', update: 'Update', plusGroups: {}, kpiReadings: {}, submittedBy: 'x', submittedByName: 'X', submittedAt: '2024-10-02T09:00:00.000Z', version: 1, submissionId: 'sub-1' };
  const rag = (r: Rag) => ((c.rag = r), b);
  const b = { red: () => rag('red'), amber: () => rag('amber'), green: () => rag('green'), forPeriod: (p: string) => ((c.period = p), b), build: (): CheckIn => structuredClone(c) };
  return b;
}
