import type { AnswerSummary } from './priority-state';
import { directionOfTravel, latestReading, type Kpi } from './kpi';
import { previousPeriodLabel, type ReportingPeriod } from './period';
import { RAG_LABELS, ragScore, type Rag } from './rag';
import { hasNoLead, type Priority } from './strategy';
import { longDate, plural } from './wording';

/** The board's escalation rules (PRODUCT.md); each can be switched off per board. */
export interface EscalationRules {
  red: boolean;
  /** Amber this many periods running escalates (0 = off). The board's rule since 2023: two. */
  amberPeriodsRunning: number;
  worsened: boolean;
  escalationPoint: boolean;
  overdue: boolean;
  kpiWorsened: boolean;
  kpiOffTarget: boolean;
}

export const DEFAULT_ESCALATION_RULES: EscalationRules = { red: true, amberPeriodsRunning: 2, worsened: true, escalationPoint: true, overdue: true, kpiWorsened: true, kpiOffTarget: true };

export const REASONS = ['red', 'amber-running', 'worsened', 'escalation-point', 'overdue', 'kpi-worsened', 'kpi-off-target'] as const;
export type Reason = (typeof REASONS)[number];

export const REASON_TITLES: Readonly<Record<Reason, string>> = {
  red: RAG_LABELS.red,
  'amber-running': 'Amber for two or more periods running',
  worsened: 'RAG worsened since last period',
  'escalation-point': 'Point for escalation raised',
  overdue: 'Overdue',
  'kpi-worsened': 'KPI worse than baseline',
  'kpi-off-target': 'KPI off its target trajectory',
};

/** One reason a priority is listed; a project's reason says which project, and how overdue its answer is. */
export interface ReasonLine {
  reason: Reason;
  detail: string;
  project?: { key: string; title: string; daysOverdue?: number };
}

export interface Escalation {
  priority: Priority;
  period: ReportingPeriod;
  reasons: ReasonLine[];
  current?: AnswerSummary;
}

/** A year (as a decimal) from a period label as printed: "2023/24" → 2024.0, "2024-Q3" → 2024.6, "2027" → 2027.5. */
export function yearOf(label: string): number | undefined {
  const fy = /^(\d{4})\/(\d{2})$/.exec(label);
  if (fy) return Number(fy[1]) + 1;
  const q = /^(\d{4})-Q([1-4])$/.exec(label);
  if (q) return Number(q[1]) + (Number(q[2]) * 3 - 1.5) / 12;
  const m = /^(\d{4})-(\d{2})/.exec(label);
  if (m) return Number(m[1]) + (Number(m[2]) - 0.5) / 12;
  const y = /(\d{4})/.exec(label);
  return y ? Number(y[1]) + 0.5 : undefined;
}

/**
 * Off its target trajectory: the straight line from baseline to target by its date, read at the
 * latest reading, and the latest value on the wrong side of it (polarity-aware).
 */
export function offTargetTrajectory(kpi: Kpi): { expected: number; latest: number } | undefined {
  const latest = latestReading(kpi);
  if (!kpi.target || !latest || kpi.target.by === undefined) return undefined;
  const [y0, y1, yl] = [yearOf(kpi.baseline.period), yearOf(kpi.target.by), yearOf(latest.period)];
  if (y0 === undefined || y1 === undefined || yl === undefined || y1 <= y0) return undefined;
  const share = Math.min(1, Math.max(0, (yl - y0) / (y1 - y0)));
  const expected = kpi.baseline.value + (kpi.target.value - kpi.baseline.value) * share;
  const behind = kpi.polarity === 'high-is-good' ? latest.value < expected : latest.value > expected;
  return behind ? { expected: Math.round(expected * 100) / 100, latest: latest.value } : undefined;
}

/** What one priority's position gives the board to look at, by the board's rules. Pure. */
export function escalationReasons(input: {
  priority: Priority;
  period: ReportingPeriod;
  answer?: AnswerSummary;
  /** The rating given for a period (null: answered without one; undefined: not answered). */
  previousRag: (label: string) => Rag | null | undefined;
  /** The priority's KPIs with the readings leads gave. */
  kpis: readonly Kpi[];
  rules: EscalationRules;
  asAt: string;
}): Escalation['reasons'] {
  const { priority, period, answer: current, previousRag, kpis, rules, asAt } = input;
  const reasons: Escalation['reasons'] = [];
  const previousLabel = previousPeriodLabel(period.label);
  const previous = previousRag(previousLabel);
  if (current?.rag === 'red' && rules.red) reasons.push({ reason: 'red', detail: `Red for ${period.label}` });
  if (current?.rag === 'amber' && rules.amberPeriodsRunning > 0) {
    let running = 1;
    for (let label = previousLabel; previousRag(label) === 'amber'; label = previousPeriodLabel(label)) running += 1;
    if (running >= rules.amberPeriodsRunning) reasons.push({ reason: 'amber-running', detail: `Amber for ${running} periods running` });
  }
  if (rules.worsened && current?.rag && previous && ragScore(current.rag) < ragScore(previous)) reasons.push({ reason: 'worsened', detail: `${previous} in ${previousLabel} → ${current.rag} in ${period.label}` });
  if (rules.escalationPoint && current?.escalation) reasons.push({ reason: 'escalation-point', detail: current.escalation });
  // Overdue means someone was asked: a priority with no lead (nor deputy) is "No lead", listed apart.
  if (rules.overdue && !current && !hasNoLead(priority) && asAt > period.due && asAt < period.closes) {
    const days = daysOverdue(period, asAt);
    reasons.push({ reason: 'overdue', detail: `${plural(days, 'day')} overdue (due ${longDate(period.due)})` });
  }
  for (const kpi of kpis.filter((k) => k.priorityKey === priority.key)) {
    if (rules.kpiWorsened && directionOfTravel(kpi) === 'worsened') reasons.push({ reason: 'kpi-worsened', detail: `${kpi.name}: ${kpi.baseline.value} → ${latestReading(kpi)!.value} ${kpi.unit}` });
    const off = rules.kpiOffTarget ? offTargetTrajectory(kpi) : undefined;
    if (off) reasons.push({ reason: 'kpi-off-target', detail: `${kpi.name}: ${off.latest} ${kpi.unit}, trajectory to ${kpi.target!.value} by ${kpi.target!.by} expects ${off.expected}` });
  }
  return reasons;
}

/** Days a period's answer has been overdue on `today` (0 if not yet due). */
export function daysOverdue(period: ReportingPeriod, today: string): number {
  return today > period.due ? Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${period.due}T00:00:00Z`)) / 86_400_000) : 0;
}

