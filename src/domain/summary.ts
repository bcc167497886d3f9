import type { CheckIn } from './check-in';
import { comparePeriods } from './period';
import type { DirectionCounts } from './kpi';

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
  /** As at a date, the parts of "not reported": answers asked for and past due… */
  overdue?: number;
  /** …and priorities nobody is asked about (no lead, no deputy): never "overdue". */
  noLead?: number;
  /** A workstream's projects, counted apart from the priorities (as at a date, when there are any). */
  projects?: ProjectCounts;
  directionOfTravel: DirectionCounts;
}

/** Projects' answers as the digest counts them: "overdue" is a named lead's (the others are their workstream lead's). */
export interface ProjectCounts extends RagCounts {
  notYetDue: number;
  overdue: number;
  noLead: number;
  total: number;
}

/** The latest period any priority of the strategy answered for: what a board paper reports on. */
export function latestReportedPeriod(checkIns: readonly Pick<CheckIn, 'period'>[]): string | undefined {
  return [...new Set(checkIns.map((c) => c.period))].sort(comparePeriods).pop();
}
