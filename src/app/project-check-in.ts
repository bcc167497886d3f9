import { cleanText, INPUT_IDS, TICKED } from '../domain/check-in';
import { DomainError } from '../domain/errors';
import type { CheckInForm, ProjectCheckInForm } from '../domain/notice';
import type { Identity, Person } from '../domain/person';
import { type ReportingPeriod } from '../domain/period';
import { findPriorities } from '../domain/priority-lookup';
import { parseProjectUnitKey } from '../domain/project';
import { parsePriorityRef, priorityRef, type Priority } from '../domain/strategy';
import type { AppDeps } from './deps';
import {
  authorise,
  cardBaseVersion,
  cardSubmissionId,
  commitSubmit,
  currentPeriod,
  lastAnswerBefore,
  loadForm,
  loadPriorityRef,
  periodOfCard,
  prepareSubmit,
  valuesFromLast,
  withReadings,
  type CheckInSubmit,
  type Prepared,
  type ReceiptView,
  type SubmitResult,
} from './check-in-form';
import { requireAnswerer } from './people';
import { projectsAnsweredBy, type ProjectGroup } from './projects';

/**
 * The projects' card: a section per project a lead answers in one workstream, submitted at once.
 * A section with no input at all is a project not answered this time (a lead may have news of
 * one project only); a section with any input is checked whole; at least one must be answered.
 */

export type ProjectSubmitResult =
  /** Every section answered was saved (or was saved before: a retry): one receipt line each. */
  | {
      kind: 'receipts';
      workstream: Priority;
      period: ReportingPeriod;
      receipts: ReceiptView[];
      /** Sections left blank whose project has no answer this period: still to answer. */
      stillOpen: string[];
      /** Sections left blank whose project was answered earlier this period: that answer stands. */
      unchanged: string[];
    }
  /** Something to fix, nothing answered, or an answer changed meanwhile: the card again, saying what happened per section. */
  | { kind: 'form'; view: ProjectCheckInForm };

/** The card for the projects `who` answers in one workstream (by its number or words, or `<strategy>/<workstream>`; else their first). */
export async function startProjectCheckIn(deps: AppDeps, who: Identity, query?: string): Promise<ProjectCheckInForm> {
  const person = await requireAnswerer(deps, who);
  return projectCard(deps, person, await projectsAnsweredBy(deps, person.id), query);
}

export async function projectCard(deps: AppDeps, person: Person, groups: readonly ProjectGroup[], query?: string): Promise<ProjectCheckInForm> {
  if (groups.length === 0) throw new DomainError('NO_PROJECTS', `${person.id} answers no project`);
  let chosen: readonly ProjectGroup[] = groups;
  if (query && query.trim() !== '') {
    const byRef = groups.filter((g) => priorityRef(g.workstream) === query);
    const found = byRef.length ? byRef.map((g) => g.workstream) : findPriorities(groups.map((g) => g.workstream), query).matches;
    chosen = groups.filter((g) => found.includes(g.workstream));
    if (chosen.length === 0) throw new DomainError('NO_PROJECTS', `no workstream of ${person.id}'s projects matches ${query}`, { query: query.slice(0, 80), yours: groups.map((g) => `${g.workstream.number} ${g.workstream.title}`).join('; ') });
  }
  const { strategy, workstream, units } = chosen[0]!;
  const period = await currentPeriod(deps, workstream, strategy);
  const sections = await Promise.all(units.map((u) => loadForm(deps, person, strategy, u, period)));
  return { strategy: { key: strategy.key, title: strategy.title }, workstream, period, sections };
}

/**
 * The workstream a card names, and its sections checked to be that workstream's projects: a
 * forged or foreign key refuses the whole card before anything is read or written.
 */
