import type { CheckInForm, ProjectCheckInForm } from '../domain/notice';
import { DomainError } from '../domain/errors';
import type { Identity } from '../domain/person';
import { findPriorities } from '../domain/priority-lookup';
import { priorityRef, type Priority } from '../domain/strategy';
import type { AppDeps } from './deps';
import { authorise, cardSubmissionId, commitSubmit, currentPeriod, lastAnswerBefore, loadForm, periodOfCard, prepareSubmit, valuesFromLast, type CheckInSubmit, type SubmitResult } from './check-in-form';
import { prioritiesAnsweredBy, requireAnswerer } from './people';
import { projectsAnsweredBy } from './projects';
import { projectCard } from './project-check-in';
import { strategyTitles } from './status';

/** The priority check-in: `checkin`, its card, edits and submits. Projects' cards: project-check-in.ts. */

export type { CheckInForm, ProjectCheckInForm } from '../domain/notice';
export { checkInForm, type CheckInSubmit, type ReceiptView, type SubmitResult } from './check-in-form';

export type StartCheckInResult =
  | { kind: 'card'; view: CheckInForm }
  | { kind: 'projects'; view: ProjectCheckInForm }
  /** Several to answer: priorities, and (as their own buttons) the workstreams whose projects the sender answers. */
  | { kind: 'pick'; priorities: Priority[]; purpose: 'checkin'; strategyTitles: Record<string, string>; projectGroups?: { workstreamRef: string; label: string }[] };

/** `checkin [priority]`: the card for the current period, or a choice when the sender answers for several. */
export async function startCheckIn(deps: AppDeps, who: Identity, query?: string): Promise<StartCheckInResult> {
  const person = await requireAnswerer(deps, who);
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
  const projectGroups = asked ? [] : groups.map((g) => ({ workstreamRef: priorityRef(g.workstream), label: `${g.workstream.number} projects: ${g.units.map((u) => u.title).join('; ')}` }));
  if (candidates.length > 1 || projectGroups.length > 0) return { kind: 'pick', priorities: candidates, purpose: 'checkin', strategyTitles: await strategyTitles(deps), ...(projectGroups.length ? { projectGroups } : {}) };
  const priority = candidates[0]!;
  const strategy = (await deps.strategies.getStrategy(priority.strategyKey))!;
  return { kind: 'card', view: await loadForm(deps, person, strategy, priority, await currentPeriod(deps, priority, strategy)) };
}

export async function editCheckIn(deps: AppDeps, who: Identity, ref: string, label: string): Promise<CheckInForm> {
  const { person, strategy, priority } = await authorise(deps, who, ref);
  return loadForm(deps, person, strategy, priority, await periodOfCard(deps, priority, label, strategy));
}

export async function openCheckInFor(deps: AppDeps, who: Identity, ref: string): Promise<CheckInForm> {
  const { person, strategy, priority } = await authorise(deps, who, ref);
  return loadForm(deps, person, strategy, priority, await currentPeriod(deps, priority, strategy));
}

/**
 * "Start from last answer": the same card with its inputs filled from the latest answer of an
 * earlier period (its rating and texts; not its KPI readings, which are not this period's).
 */
export async function startFromLastAnswer(deps: AppDeps, who: Identity, card: { priority: string; period: string; submissionId?: unknown }): Promise<CheckInForm> {
  const { person, strategy, priority } = await authorise(deps, who, card.priority);
  const period = await periodOfCard(deps, priority, card.period, strategy);
  const history = await deps.checkIns.listForPriority(priority.strategyKey, priority.key);
  const last = lastAnswerBefore(history, period.label);
  return loadForm(deps, person, strategy, priority, period, history, { ...(last ? { values: valuesFromLast(last) } : {}), submissionId: cardSubmissionId(deps, card.submissionId) });
}

export async function submitCheckIn(deps: AppDeps, who: Identity, submit: CheckInSubmit): Promise<SubmitResult> {
  const prepared = await prepareSubmit(deps, who, submit);
  return prepared.kind === 'invalid' ? prepared : commitSubmit(deps, prepared);
}
