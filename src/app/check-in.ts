import { INPUT_IDS, validateCheckInAnswer, type AnswerChannel, type CheckIn } from '../domain/check-in';
import { DomainError } from '../domain/errors';
import { withCheckInReadings } from '../domain/kpi';
import type { CheckInForm, ProjectCheckInForm, ProjectLine } from '../domain/notice';
import type { Identity, Person } from '../domain/person';
import { comparePeriods, isOpenOn, isPeriodLabel, periodFromLabel, reportingPeriodFor, type ReportingPeriod } from '../domain/period';
import type { Cover } from '../domain/ports';
import { findPriorities } from '../domain/priority-lookup';
import { answerRole } from '../domain/rights';
import { isStrategyLive, parsePriorityRef, type Priority, type Strategy } from '../domain/strategy';
import { suggestRag } from '../domain/suggested-rag';
import type { AppDeps } from './deps';
import { strategyTitles } from './status';
import { activeCovers, peopleById, prioritiesAnsweredBy, requirePerson, today } from './people';
import { getUnit, projectLines, projectsAnsweredBy, type ProjectGroup } from './projects';
import { parseProjectUnitKey, projectUnitKey, suggestedFromProjects } from '../domain/project';
import { priorityName } from '../domain/wording';

export type { CheckInForm, ProjectCheckInForm } from '../domain/notice';

export type StartCheckInResult =
  | { kind: 'card'; view: CheckInForm }
  | { kind: 'projects'; view: ProjectCheckInForm }
  /** Several to answer: priorities, and (as their own buttons) the workstreams whose projects the sender answers. */
  | { kind: 'pick'; priorities: Priority[]; purpose: 'checkin'; strategyTitles: Record<string, string>; projectGroups?: { workstreamRef: string; label: string }[] };

