import { INPUT_IDS, TICKED, validateCheckInAnswer, type AnswerChannel, type CheckIn } from '../domain/check-in';
import { DomainError } from '../domain/errors';
import { withCheckInReadings } from '../domain/kpi';
import type { CheckInForm, ProjectLine } from '../domain/notice';
import type { Identity, Person } from '../domain/person';
import { comparePeriods, isOpenOn, isPeriodLabel, periodSpan, reportingLabelFor, reportingPeriodFor, type ReportingPeriod } from '../domain/period';
import type { Cover } from '../domain/ports';
import { answerRole } from '../domain/rights';
import { isStrategyLive, parsePriorityRef, type Priority, type Strategy } from '../domain/strategy';
import { suggestRag } from '../domain/suggested-rag';
import type { AppDeps } from './deps';
import { policyOfBoard } from './due-dates';
import { activeCovers, peopleById, requireAnswerer, today } from './people';
import { getUnit, projectLines } from './projects';
import { suggestedFromProjects } from '../domain/project';
import { priorityName } from '../domain/wording';

/**
 * What the priority check-in (check-in.ts) and the projects' card (project-check-in.ts) share:
 * the form a card is built from, who may answer, which period a card may answer, and a submit
 * checked (prepareSubmit) then saved (commitSubmit).
 */

export interface CheckInSubmit {
  /** The reporting unit, `<strategy>/<priority or project unit>` as the card carried it (in its `priority` field): untrusted, checked against the sender. */
  unit: string;
  period: string;
  baseVersion: number;
  submissionId: string;
  inputs: Record<string, unknown>;
  /** Where the answer comes from, stored with it (the status card says "answered by email link"). */
  channel?: AnswerChannel;
}

export type SubmitResult =
  | { kind: 'receipt'; view: ReceiptView }
  | { kind: 'invalid'; view: CheckInForm }
  | { kind: 'stale'; view: CheckInForm };

export interface ReceiptView {
  priority: Priority;
  period: ReportingPeriod;
  checkIn: CheckIn;
  canEdit: boolean;
  timeZone: string;
  duplicate: boolean;
}

export async function loadPriorityRef(deps: AppDeps, ref: string): Promise<{ strategy: Strategy; priority: Priority }> {
  const parsed = parsePriorityRef(ref);
  // A project's unit key names its workstream and project: both must exist, or nothing is found.
  const priority = parsed ? await getUnit(deps, parsed.strategyKey, parsed.key) : undefined;
  const strategy = priority ? await deps.strategies.getStrategy(priority.strategyKey) : undefined;
  if (!priority || !strategy) throw new DomainError('PRIORITY_NOT_FOUND', `no priority ${ref}`, { query: String(ref).slice(0, 80) });
  return { strategy, priority };
}

/** The period a priority answers for today, its due date on its board's calendar (as the cycle's reminders give it). */
export async function currentPeriod(deps: AppDeps, priority: Priority, strategy?: Strategy): Promise<ReportingPeriod> {
  const board = strategy ?? (await deps.strategies.getStrategy(priority.strategyKey));
  const policy = board ? await policyOfBoard(deps, board) : deps.board.periodPolicy;
  return reportingPeriodFor(today(deps), priority.frequency, policy);
}

/** An answer as the inputs' values by input id (its KPI readings left out: see `withReadings`). */
export function valuesFrom(checkIn: CheckIn | undefined): Record<string, string> {
  if (!checkIn) return {};
  const values: Record<string, string> = { [INPUT_IDS.update]: checkIn.update };
  if (checkIn.rag) values[INPUT_IDS.rag] = checkIn.rag;
  if (checkIn.nextSteps) values[INPUT_IDS.nextSteps] = checkIn.nextSteps;
  if (checkIn.risks) values[INPUT_IDS.risks] = checkIn.risks;
  if (checkIn.escalation) values[INPUT_IDS.escalation] = checkIn.escalation;
  if (checkIn.ragReason) values[INPUT_IDS.ragReason] = checkIn.ragReason;
  for (const [k, v] of Object.entries(checkIn.plusGroups)) values[INPUT_IDS.plusGroup(k)] = v;
  if (checkIn.noChange) values[INPUT_IDS.noChange] = TICKED;
  return values;
}

/** An answer of this period as the inputs' values, its KPI readings included (they are this period's). */
export function withReadings(checkIn: CheckIn): Record<string, string> {
  const values = valuesFrom(checkIn);
  for (const [k, v] of Object.entries(checkIn.kpiReadings)) values[INPUT_IDS.kpi(k)] = String(v);
  return values;
}

/**
 * Last period's answer as the inputs' values, for "Start from last answer": its texts and rating,
 * never its KPI readings (not this period's) nor its "No change" tick (the lead ticks it anew).
 */
export function valuesFromLast(last: CheckIn): Record<string, string> {
  const values = valuesFrom(last);
  delete values[INPUT_IDS.noChange];
  return values;
}