async function checkSections(deps: AppDeps, workstreamRef: string, sections: readonly CheckInSubmit[]): Promise<{ strategy: { key: string; title: string }; workstream: Priority }> {
  const { strategy, priority: workstream } = await loadPriorityRef(deps, workstreamRef);
  const named = { workstream: `${workstream.number} ${workstream.title}` };
  if (sections.length === 0 || sections.length > MAX_SECTIONS) throw new DomainError('PROJECT_NOT_FOUND', `no sections for ${workstreamRef}`, named);
  for (const section of sections) {
    const parsed = parsePriorityRef(section.unit);
    const unit = parsed ? parseProjectUnitKey(parsed.key) : undefined;
    if (!parsed || !unit || parsed.strategyKey !== workstream.strategyKey || unit.workstreamKey !== workstream.key || !(workstream.projects ?? []).some((p) => p.key === unit.projectKey)) {
      throw new DomainError('PROJECT_NOT_FOUND', `${String(section.unit).slice(0, 80)} is not a project of ${workstreamRef}`, named);
    }
  }
  return { strategy: { key: strategy.key, title: strategy.title }, workstream };
}

/** A workstream has at most this many projects on one card (the papers' largest has 6). */
export const MAX_SECTIONS = 20;

/**
 * Several projects of one workstream, submitted from one card. Every section answered is
 * authorised and validated before anything is written, so a forged project key or one bad field
 * stores nothing; then each project is saved in its own transaction and gets its own receipt line.
 */
export async function submitProjectCheckIns(deps: AppDeps, who: Identity, workstreamRef: string, sections: readonly CheckInSubmit[]): Promise<ProjectSubmitResult> {
  const { strategy, workstream } = await checkSections(deps, workstreamRef, sections);
  const period = await currentPeriod(deps, workstream);
  // A section answered earlier this period shows that answer in its inputs: sent back as it
  // was shown, it is not a new answer (no second version of the same words). A repeat of the
  // submit that saved it (Teams retries an invoke; same submission id) still gets its receipt.
  const given = await Promise.all(sections.map((s) => deps.checkIns.get(workstream.strategyKey, parsePriorityRef(s.unit)!.key, period.label)));
  const untouched = sections.filter((s, i) => given[i] !== undefined && given[i]!.submissionId !== s.submissionId && sameAsShown(s.inputs, withReadings(given[i]!)));
  const answered = sections.filter((s) => !isBlank(s.inputs) && !untouched.includes(s));
  if (answered.length === 0) {
    // Nothing typed anywhere: nothing to save and nothing to mark; the card again, saying so.
    const views = await Promise.all(sections.map((s) => openSection(deps, who, s)));
    return { kind: 'form', view: { strategy, workstream, period, sections: views, notice: NOTHING_ANSWERED } };
  }
  const prepared: Prepared[] = [];
  for (const section of answered) prepared.push(await prepareSubmit(deps, who, section));
  if (prepared.some((p) => p.kind === 'invalid')) {
    // The card again, every section in its place: the ones that need fixing marked, the rest as typed.
    const views = await Promise.all(
      sections.map(async (section) => {
        const p = prepared[answered.indexOf(section)];
        if (!p) return openSection(deps, who, section);
        return p.kind === 'invalid' ? p.view : loadForm(deps, p.person, p.strategy, p.priority, p.period, undefined, { values: withReadings({ ...p.checkIn, version: p.baseVersion }), baseVersion: p.baseVersion, submissionId: p.checkIn.submissionId });
      }),
    );
    const outcome = (v: CheckInForm, i: number) => (Object.keys(v.errors).length > 0 ? 'Not saved: needs fixing (marked below).' : answered.includes(sections[i]!) ? 'Not saved yet: nothing on this card is saved until every section you filled in is ready.' : 'Left blank: not answered this time.');
    return { kind: 'form', view: { strategy, workstream, period, sections: views, outcomes: Object.fromEntries(views.map((v, i) => [v.priority.key, outcome(v, i)])) } };
  }
  const results: SubmitResult[] = [];
  for (const p of prepared) results.push(await commitSubmit(deps, p as Extract<Prepared, { kind: 'ready' }>));
  if (results.every((r) => r.kind === 'receipt')) {
    // A section not answered now: its project was answered earlier this period (that answer stands) or not (still open).
    const standing = sections.map((s, i) => ({ title: titleOf(workstream, s.unit), given: given[i] })).filter((_, i) => !answered.includes(sections[i]!));
    return {
      kind: 'receipts',
      workstream,
      period,
      receipts: results.map((r) => (r as Extract<SubmitResult, { kind: 'receipt' }>).view),
      stillOpen: standing.filter((b) => !b.given).map((b) => b.title),
      unchanged: standing.filter((b) => b.given).map((b) => b.title),
    };
  }
  const views = await Promise.all(
    results.map(async (r, i) => {
      if (r.kind !== 'receipt') return r.view;
      const p = prepared[i] as Extract<Prepared, { kind: 'ready' }>;
      return loadForm(deps, p.person, p.strategy, p.priority, p.period);
    }),
  );
  const outcomes = Object.fromEntries(results.map((r, i) => [views[i]!.priority.key, r.kind === 'receipt' ? `Saved (version ${r.view.checkIn.version}).` : 'Not saved: someone changed this answer after you opened the card.']));
  return { kind: 'form', view: { strategy, workstream, period, sections: views, outcomes } };
}