export interface CheckInSubmit {
  /** `<strategy>/<priority>` as the card carried it: untrusted, checked against the sender. */
  priority: string;
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

async function loadPriorityRef(deps: AppDeps, ref: string): Promise<{ strategy: Strategy; priority: Priority }> {
  const parsed = parsePriorityRef(ref);
  // A project's unit key names its workstream and project: both must exist, or nothing is found.
  const priority = parsed ? await getUnit(deps, parsed.strategyKey, parsed.key) : undefined;
  const strategy = priority ? await deps.strategies.getStrategy(priority.strategyKey) : undefined;
  if (!priority || !strategy) throw new DomainError('PRIORITY_NOT_FOUND', `no priority ${ref}`, { query: String(ref).slice(0, 80) });
  return { strategy, priority };
}

function currentPeriod(deps: AppDeps, priority: Priority): ReportingPeriod {
  return reportingPeriodFor(today(deps), priority.frequency, deps.board.periodPolicy);
}

/** The answer the form starts from, as values by input id. */
function valuesFrom(checkIn: CheckIn | undefined): Record<string, string> {
  if (!checkIn) return {};
  const values: Record<string, string> = { [INPUT_IDS.update]: checkIn.update };
  if (checkIn.rag) values[INPUT_IDS.rag] = checkIn.rag;
  if (checkIn.nextSteps) values[INPUT_IDS.nextSteps] = checkIn.nextSteps;
  if (checkIn.risks) values[INPUT_IDS.risks] = checkIn.risks;
  if (checkIn.escalation) values[INPUT_IDS.escalation] = checkIn.escalation;
  if (checkIn.ragReason) values[INPUT_IDS.ragReason] = checkIn.ragReason;
  for (const [k, v] of Object.entries(checkIn.plusGroups)) values[INPUT_IDS.plusGroup(k)] = v;
  return values;
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
 * The check-in form, pure: this period's answer when editing, else last period's answer as the
 * starting point (its KPI readings left out: they are not this period's).
 */
export function checkInForm(input: FormInputs, extra: Partial<CheckInForm> = {}): CheckInForm {
  const { strategy, priority, period, person } = input;
  const history = [...input.history].sort((a, b) => comparePeriods(a.period, b.period));
  const current = history.find((c) => c.period === period.label);
  let values: Record<string, string>;
  if (current) {
    values = valuesFrom(current);
    for (const [k, v] of Object.entries(current.kpiReadings)) values[INPUT_IDS.kpi(k)] = String(v);
  } else {
    values = valuesFrom(history.filter((c) => comparePeriods(c.period, period.label) < 0).pop());
  }
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
    ...(input.projects ? { projects: [...input.projects] } : {}),
    ...extra,
  };
}

async function loadForm(deps: AppDeps, person: Person, strategy: Strategy, priority: Priority, period: ReportingPeriod, history?: readonly CheckIn[], extra: Partial<CheckInForm> = {}): Promise<CheckInForm> {
  const [stored, covers, names, projects] = await Promise.all([
    history ?? deps.checkIns.listForPriority(priority.strategyKey, priority.key),
    activeCovers(deps),
    peopleById(deps),
    projectLines(deps, priority, period.label),
  ]);
  return checkInForm({ strategy, priority, period, person, history: stored, covers, names, submissionId: deps.newId(), ...(projects ? { projects } : {}) }, extra);
}

/** `checkin [priority]`: the card for the current period, or a choice when the sender answers for several. */
export async function startCheckIn(deps: AppDeps, who: Identity, query?: string): Promise<StartCheckInResult> {
  const person = await requirePerson(deps, who).catch((e) => {
    throw e instanceof DomainError ? new DomainError('NOT_A_LEAD', e.message) : e;
  });
  const [{ leads, deputises }, groups] = await Promise.all([prioritiesAnsweredBy(deps, person.id), projectsAnsweredBy(deps, person.id)]);
  const mine = [...leads, ...deputises];
  // A project lead who leads no priority goes straight to their projects' card.
  if (mine.length === 0 && groups.length > 0) return { kind: 'projects', view: await projectCard(deps, person, groups, query) };
  if (mine.length === 0) throw new DomainError('NOT_A_LEAD', `${person.id} leads nothing`);
  let candidates = mine;
  const asked = query !== undefined && query.trim() !== '';
  if (asked) {
    const found = findPriorities(mine, query);
    if (found.matches.length === 0) throw new DomainError('NOT_LEAD_FOR_PRIORITY', `no priority of yours matches ${query}`, { query: query.slice(0, 80), yours: mine.map((p) => `${p.number} ${p.title}`).join('; ') });
    candidates = found.matches;
  }
  const projectGroups = asked ? [] : groups.map((g) => ({ workstreamRef: `${g.workstream.strategyKey}/${g.workstream.key}`, label: `${g.workstream.number} projects: ${g.units.map((u) => u.title).join('; ')}` }));
  if (candidates.length > 1 || projectGroups.length > 0) return { kind: 'pick', priorities: candidates, purpose: 'checkin', strategyTitles: await strategyTitles(deps), ...(projectGroups.length ? { projectGroups } : {}) };
  const priority = candidates[0]!;
  const strategy = (await deps.strategies.getStrategy(priority.strategyKey))!;
  return { kind: 'card', view: await loadForm(deps, person, strategy, priority, currentPeriod(deps, priority)) };
}

/** Authorisation from the authenticated sender only: the card says which priority, never who may answer. */
async function authorise(deps: AppDeps, who: Identity, ref: string): Promise<{ person: Person; strategy: Strategy; priority: Priority; onBehalfOf?: string }> {
  const person = await requirePerson(deps, who).catch((e) => {
    throw e instanceof DomainError ? new DomainError('NOT_LEAD_FOR_PRIORITY', e.message) : e;
  });
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
function periodOfCard(deps: AppDeps, priority: Priority, label: string): ReportingPeriod {
  const current = currentPeriod(deps, priority);
  if (label === current.label) return current;
  const given = String(label).slice(0, 20);
  const sameFrequency = isPeriodLabel(given) && reportingPeriodFor(periodFromLabel(given).opens, priority.frequency).label === given;
  if (sameFrequency && comparePeriods(given, current.label) < 0) throw new DomainError('PERIOD_CLOSED', `period ${given} is closed`, { period: given, current: current.label });
  throw new DomainError('PERIOD_MISMATCH', `period ${given} is not ${priority.key}'s current period`, { period: given, current: current.label });
}

export async function editCheckIn(deps: AppDeps, who: Identity, ref: string, label: string): Promise<CheckInForm> {
  const { person, strategy, priority } = await authorise(deps, who, ref);
  return loadForm(deps, person, strategy, priority, periodOfCard(deps, priority, label));
}

export async function openCheckInFor(deps: AppDeps, who: Identity, ref: string): Promise<CheckInForm> {
  const { person, strategy, priority } = await authorise(deps, who, ref);
  return loadForm(deps, person, strategy, priority, currentPeriod(deps, priority));
}

/** A submit checked and ready to save, or the form to show again. Nothing is written here. */
type Prepared =
  | { kind: 'invalid'; view: CheckInForm }
  | { kind: 'ready'; person: Person; strategy: Strategy; priority: Priority; period: ReportingPeriod; checkIn: Omit<CheckIn, 'version'>; baseVersion: number; earlier: CheckIn[] };

async function prepareSubmit(deps: AppDeps, who: Identity, submit: CheckInSubmit): Promise<Prepared> {
  const { person, strategy, priority, onBehalfOf } = await authorise(deps, who, submit.priority);
  const period = periodOfCard(deps, priority, submit.period);
  const baseVersion = Number.isInteger(submit.baseVersion) && submit.baseVersion >= 0 ? submit.baseVersion : 0;
  const submissionId = typeof submit.submissionId === 'string' && /^[A-Za-z0-9-]{8,64}$/.test(submit.submissionId) ? submit.submissionId : deps.newId();
  const plusKeys = strategy.plusGroups.filter((g) => g.status === 'agreed').map((g) => g.key);
  // Read once: the suggestion, the form shown again and the save all use this history.
  const [stored, projects] = await Promise.all([deps.checkIns.listForPriority(priority.strategyKey, priority.key), projectLines(deps, priority, period.label)]);
  const earlier = stored.filter((c) => c.period !== period.label);
  // The suggestion counts the readings typed on this card as this period's.
  const suggestFrom = (typed: Record<string, number>) => suggestionFor(priority, [...earlier, { period: period.label, kpiReadings: typed }], projects);
  const answer = validateCheckInAnswer(submit.inputs, priority, plusKeys, (typed) => suggestFrom(typed)?.rag);
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

async function commitSubmit(deps: AppDeps, ready: Extract<Prepared, { kind: 'ready' }>): Promise<SubmitResult> {
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

export async function submitCheckIn(deps: AppDeps, who: Identity, submit: CheckInSubmit): Promise<SubmitResult> {
  const prepared = await prepareSubmit(deps, who, submit);
  return prepared.kind === 'invalid' ? prepared : commitSubmit(deps, prepared);
}

export type ProjectSubmitResult =
  /** Every section saved (or was saved before: a retry): one receipt line each. */
  | { kind: 'receipts'; workstream: Priority; period: ReportingPeriod; receipts: ReceiptView[]; /** Sections left blank: not answered this time. */ notAnswered: string[] }
  /** Something to fix, or an answer changed meanwhile: the card again, with what was saved said per section. */
  | { kind: 'form'; view: ProjectCheckInForm };

/**
 * Several projects of one workstream, submitted from one card. Every section is authorised and
 * validated before anything is written, so a forged project key or one bad field stores nothing;
 * then each project is saved in its own transaction and gets its own receipt line.
 */
export async function submitProjectCheckIns(deps: AppDeps, who: Identity, workstreamRef: string, sections: readonly CheckInSubmit[]): Promise<ProjectSubmitResult> {
  const { strategy, priority: workstream } = await loadPriorityRef(deps, workstreamRef);
  if (sections.length === 0 || sections.length > 20) throw new DomainError('PROJECT_NOT_FOUND', `no sections for ${workstreamRef}`, { workstream: `${workstream.number} ${workstream.title}` });
  for (const section of sections) {
    const parsed = parsePriorityRef(section.priority);
    const unit = parsed ? parseProjectUnitKey(parsed.key) : undefined;
    // A section may only be one of this workstream's projects: anything else is refused whole.
    if (!parsed || !unit || parsed.strategyKey !== workstream.strategyKey || unit.workstreamKey !== workstream.key || !(workstream.projects ?? []).some((p) => p.key === unit.projectKey)) {
      throw new DomainError('PROJECT_NOT_FOUND', `${String(section.priority).slice(0, 80)} is not a project of ${workstreamRef}`, { workstream: `${workstream.number} ${workstream.title}` });
    }
  }
  // A section left blank is a project not answered this time (a lead may have news of one project
  // only); at least one must be filled in, and every filled one must be valid.
  const filled = sections.filter((s) => !isBlank(s.inputs));
  // All blank: every section is checked, so each says what it needs.
  const answered = filled.length > 0 ? filled : sections;
  const skipped = sections.filter((s) => !answered.includes(s)).map((s) => s.priority);
  const prepared: Prepared[] = [];
  for (const section of answered) prepared.push(await prepareSubmit(deps, who, section));
  const period = reportingPeriodFor(today(deps), workstream.frequency, deps.board.periodPolicy);
  if (prepared.some((p) => p.kind === 'invalid')) {
    // The card again, every section in its place: the ones that need fixing marked, the rest as typed.
    const views = await Promise.all(
      sections.map(async (section) => {
        const p = prepared[answered.indexOf(section)];
        if (!p) return openCheckInFor(deps, who, section.priority);
        return p.kind === 'invalid' ? p.view : loadForm(deps, p.person, p.strategy, p.priority, p.period, undefined, { values: valuesOfReady(p), baseVersion: p.baseVersion, submissionId: p.checkIn.submissionId });
      }),
    );
    const outcome = (v: CheckInForm, i: number) => (Object.keys(v.errors).length > 0 ? 'Not saved: needs fixing (marked below).' : answered.includes(sections[i]!) ? 'Not saved yet: nothing on this card is saved until every section you filled in is ready.' : 'Left blank: not answered this time.');
    return { kind: 'form', view: { strategy: { key: strategy.key, title: strategy.title }, workstream, period, sections: views, outcomes: Object.fromEntries(views.map((v, i) => [v.priority.key, outcome(v, i)])) } };
  }
  const results: SubmitResult[] = [];
  for (const p of prepared) results.push(await commitSubmit(deps, p as Extract<Prepared, { kind: 'ready' }>));
  if (results.every((r) => r.kind === 'receipt')) {
    // Every section was checked above to be one of this workstream's projects.
    const titles = skipped.map((ref) => workstream.projects!.find((p) => projectUnitKey(workstream.key, p.key) === parsePriorityRef(ref)!.key)!.title);
    return { kind: 'receipts', workstream, period, receipts: results.map((r) => (r as Extract<SubmitResult, { kind: 'receipt' }>).view), notAnswered: titles };
  }
  const views = await Promise.all(
    results.map(async (r, i) => {
      if (r.kind !== 'receipt') return r.view;
      const p = prepared[i] as Extract<Prepared, { kind: 'ready' }>;
      return loadForm(deps, p.person, p.strategy, p.priority, p.period);
    }),
  );
  const outcomes = Object.fromEntries(results.map((r, i) => [views[i]!.priority.key, r.kind === 'receipt' ? `Saved (version ${r.view.checkIn.version}).` : 'Not saved: someone changed this answer after you opened the card.']));
  return { kind: 'form', view: { strategy: { key: strategy.key, title: strategy.title }, workstream, period, sections: views, outcomes } };
}

/** Nothing typed in a section: no rating, no text, no reading. */
function isBlank(inputs: Record<string, unknown>): boolean {
  return Object.values(inputs).every((v) => v === undefined || v === null || (typeof v === 'string' && v.trim() === ''));
}

/** What was typed on a section that passed, to show again when another section needs fixing. */
function valuesOfReady(p: Extract<Prepared, { kind: 'ready' }>): Record<string, string> {
  const values = valuesFrom({ ...p.checkIn, version: p.baseVersion });
  for (const [k, v] of Object.entries(p.checkIn.kpiReadings)) values[INPUT_IDS.kpi(k)] = String(v);
  return values;
}

/** The card for the projects `who` answers in one workstream (by its number or words, or `<strategy>/<workstream>`; else their first). */
export async function startProjectCheckIn(deps: AppDeps, who: Identity, query?: string): Promise<ProjectCheckInForm> {
  const person = await requirePerson(deps, who).catch((e) => {
    throw e instanceof DomainError ? new DomainError('NOT_A_LEAD', e.message) : e;
  });
  return projectCard(deps, person, await projectsAnsweredBy(deps, person.id), query);
}

async function projectCard(deps: AppDeps, person: Person, groups: readonly ProjectGroup[], query?: string): Promise<ProjectCheckInForm> {
  if (groups.length === 0) throw new DomainError('NO_PROJECTS', `${person.id} answers no project`);
  let chosen: readonly ProjectGroup[] = groups;
  if (query && query.trim() !== '') {
    const byRef = groups.filter((g) => `${g.workstream.strategyKey}/${g.workstream.key}` === query);
    const found = byRef.length ? byRef.map((g) => g.workstream) : findPriorities(groups.map((g) => g.workstream), query).matches;
    chosen = groups.filter((g) => found.includes(g.workstream));
    if (chosen.length === 0) throw new DomainError('NO_PROJECTS', `no workstream of ${person.id}'s projects matches ${query}`, { query: query.slice(0, 80), yours: groups.map((g) => `${g.workstream.number} ${g.workstream.title}`).join('; ') });
  }
  const { strategy, workstream, units } = chosen[0]!;
  const period = currentPeriod(deps, workstream);
  const sections = await Promise.all(units.map((u) => loadForm(deps, person, strategy, u, period)));
  return { strategy: { key: strategy.key, title: strategy.title }, workstream, period, sections };
}