/** The latest answer of a period before `label`: the one a card shows above its inputs. */
export function lastAnswerBefore(history: readonly CheckIn[], label: string): CheckIn | undefined {
  return [...history].filter((c) => comparePeriods(c.period, label) < 0).sort((a, b) => comparePeriods(a.period, b.period)).pop();
}

/** Everything a check-in form is built from, loaded once by the caller (a turn, or the cycle for many leads). */
export interface FormInputs {
  strategy: Strategy;
  priority: Priority;
  period: ReportingPeriod;
  person: Person;
  /** Every stored answer of the priority (current versions), any order. */
  history: readonly CheckIn[];
  covers: readonly Cover[];
  names: ReadonlyMap<string, Person>;
  submissionId: string;
  /** A workstream's projects this period (their answers suggest its rating). */
  projects?: readonly ProjectLine[];
}

/** The suggestion a form shows: the projects' worst rating for a workstream that has project answers, else the KPIs'. */
function suggestionFor(priority: Priority, history: readonly Pick<CheckIn, 'period' | 'kpiReadings'>[], projects: readonly ProjectLine[] | undefined): CheckInForm['suggestion'] {
  return (projects ? suggestedFromProjects(projects) : undefined) ?? suggestRag(priority.kpis.map((k) => withCheckInReadings(k, history)));
}

/**
 * The check-in form, pure: this period's answer when editing, else empty inputs. Last period's
 * answer is shown above them, labelled with its period, never put in them: a card submitted as
 * it came must not pass last period's words off as this period's ("Start from last answer" fills
 * them on request).
 */
export function checkInForm(input: FormInputs, extra: Partial<CheckInForm> = {}): CheckInForm {
  const { strategy, priority, period, person } = input;
  const history = [...input.history].sort((a, b) => comparePeriods(a.period, b.period));
  const current = history.find((c) => c.period === period.label);
  const values = current ? withReadings(current) : {};
  const lastAnswer = lastAnswerBefore(history, period.label);
  const role = answerRole(person.id, priority, input.covers);
  const onBehalfOf = role.onBehalfOf ? (input.names.get(role.onBehalfOf)?.name ?? role.onBehalfOf) : undefined;
  const suggestion = suggestionFor(priority, history, input.projects);
  return {
    ...(suggestion ? { suggestion } : {}),
    strategy: { key: strategy.key, title: strategy.title },
    priority,
    period,
    plusGroups: strategy.plusGroups.filter((g) => g.status === 'agreed'),
    answeringAs: person.name,
    ...(onBehalfOf ? { onBehalfOf } : {}),
    values,
    errors: {},
    baseVersion: current?.version ?? 0,
    submissionId: input.submissionId,
    ...(current ? { editing: current } : {}),
    ...(lastAnswer ? { lastAnswer } : {}),
    ...(input.projects ? { projects: [...input.projects] } : {}),
    ...extra,
  };
}

export async function loadForm(deps: AppDeps, person: Person, strategy: Strategy, priority: Priority, period: ReportingPeriod, history?: readonly CheckIn[], extra: Partial<CheckInForm> = {}): Promise<CheckInForm> {
  const [stored, covers, names, projects] = await Promise.all([
    history ?? deps.checkIns.listForPriority(priority.strategyKey, priority.key),
    activeCovers(deps),
    peopleById(deps),
    projectLines(deps, priority, period.label),
  ]);
  return checkInForm({ strategy, priority, period, person, history: stored, covers, names, submissionId: deps.newId(), ...(projects ? { projects } : {}) }, extra);
}

/** Authorisation from the authenticated sender only: the card says which priority, never who may answer. */
export async function authorise(deps: AppDeps, who: Identity, ref: string): Promise<{ person: Person; strategy: Strategy; priority: Priority; onBehalfOf?: string }> {
  const person = await requireAnswerer(deps, who, 'NOT_LEAD_FOR_PRIORITY');
  const { strategy, priority } = await loadPriorityRef(deps, ref);
  const role = answerRole(person.id, priority, await activeCovers(deps));
  if (!role.may) throw new DomainError('NOT_LEAD_FOR_PRIORITY', `${person.id} does not answer for ${ref}`, { priority: priorityName(priority) });
  if (!isStrategyLive(strategy, today(deps))) throw new DomainError('STRATEGY_CLOSED', `${strategy.key} has ended`, { strategy: strategy.title });
  return { person, strategy, priority, ...(role.onBehalfOf ? { onBehalfOf: role.onBehalfOf } : {}) };
}

/**
 * The period comes from the server: a card may only answer the priority's current period, by its
 * own frequency. A label the card carries is checked against it, never trusted.
 */
export async function periodOfCard(deps: AppDeps, priority: Priority, label: string, strategy?: Strategy): Promise<ReportingPeriod> {
  const current = await currentPeriod(deps, priority, strategy);
  if (label === current.label) return current;
  const given = String(label).slice(0, 20);
  const sameFrequency = isPeriodLabel(given) && reportingLabelFor(periodSpan(given).opens, priority.frequency) === given;
  if (sameFrequency && comparePeriods(given, current.label) < 0) throw new DomainError('PERIOD_CLOSED', `period ${given} is closed`, { period: given, current: current.label });
  throw new DomainError('PERIOD_MISMATCH', `period ${given} is not ${priority.key}'s current period`, { period: given, current: current.label });
}