/** Shown on the card when Submit was pressed with no section answered anew (each blank, or as answered before). */
export const NOTHING_ANSWERED = 'Nothing was saved: no section has a new answer. Answer at least one project (its rating and progress update), then submit.';

/**
 * "Start from last answer" on one section: the card again, that section filled from its latest
 * earlier answer, every other section as typed (the button sends the card's inputs).
 */
export async function projectSectionFromLast(deps: AppDeps, who: Identity, workstreamRef: string, sections: readonly CheckInSubmit[], index: number): Promise<ProjectCheckInForm> {
  const { strategy, workstream } = await checkSections(deps, workstreamRef, sections);
  const views = await Promise.all(
    sections.map(async (s, i) => {
      const { person, strategy: st, priority } = await authorise(deps, who, s.unit);
      const period = await periodOfCard(deps, priority, s.period, st);
      const history = await deps.checkIns.listForPriority(priority.strategyKey, priority.key);
      const typed = typedValues(s.inputs);
      const last = i === index ? lastAnswerBefore(history, period.label) : undefined;
      const values = last ? { ...typed, ...valuesFromLast(last) } : typed;
      return loadForm(deps, person, st, priority, period, history, { values, baseVersion: cardBaseVersion(s.baseVersion), submissionId: cardSubmissionId(deps, s.submissionId) });
    }),
  );
  return { strategy, workstream, period: await currentPeriod(deps, workstream), sections: views };
}

/** A section's form, fresh, for the person answering (authorised as for a submit). */
async function openSection(deps: AppDeps, who: Identity, section: CheckInSubmit): Promise<CheckInForm> {
  const { person, strategy, priority } = await authorise(deps, who, section.unit);
  return loadForm(deps, person, strategy, priority, await periodOfCard(deps, priority, section.period, strategy));
}

/**
 * Nothing typed in a section: no rating, no text, no reading. The "No change" tick alone is not
 * an answer (a toggle always sends a value, ticked or not).
 */
export function isBlank(inputs: Record<string, unknown>): boolean {
  return Object.entries(inputs).every(([k, v]) => k === INPUT_IDS.noChange || v === undefined || v === null || (typeof v === 'string' && cleanText(v) === ''));
}

/** Whether a section's inputs are the stored answer's values as the card showed them (an unticked toggle is no value). */
function sameAsShown(inputs: Record<string, unknown>, shown: Record<string, string>): boolean {
  const norm = (k: string, v: unknown) => {
    const text = typeof v === 'string' || typeof v === 'number' ? cleanText(String(v)) : '';
    return k === INPUT_IDS.noChange && text !== TICKED ? '' : text;
  };
  const keys = new Set([...Object.keys(inputs), ...Object.keys(shown)]);
  return [...keys].every((k) => norm(k, inputs[k]) === norm(k, shown[k]));
}

/** What a card sent, as text values to show again. */
function typedValues(inputs: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(inputs).filter(([, v]) => typeof v === 'string' || typeof v === 'number').map(([k, v]) => [k, String(v)]));
}

/** A project's title from its section's ref (checked by `checkSections` to be one of the workstream's). */
function titleOf(workstream: Priority, ref: string): string {
  const unit = parseProjectUnitKey(parsePriorityRef(ref)!.key)!;
  return workstream.projects!.find((p) => p.key === unit.projectKey)!.title;
}
