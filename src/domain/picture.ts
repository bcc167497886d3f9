import type { CheckIn } from './check-in';
import type { Reason, ReasonLine, EscalationRules } from './escalation';
import { escalationReasons } from './escalation';
import { countDirections, directionOfTravel, withCheckInReadings, type Direction, type DirectionCounts, type Kpi } from './kpi';
import { comparePeriods, lastEditableDay, periodFromLabel, periodSpan, reportingPeriodFor, type PeriodPolicy, type PolicyByBoard, type ReportingPeriod } from './period';
import { boardOf } from './board';
import { readingsAsAnswers, stateFromAnswers, type AnswerSummary, type PriorityState } from './priority-state';
import { hasNoLead, isStrategyLive, priorityRef, priorityRefOf, type Priority, type Project, type Strategy } from './strategy';
import { hasNamedLead, projectUnit } from './project';
import { longDate, plural } from './wording';
import { compareNumbers } from './wording';
import { latestReportedPeriod, type RagCounts } from './summary';

/**
 * A board's picture *as at* a date: the one source of every count and list the board reads.
 * `summary`, `overdue`, `red`, `status`, the digest and every paper format are views of it, so a
 * count can never differ between two of them.
 *
 * A live strategy is judged priority by priority, each on its own current period by its own
 * frequency (an annual priority on its year, never as "not reported" in a quarter). A strategy
 * that has ended is judged as its papers printed it: one period, the latest reported or the one asked for.
 * The counts are read off it in `strategy-summary.ts`, the escalations in `board-escalations.ts`.
 */

/**
 * Where a priority's answer stands on the date. "no-lead": not answered, and nobody (no lead, no
 * deputy) is asked for it; counted within Not reported, never as overdue.
 */
export type Standing = 'answered' | 'not-yet-due' | 'due' | 'overdue' | 'no-lead';

export interface PicturedPriority {
  priority: Priority;
  /** The period it is judged on. */
  period: ReportingPeriod;
  /** Its latest answer for that period (rating, who, when; no texts). */
  answer?: AnswerSummary;
  /** The same answer whole, with its texts: there when the picture was loaded with texts (the papers). */
  text?: CheckIn;
  standing: Standing;
  daysOverdue: number;
  /** Edits after the first answer of that period. */
  edits: number;
  /** Its KPIs, with the readings leads gave up to that period. */
  kpis: Kpi[];
  reasons: ReasonLine[];
  /** A workstream's projects, each judged on the workstream's period (the monitoring template's rows). */
  projects?: PicturedProject[];
}

/** A project of a workstream, as its answer stands on the date. */
export interface PicturedProject {
  project: Project;
  /** The project as a reported unit (its key is `<workstream>~<project>`). */
  unit: Priority;
  answer?: AnswerSummary;
  text?: CheckIn;
  standing: Standing;
  daysOverdue: number;
  /** A named person answers it (else the workstream's lead does, and it is never "overdue" on its own). */
  named: boolean;
}

export interface IndicatorDirection {
  key: string;
  name: string;
  /** The priority it belongs to ("9", "W2"), or none for a strategy-wide indicator. */
  priorityNumber?: string;
  direction: Direction;
}

export interface StrategyPicture {
  strategy: Strategy;
  /** Judged priority by priority as at the date (live), or on one printed period (ended). */
  mode: 'as-at' | 'period';
  /** The strategy's own period as at the date (as-at), or the period printed (period mode). */
  period: string | null;
  /** Priorities reported on, in the papers' order. */
  priorities: PicturedPriority[];
  rag: RagCounts;
  /** Not answered, and not yet overdue. */
  notYetDue: number;
  /** Not answered, and nobody to ask (within `rag.notReported`; as-at pictures only). */
  noLead: number;
  directionOfTravel: DirectionCounts;
  /** Every indicator with a direction: what the direction counts are made of. */
  indicators: IndicatorDirection[];
  /** Every indicator of the strategy, with the readings leads gave (theme views filter these). */
  kpis: Kpi[];
}

export interface BoardPicture {
  asAt: string;
  strategies: StrategyPicture[];
}

