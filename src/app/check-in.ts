import { validateCheckInAnswer, type CheckIn, type FieldErrors } from '../domain/check-in';
import { DomainError } from '../domain/errors';
import type { Identity, Person } from '../domain/person';
import { comparePeriods, isOpenOn, periodFromLabel, reportingPeriodFor, type ReportingPeriod } from '../domain/period';
import { findPriorities } from '../domain/priority-lookup';
import { isStrategyLive, type PlusGroup, type Priority, type Strategy } from '../domain/strategy';
import type { Rag } from '../domain/rag';
import { suggestRag } from '../domain/suggested-rag';
import { withCheckInReadings } from './status';
import type { AppDeps } from './deps';
import { activeCovers, answerRole, namesOf, prioritiesAnsweredBy, requirePerson, today } from './people';

/** What the check-in card shows. */
export interface CheckInCardView {
  strategy: Pick<Strategy, 'key' | 'title'>;
  priority: Priority;
  period: ReportingPeriod;
  plusGroups: PlusGroup[];
  answeringAs: string;
  onBehalfOf?: string;
  /** Pre-filled values by input id: last period's answer, the answer being edited, or what was typed. */
  values: Record<string, string>;
  errors: FieldErrors;
  baseVersion: number;
  submissionId: string;
  /** The answer already given this period, when editing. */
  editing?: CheckIn;
  /** Set when the card is shown again because someone else changed the answer. */
  notice?: string;
  /** What the KPIs suggest, from the latest readings against their targets. */
  suggestion?: { rag: Rag; reasons: string[] };
}

export type StartCheckInResult = { kind: 'card'; view: CheckInCardView } | { kind: 'pick'; priorities: Priority[]; purpose: 'checkin' };

export interface CheckInSubmit {
  /** `<strategy>/<priority>` as the card carried it: untrusted, checked against the sender. */
  priority: string;
  period: string;
  baseVersion: number;
  submissionId: string;
  inputs: Record<string, unknown>;
}

export type SubmitResult =
  | { kind: 'receipt'; view: ReceiptView }
  | { kind: 'invalid'; view: CheckInCardView }
  | { kind: 'stale'; view: CheckInCardView };

export interface ReceiptView {
  priority: Priority;
  period: ReportingPeriod;
  checkIn: CheckIn;
  canEdit: boolean;
  timeZone: string;
  duplicate: boolean;
}

async function loadPriorityRef(deps: AppDeps, ref: string): Promise<{ strategy: Strategy; priority: Priority }> {
  const [strategyKey, ...rest] = String(ref).split('/');
  const key = rest.join('/');
  const priority = strategyKey && key ? await deps.strategies.getPriority(strategyKey, key) : undefined;
  const strategy = priority ? await deps.strategies.getStrategy(priority.strategyKey) : undefined;
  if (!priority || !strategy) throw new DomainError('PRIORITY_NOT_FOUND', `no priority ${ref}`, { query: String(ref).slice(0, 80) });
  return { strategy, priority };
}

function currentPeriod(deps: AppDeps, priority: Priority): ReportingPeriod {
  return reportingPeriodFor(today(deps), priority.frequency, deps.board.periodPolicy);
}

/** The answer the card starts from: this period's if any, otherwise last period's, as values by input id. */
function valuesFrom(checkIn: CheckIn | undefined): Record<string, string> {
  if (!checkIn) return {};
  const values: Record<string, string> = { update: checkIn.update };
  if (checkIn.rag) values.rag = checkIn.rag;
  if (checkIn.nextSteps) values.nextSteps = checkIn.nextSteps;
  if (checkIn.risks) values.risks = checkIn.risks;
  if (checkIn.escalation) values.escalation = checkIn.escalation;
  if (checkIn.ragReason) values.ragReason = checkIn.ragReason;
  for (const [k, v] of Object.entries(checkIn.plusGroups)) values[`plus_${k}`] = v;
  return values;
}

