import { directionOfTravel, latestReading, type Kpi } from './kpi';
import { offTargetTrajectory } from './escalation';
import type { Rag } from './rag';

export interface KpiJudgement {
  kpi: Kpi;
  rag: Rag;
  why: string;
}

/**
 * What a priority's KPIs say, for the ones with a target:
 * green when the latest reading is on or ahead of the straight line from baseline to target;
 * amber when behind it but better than baseline; red when no better than baseline.
 * KPIs without a target, a reading, or comparable data say nothing.
 */
export function judgeKpi(kpi: Kpi): KpiJudgement | undefined {
  const latest = latestReading(kpi);
  if (!kpi.target || !latest) return undefined;
  const direction = directionOfTravel(kpi);
  if (direction === 'notComparable' || direction === undefined) return undefined;
  const met = kpi.polarity === 'high-is-good' ? latest.value >= kpi.target.value : latest.value <= kpi.target.value;
  if (met) return { kpi, rag: 'green', why: `${kpi.name}: ${latest.value} meets the target of ${kpi.target.value}` };
  const behind = kpi.target.by === undefined ? undefined : offTargetTrajectory(kpi);
  if (direction === 'improved' && !behind) return { kpi, rag: 'green', why: `${kpi.name}: ${latest.value} is on track for ${kpi.target.value}` };
  if (direction === 'improved') return { kpi, rag: 'amber', why: `${kpi.name}: ${latest.value} is better than baseline but behind the trajectory (${behind!.expected} expected)` };
  return { kpi, rag: 'red', why: `${kpi.name}: ${latest.value} is no better than the baseline of ${kpi.baseline.value}` };
}

/** The RAG the KPIs suggest: the worst judgement among KPIs with targets; undefined when none has one. */
export function suggestRag(kpis: readonly Kpi[]): { rag: Rag; reasons: string[] } | undefined {
  const judged = kpis.map(judgeKpi).filter((j): j is KpiJudgement => j !== undefined);
  if (judged.length === 0) return undefined;
  const order: Rag[] = ['red', 'amber', 'green'];
  const rag = order.find((r) => judged.some((j) => j.rag === r))!;
  return { rag, reasons: judged.filter((j) => j.rag === rag).map((j) => j.why) };
}
