import type { CheckIn } from './check-in';
import { comparePeriods } from './period';
import { countDirections, type DirectionCounts, type Kpi } from './kpi';
import type { Priority, Strategy } from './strategy';

export interface RagCounts {
  red: number;
  amber: number;
  green: number;
  notReported: number;
}

export interface StrategySummary {
  strategy: string;
  /** The strategy's own period as at the date (each priority is judged on its own), or the period printed. */
  period: string | null;
  /** The date the picture was taken at. */
  asAt?: string;
  rag: RagCounts;
  /** Not answered and not yet overdue (counted apart from "not reported"). */
  notYetDue?: number;
  directionOfTravel: DirectionCounts;
}

/** The latest period any priority of the strategy answered for: what a board paper reports on. */
export function latestReportedPeriod(checkIns: readonly CheckIn[]): string | undefined {
  return [...new Set(checkIns.map((c) => c.period))].sort(comparePeriods).pop();
}

/** Every KPI of the strategy, with readings leads gave on check-ins added after the seeded ones. */
export function strategyKpis(strategy: Strategy, priorities: readonly Priority[], checkIns: readonly CheckIn[]): Kpi[] {
  const all = [...strategy.kpis, ...priorities.flatMap((p) => p.kpis)];
  return all.map((kpi) => {
    const extra = checkIns
      .filter((c) => (kpi.priorityKey === undefined || c.priorityKey === kpi.priorityKey) && c.kpiReadings[kpi.key] !== undefined)
      .sort((a, b) => comparePeriods(a.period, b.period))
      .map((c) => ({ period: c.period, value: c.kpiReadings[kpi.key]! }));
    return extra.length === 0 ? kpi : { ...kpi, readings: [...kpi.readings, ...extra] };
  });
}

/**
 * The counts board papers print: RAG for one period over the priorities being reported on
 * (proposed ones are not), and direction of travel of every KPI against its baseline.
 */
export function summarise(strategy: Strategy, priorities: readonly Priority[], checkIns: readonly CheckIn[], period?: string, themeKey?: string): StrategySummary {
  const reported = priorities.filter((p) => p.status !== 'proposed' && (themeKey === undefined || p.themeKey === themeKey));
  const keys = new Set(reported.map((p) => p.key));
  const inScope = checkIns.filter((c) => keys.has(c.priorityKey));
  const label = period ?? latestReportedPeriod(inScope);
  const rag: RagCounts = { red: 0, amber: 0, green: 0, notReported: 0 };
  for (const p of reported) {
    const answer = inScope.find((c) => c.priorityKey === p.key && c.period === label);
    if (answer?.rag) rag[answer.rag] += 1;
    else rag.notReported += 1;
  }
  const kpis = strategyKpis(strategy, reported, inScope).filter((k) => themeKey === undefined || k.themeKey === themeKey || (k.priorityKey !== undefined && keys.has(k.priorityKey)));
  return { strategy: strategy.key, period: label ?? null, rag, directionOfTravel: countDirections(kpis) };
}