async function cardView(deps: AppDeps, person: Person, strategy: Strategy, priority: Priority, period: ReportingPeriod, extra: Partial<CheckInCardView> = {}): Promise<CheckInCardView> {
  const current = await deps.checkIns.get(priority.strategyKey, priority.key, period.label);
  let values = valuesFrom(current);
  if (!current) {
    const history = await deps.checkIns.listForPriority(priority.strategyKey, priority.key);
    const previous = history.filter((c) => comparePeriods(c.period, period.label) < 0).pop();
    values = valuesFrom(previous);
    // Last period's readings are not this period's: KPI inputs start empty.
  } else {
    for (const [k, v] of Object.entries(current.kpiReadings)) values[`kpi_${k}`] = String(v);
  }
  const role = answerRole(person.id, priority, await activeCovers(deps));
  const onBehalfOf = role.onBehalfOf ? (await namesOf(deps, [role.onBehalfOf]))[0] : undefined;
  const history = await deps.checkIns.listForPriority(priority.strategyKey, priority.key);
  const suggestion = suggestRag(priority.kpis.map((k) => withCheckInReadings(k, history)));
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
    submissionId: deps.newId(),
    ...(current ? { editing: current } : {}),
    ...extra,
  };
}

/** `checkin [priority]`: the card for the current period, or a choice when the sender answers for several. */
export async function startCheckIn(deps: AppDeps, who: Identity, query?: string): Promise<StartCheckInResult> {
  const person = await requirePerson(deps, who).catch((e) => {
    throw e instanceof DomainError ? new DomainError('NOT_A_LEAD', e.message) : e;
  });
  const { leads, deputises } = await prioritiesAnsweredBy(deps, person.id);
  const mine = [...leads, ...deputises];
  if (mine.length === 0) throw new DomainError('NOT_A_LEAD', `${person.id} leads nothing`);
  let candidates = mine;
  if (query && query.trim() !== '') {
    const found = findPriorities(mine, query);
    if (found.matches.length === 0) throw new DomainError('NOT_LEAD_FOR_PRIORITY', `no priority of yours matches ${query}`, { query: query.slice(0, 80), yours: mine.map((p) => `${p.number} ${p.title}`).join('; ') });
    candidates = found.matches;
  }
  if (candidates.length > 1) return { kind: 'pick', priorities: candidates, purpose: 'checkin' };
  const priority = candidates[0]!;
  const strategy = (await deps.strategies.getStrategy(priority.strategyKey))!;
  return { kind: 'card', view: await cardView(deps, person, strategy, priority, currentPeriod(deps, priority)) };
}

/** The check-in card a reminder carries, for the person it goes to. */
export async function cardForPerson(deps: AppDeps, person: Person, priority: Priority): Promise<CheckInCardView> {
  const strategy = (await deps.strategies.getStrategy(priority.strategyKey))!;
  return cardView(deps, person, strategy, priority, currentPeriod(deps, priority));
}

/** Authorisation from the authenticated sender only: the card says which priority, never who may answer. */
async function authorise(deps: AppDeps, who: Identity, ref: string): Promise<{ person: Person; strategy: Strategy; priority: Priority; onBehalfOf?: string }> {
  const person = await requirePerson(deps, who).catch((e) => {
    throw e instanceof DomainError ? new DomainError('NOT_LEAD_FOR_PRIORITY', e.message) : e;
  });
  const { strategy, priority } = await loadPriorityRef(deps, ref);
  const role = answerRole(person.id, priority, await activeCovers(deps));
  if (!role.may) throw new DomainError('NOT_LEAD_FOR_PRIORITY', `${person.id} does not answer for ${ref}`, { priority: `${priority.number}. ${priority.title}` });
  if (!isStrategyLive(strategy, today(deps))) throw new DomainError('STRATEGY_CLOSED', `${strategy.key} has ended`, { strategy: strategy.title });
  return { person, strategy, priority, ...(role.onBehalfOf ? { onBehalfOf: role.onBehalfOf } : {}) };
}