export interface PictureInput {
  strategies: readonly Strategy[];
  priorities: readonly Priority[];
  /** Latest-state records by `priorityRef`. */
  states: ReadonlyMap<string, PriorityState>;
  /** Whole answers: those a state does not keep (an "as at" date in the past), and the texts a paper prints. Any order. */
  olderAnswers?: readonly CheckIn[];
  /** The escalation rules: each board's (by board key), or one set for every strategy pictured. */
  rules: EscalationRules | ((boardKey: string) => EscalationRules);
  /** The due dates: each board's (by board key), or one policy for every strategy pictured. */
  policy: PeriodPolicy | PolicyByBoard;
  asAt: string;
  /** For ended strategies: the period to judge (else the latest reported). By strategy key. */
  periodOf?: ReadonlyMap<string, string>;
}

/** The papers' order: 1, 2 … 10, then W1; strategies in the order given. */
export function inPaperOrder(priorities: readonly Priority[], strategies: readonly Pick<Strategy, 'key'>[]): Priority[] {
  const rank = new Map(strategies.map((s, i) => [s.key, i]));
  return [...priorities].sort((a, b) => (rank.get(a.strategyKey) ?? 0) - (rank.get(b.strategyKey) ?? 0) || compareNumbers(a.number, b.number));
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The answer for `period`: whole if it was loaded, else as the state keeps it. */
function answerOf(state: PriorityState | undefined, period: string, older: ReadonlyMap<string, CheckIn>, ref: string): Pick<PicturedPriority, 'answer' | 'text'> {
  const text = older.get(`${ref}|${period}`);
  if (text) return { answer: text, text };
  const answer = state?.answers.find((a) => a.period === period);
  return answer ? { answer } : {};
}

function standingOf(answer: AnswerSummary | undefined, period: ReportingPeriod, asAt: string, unit: Pick<Priority, 'leads' | 'deputies'>): Standing {
  if (answer) return 'answered';
  if (hasNoLead(unit)) return 'no-lead';
  if (asAt > period.due) return 'overdue';
  return asAt === period.due ? 'due' : 'not-yet-due';
}

/** Readings up to the end of `period` (an "as at" picture does not count later readings), from one state or several. */
function kpisUpTo(kpis: readonly Kpi[], state: PriorityState | undefined | readonly (PriorityState | undefined)[], period: string | undefined): Kpi[] {
  const keep = period === undefined ? () => true : (p: string) => comparePeriods(p, period) <= 0;
  const answers = (Array.isArray(state) ? state : [state]).flatMap((s: PriorityState | undefined) => readingsAsAnswers(s, keep));
  return kpis.map((k) => withCheckInReadings(k, answers));
}

/** A workstream's projects on its period, or undefined when it has none. */
function picturedProjects(input: PictureInput, workstream: Priority, period: ReportingPeriod, older: ReadonlyMap<string, CheckIn>): PicturedProject[] | undefined {
  if (!workstream.projects?.length) return undefined;
  return workstream.projects.map((project) => {
    const unit = projectUnit(workstream, project);
    const ref = priorityRef(unit);
    const found = answerOf(input.states.get(ref), period.label, older, ref);
    const standing = standingOf(found.answer, period, input.asAt, unit);
    return { project, unit, ...found, standing, daysOverdue: standing === 'overdue' ? daysBetween(period.due, input.asAt) : 0, named: hasNamedLead(project) };
  });
}

/** What a workstream's projects give the board to look at: a Red project, a point for escalation, and a named lead's overdue answer. */
function projectReasons(projects: readonly PicturedProject[], period: ReportingPeriod, rules: EscalationRules, asAt: string): ReasonLine[] {
  const out: ReasonLine[] = [];
  for (const p of projects) {
    const project = { key: p.project.key, title: p.project.title };
    if (rules.red && p.answer?.rag === 'red') out.push({ reason: 'red', detail: `Project "${p.project.title}" is Red for ${period.label}`, project });
    if (rules.escalationPoint && p.answer?.escalation) out.push({ reason: 'escalation-point', detail: `Project "${p.project.title}": ${p.answer.escalation}`, project });
    if (rules.overdue && p.named && p.standing === 'overdue' && asAt < period.closes) out.push({ reason: 'overdue', detail: `Project "${p.project.title}": its lead's answer is ${plural(p.daysOverdue, 'day')} overdue (due ${longDate(period.due)})`, project: { ...project, daysOverdue: p.daysOverdue } });
  }
  return out;
}

/** How many project lines a strategy's picture lists for `reason` (they are counted apart from priorities). */
export function projectReasonCount(sp: StrategyPicture, reason: Reason): number {
  return sp.priorities.reduce((n, p) => n + p.reasons.filter((r) => r.reason === reason && r.project).length, 0);
}

function indicatorDirections(kpis: readonly Kpi[], numberOf: (k: Kpi) => string | undefined): IndicatorDirection[] {
  const out: IndicatorDirection[] = [];
  for (const kpi of kpis) {
    const direction = directionOfTravel(kpi);
    if (direction === undefined) continue;
    const number = numberOf(kpi);
    out.push({ key: kpi.key, name: kpi.name, ...(number ? { priorityNumber: number } : {}), direction });
  }
  return out;
}

/** The due-date policy of a strategy's board. */
function policyOf(input: Pick<PictureInput, 'policy'>, strategy: Strategy): PeriodPolicy {
  return typeof input.policy === 'function' ? input.policy(boardOf(strategy)) : input.policy;
}

function strategyAsAt(input: PictureInput, strategy: Strategy, priorities: readonly Priority[], older: ReadonlyMap<string, CheckIn>): StrategyPicture {
  const { states, asAt } = input;
  const policy = policyOf(input, strategy);
  const rules = typeof input.rules === 'function' ? input.rules(boardOf(strategy)) : input.rules;
  const pictured: PicturedPriority[] = [];
  const rag: RagCounts = { red: 0, amber: 0, green: 0, notReported: 0 };
  let notYetDue = 0;
  let noLead = 0;
  // Every priority of one frequency shares its period: worked out once per frequency.
  const periods = new Map<string, ReportingPeriod>();
  const periodFor = (f: Priority['frequency']) => periods.get(f) ?? periods.set(f, reportingPeriodFor(asAt, f, policy)).get(f)!;
  for (const priority of priorities.filter((p) => p.status === 'active')) {
    const ref = priorityRef(priority);
    const state = states.get(ref);
    const period = periodFor(priority.frequency);
    const found = answerOf(state, period.label, older, ref);
    const answer = found.answer;
    const standing = standingOf(answer, period, asAt, priority);
    const projects = picturedProjects(input, priority, period, older);
    // A project's KPIs take the readings its lead gave on the project's answers.
    const kpis = kpisUpTo(priority.kpis, [state, ...(projects ?? []).map((p) => states.get(priorityRef(p.unit)))], period.label);
    const previousRag = (label: string) => {
      const r = state?.rags[label];
      return r === undefined ? undefined : r;
    };
    const reasons = [...escalationReasons({ priority, period, answer, previousRag, kpis, rules, asAt }), ...projectReasons(projects ?? [], period, rules, asAt)];
    pictured.push({ priority, period, ...found, standing, daysOverdue: standing === 'overdue' ? daysBetween(period.due, asAt) : 0, edits: Math.max(0, (state?.versions[period.label] ?? 0) - 1), kpis, reasons, ...(projects ? { projects } : {}) });
    if (answer?.rag) rag[answer.rag] += 1;
    else if (standing === 'overdue' || standing === 'no-lead' || answer) rag.notReported += 1;
    else notYetDue += 1;
    if (standing === 'no-lead') noLead += 1;
  }
  // Strategy-wide indicators take readings from any of the strategy's answers.
  const allReadings = [...states.values()].filter((s) => s.strategyKey === strategy.key);
  const wide = strategy.kpis.map((k) => withCheckInReadings(k, allReadings.flatMap((s) => readingsAsAnswers(s, (p) => periodSpan(p).start <= asAt))));
  const numbers = new Map(priorities.map((p) => [p.key, p.number]));
  const indicators = indicatorDirections([...wide, ...pictured.flatMap((p) => p.kpis)], (k) => (k.priorityKey ? numbers.get(k.priorityKey) : undefined));
  return {
    strategy,
    mode: 'as-at',
    period: reportingPeriodFor(asAt, strategy.reportingFrequency, policy).label,
    priorities: pictured,
    rag,
    notYetDue,
    noLead,
    directionOfTravel: countDirections([...wide, ...pictured.flatMap((p) => p.kpis)]),
    indicators,
    kpis: [...wide, ...pictured.flatMap((p) => p.kpis)],
  };
}

/** An ended strategy, as its papers printed it: every priority reported on, on one period. */
function strategyForPeriod(input: PictureInput, strategy: Strategy, priorities: readonly Priority[], older: ReadonlyMap<string, CheckIn>): StrategyPicture {
  const reported = priorities.filter((p) => p.status !== 'proposed');
  const states = reported.map((p) => input.states.get(priorityRef(p))).filter((s): s is PriorityState => s !== undefined);
  const answered = states.flatMap((s) => Object.keys(s.rags).map((period) => ({ period })));
  const label = input.periodOf?.get(strategy.key) ?? latestReportedPeriod(answered);
  const rag: RagCounts = { red: 0, amber: 0, green: 0, notReported: 0 };
  const pictured: PicturedPriority[] = [];
  for (const priority of reported) {
    const ref = priorityRef(priority);
    const state = input.states.get(ref);
    const found = label === undefined ? {} : answerOf(state, label, older, ref);
    const answer = found.answer;
    if (answer?.rag) rag[answer.rag] += 1;
    else rag.notReported += 1;
    const policy = policyOf(input, strategy);
    const period = periodFromLabel(label ?? reportingPeriodFor(input.asAt, priority.frequency, policy).label, policy);
    pictured.push({ priority, period, ...found, standing: answer ? 'answered' : 'overdue', daysOverdue: 0, edits: Math.max(0, (state?.versions[period.label] ?? 0) - 1), kpis: kpisUpTo(priority.kpis, state, undefined), reasons: [] });
  }
  // As the papers count them: every indicator of the strategy, with every reading given.
  const allAnswers = states.flatMap((s) => readingsAsAnswers(s));
  const wide = strategy.kpis.map((k) => withCheckInReadings(k, allAnswers));
  const kpis = [...wide, ...pictured.flatMap((p) => p.kpis)];
  const numbers = new Map(reported.map((p) => [p.key, p.number]));
  return { strategy, mode: 'period', period: label ?? null, priorities: pictured, rag, notYetDue: 0, noLead: 0, directionOfTravel: countDirections(kpis), indicators: indicatorDirections(kpis, (k) => (k.priorityKey ? numbers.get(k.priorityKey) : undefined)), kpis };
}

/** The picture of `strategies` as at `input.asAt`. Pure: the same inputs give the same picture. */
export function boardPicture(input: PictureInput): BoardPicture {
  const older = new Map((input.olderAnswers ?? []).map((c) => [`${priorityRefOf(c)}|${c.period}`, c]));
  const byStrategy = new Map<string, Priority[]>();
  for (const p of inPaperOrder(input.priorities, input.strategies)) {
    const list = byStrategy.get(p.strategyKey);
    if (list) list.push(p);
    else byStrategy.set(p.strategyKey, [p]);
  }
  return {
    asAt: input.asAt,
    strategies: input.strategies.map((s) => {
      const priorities = byStrategy.get(s.key) ?? [];
      return isStrategyLive(s, input.asAt) && !input.periodOf?.has(s.key) ? strategyAsAt(input, s, priorities, older) : strategyForPeriod(input, s, priorities, older);
    }),
  };
}

/**
 * The date a period's picture is taken at: the last day its answers could be given, or today if
 * that is still to come. `summary 2026-Q1` on a live strategy is the picture as at that date.
 */
export function asAtForPeriod(label: string, today: string, policy: PeriodPolicy): string {
  const last = lastEditableDay(periodFromLabel(label, policy));
  return last < today ? last : today;
}

/** Latest-state records from current answers (for callers that hold check-ins, and the migration). */
export function statesFromCheckIns(checkIns: readonly CheckIn[]): Map<string, PriorityState> {
  const grouped = new Map<string, CheckIn[]>();
  for (const c of checkIns) {
    const ref = priorityRefOf(c);
    const list = grouped.get(ref);
    if (list) list.push(c);
    else grouped.set(ref, [c]);
  }
  return new Map([...grouped.entries()].map(([ref, list]) => [ref, stateFromAnswers(list[0]!.strategyKey, list[0]!.priorityKey, list)]));
}