/** A submit checked and ready to save, or the form to show again. Nothing is written here. */
export type Prepared =
  | { kind: 'invalid'; view: CheckInForm }
  | { kind: 'ready'; person: Person; strategy: Strategy; priority: Priority; period: ReportingPeriod; checkIn: Omit<CheckIn, 'version'>; baseVersion: number; earlier: CheckIn[] };

/** The version a card was drawn from; a card that carries none fit (hand-made or cut) is taken as drawn before any answer. */
export function cardBaseVersion(given: number): number {
  return Number.isInteger(given) && given >= 0 ? given : 0;
}

/** What a submission id looks like: our cards carry one made by `deps.newId()`. */
const SUBMISSION_ID = /^[A-Za-z0-9-]{8,64}$/;

/** A form opened again from a card keeps the card's submission id, or gets a new one when it carried none fit to store. */
export function cardSubmissionId(deps: AppDeps, given: unknown): string {
  return typeof given === 'string' && SUBMISSION_ID.test(given) ? given : deps.newId();
}

/**
 * The id an answer is saved under: the card's own, never a replacement. A second press of the same
 * card is stored once because it carries the same id; a new one would save the answer twice, so a
 * missing or altered id is refused and nothing is saved.
 */
export function submittedId(given: unknown): string {
  if (typeof given === 'string' && SUBMISSION_ID.test(given)) return given;
  throw new DomainError('MALFORMED_SUBMISSION', `submission id not fit to store: ${JSON.stringify(given)?.slice(0, 80) ?? 'none'}`);
}

export async function prepareSubmit(deps: AppDeps, who: Identity, submit: CheckInSubmit): Promise<Prepared> {
  const { person, strategy, priority, onBehalfOf } = await authorise(deps, who, submit.unit);
  const period = await periodOfCard(deps, priority, submit.period, strategy);
  const baseVersion = cardBaseVersion(submit.baseVersion);
  const submissionId = submittedId(submit.submissionId);
  const plusKeys = strategy.plusGroups.filter((g) => g.status === 'agreed').map((g) => g.key);
  // Read once: the suggestion, the form shown again and the save all use this history.
  const [stored, projects] = await Promise.all([deps.checkIns.listForPriority(priority.strategyKey, priority.key), projectLines(deps, priority, period.label)]);
  const earlier = stored.filter((c) => c.period !== period.label);
  // The suggestion counts the readings typed on this card as this period's.
  const suggestFrom = (typed: Record<string, number>) => suggestionFor(priority, [...earlier, { period: period.label, kpiReadings: typed }], projects);
  const last = lastAnswerBefore(stored, period.label);
  const answer = validateCheckInAnswer(submit.inputs, priority, plusKeys, (typed) => suggestFrom(typed)?.rag, last ? { period: last.period, update: last.update } : undefined);
  if (!answer.ok) {
    const typedSuggestion = suggestFrom(answer.readings);
    const view = await loadForm(deps, person, strategy, priority, period, stored, {
      values: answer.values,
      errors: answer.errors,
      baseVersion,
      submissionId,
      ...(typedSuggestion ? { suggestion: typedSuggestion } : {}),
    });
    return { kind: 'invalid', view };
  }
  const checkIn: Omit<CheckIn, 'version'> = {
    strategyKey: priority.strategyKey,
    priorityKey: priority.key,
    period: period.label,
    ...answer.value,
    submittedBy: person.id,
    submittedByName: person.name,
    submittedAt: deps.clock.now().toISOString(),
    submissionId,
    ...(submit.channel ? { channel: submit.channel } : {}),
  };
  for (const k of ['nextSteps', 'risks', 'escalation', 'ragReason'] as const) if (checkIn[k] === undefined) delete checkIn[k];
  if (onBehalfOf) {
    checkIn.onBehalfOf = onBehalfOf;
    checkIn.onBehalfOfName = (await peopleById(deps)).get(onBehalfOf)?.name ?? onBehalfOf;
  }
  return { kind: 'ready', person, strategy, priority, period, checkIn, baseVersion, earlier };
}

export async function commitSubmit(deps: AppDeps, ready: Extract<Prepared, { kind: 'ready' }>): Promise<SubmitResult> {
  const { person, strategy, priority, period, checkIn, baseVersion, earlier } = ready;
  const outcome = await deps.checkIns.save(checkIn, baseVersion);
  if (outcome.kind === 'stale') {
    const latest = [...earlier, outcome.current];
    const view = await loadForm(deps, person, strategy, priority, period, latest, { changedBy: { name: outcome.current.submittedByName, at: outcome.current.submittedAt } });
    return { kind: 'stale', view };
  }
  return {
    kind: 'receipt',
    view: { priority, period, checkIn: outcome.checkIn, canEdit: isOpenOn(period, today(deps)), timeZone: deps.board.timeZone, duplicate: outcome.kind === 'duplicate' },
  };
}