/** The period a card was for must be the one open now; a card from another period is refused. */
function openPeriod(deps: AppDeps, priority: Priority, label: string): ReportingPeriod {
  const current = currentPeriod(deps, priority);
  if (label === current.label) return current;
  let period: ReportingPeriod | undefined;
  try {
    period = periodFromLabel(String(label), deps.board.periodPolicy);
  } catch {
    period = undefined;
  }
  if (period && isOpenOn(period, today(deps))) return period;
  throw new DomainError('PERIOD_CLOSED', `period ${label} is not open`, { period: String(label).slice(0, 20), current: current.label, closes: current.closes });
}

export async function editCheckIn(deps: AppDeps, who: Identity, ref: string, label: string): Promise<CheckInCardView> {
  const { person, strategy, priority } = await authorise(deps, who, ref);
  return cardView(deps, person, strategy, priority, openPeriod(deps, priority, label));
}

export async function openCheckInFor(deps: AppDeps, who: Identity, ref: string): Promise<CheckInCardView> {
  const { person, strategy, priority } = await authorise(deps, who, ref);
  return cardView(deps, person, strategy, priority, currentPeriod(deps, priority));
}

export async function submitCheckIn(deps: AppDeps, who: Identity, submit: CheckInSubmit): Promise<SubmitResult> {
  const { person, strategy, priority, onBehalfOf } = await authorise(deps, who, submit.priority);
  const period = openPeriod(deps, priority, submit.period);
  const baseVersion = Number.isInteger(submit.baseVersion) && submit.baseVersion >= 0 ? submit.baseVersion : 0;
  const submissionId = typeof submit.submissionId === 'string' && /^[A-Za-z0-9-]{8,64}$/.test(submit.submissionId) ? submit.submissionId : deps.newId();
  const plusKeys = strategy.plusGroups.filter((g) => g.status === 'agreed').map((g) => g.key);
  const history = (await deps.checkIns.listForPriority(priority.strategyKey, priority.key)).filter((c) => c.period !== period.label);
  // The suggestion counts the readings typed on this card as the latest ones.
  const suggest = (typed: Record<string, number>) => suggestRag(priority.kpis.map((k) => withCheckInReadings(k, [...history, { period: period.label, kpiReadings: typed } as CheckIn])))?.rag;
  const answer = validateCheckInAnswer(submit.inputs, priority, plusKeys, suggest);
  if (!answer.ok) {
    const view = await cardView(deps, person, strategy, priority, period, { values: answer.values, errors: answer.errors, baseVersion, submissionId });
    return { kind: 'invalid', view };
  }
  const lead = onBehalfOf;
  const checkIn: Omit<CheckIn, 'version'> = {
    strategyKey: priority.strategyKey,
    priorityKey: priority.key,
    period: period.label,
    ...answer.value,
    submittedBy: person.id,
    submittedByName: person.name,
    submittedAt: deps.clock.now().toISOString(),
    submissionId,
  };
  for (const k of ['nextSteps', 'risks', 'escalation', 'ragReason'] as const) if (checkIn[k] === undefined) delete checkIn[k];
  if (lead) {
    checkIn.onBehalfOf = lead;
    checkIn.onBehalfOfName = (await namesOf(deps, [lead]))[0]!;
  }
  const outcome = await deps.checkIns.save(checkIn, baseVersion);
  if (outcome.kind === 'stale') {
    const view = await cardView(deps, person, strategy, priority, period, {
      notice: `This answer was changed by ${outcome.current.submittedByName} at ${outcome.current.submittedAt.slice(0, 16).replace('T', ' ')} UTC after you opened the card. The card now shows the latest answer: make your changes again and submit.`,
    });
    return { kind: 'stale', view };
  }
  return {
    kind: 'receipt',
    view: { priority, period, checkIn: outcome.checkIn, canEdit: isOpenOn(period, today(deps)), timeZone: deps.board.timeZone, duplicate: outcome.kind === 'duplicate' },
  };
}
