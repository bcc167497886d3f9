import type { Rag } from './rag';
import { ragScore } from './rag';
import type { Priority, Project, ReportingUnit } from './strategy';

/**
 * Projects as reported units (the 2024 monitoring template: "project monitoring to be populated
 * with updates gathered each interval agreed with project leads").
 *
 * A project is answered like a priority, on its workstream's frequency, with its own KPIs. So the
 * check-in form, validation, versions, receipts, reminders and stored history all work on a
 * *unit*: a priority-shaped view of the project whose key is `<workstream>~<project>`. Units are
 * derived from the workstream, never stored as priorities, so no count of priorities moves: a
 * project's answer is a level below its workstream in the picture.
 */

/** Between a workstream's key and its project's: not a character a seeded key may hold. */
export const PROJECT_SEPARATOR = '~';

export function projectUnitKey(workstreamKey: string, projectKey: string): string {
  return `${workstreamKey}${PROJECT_SEPARATOR}${projectKey}`;
}

/** The parts of a unit key, or undefined for a priority's own key. */
export function parseProjectUnitKey(key: string): { workstreamKey: string; projectKey: string } | undefined {
  const at = key.indexOf(PROJECT_SEPARATOR);
  if (at <= 0 || at === key.length - 1) return undefined;
  return { workstreamKey: key.slice(0, at), projectKey: key.slice(at + 1) };
}

/** Whether a project has a named person to answer it (else its workstream's lead answers it). */
export function hasNamedLead(project: Project): boolean {
  return (project.leads ?? []).length > 0;
}

/**
 * The project as a reported unit: its workstream's frequency and strategy, its own KPIs (those the
 * paper lists under it), and its lead; a project with no named lead is answered by the
 * workstream's lead and deputies.
 */
export function projectUnit(workstream: Priority, project: Project): Priority {
  const named = hasNamedLead(project);
  return {
    strategyKey: workstream.strategyKey,
    key: projectUnitKey(workstream.key, project.key),
    number: workstream.number,
    title: projectTitle(workstream, project),
    themeKey: workstream.themeKey,
    kind: 'project',
    status: workstream.status,
    ...(project.description ? { objective: project.description } : {}),
    contacts: project.leadOfficer ? [{ name: project.leadOfficer, role: 'Lead officer' }] : [],
    frequency: workstream.frequency,
    kpis: workstream.kpis.filter((k) => k.projectKey === project.key),
    leads: named ? [...project.leads!] : [...workstream.leads],
    deputies: named ? [...(project.deputies ?? [])] : [...workstream.deputies],
    workstream: { key: workstream.key, number: workstream.number, title: workstream.title, projectKey: project.key },
  };
}

/**
 * A project's name as people read it: its title, or (a paper that left it blank) its place
 * under the workstream, "W1 project 2", so it is still listed and can still be answered.
 */
export function projectTitle(workstream: Pick<Priority, 'number' | 'projects'>, project: Project): string {
  if (project.title.trim() !== '') return project.title;
  const at = (workstream.projects ?? []).findIndex((p) => p.key === project.key);
  return `${workstream.number} project ${at >= 0 ? at + 1 : project.key}`;
}

/** The projects of a workstream that name no lead of their own: its leads (and deputies) answer them. */
export function unitsAnsweredByWorkstreamLeads(workstream: Priority): ReportingUnit[] {
  if (workstream.kind === 'project' || workstream.status !== 'active') return [];
  return (workstream.projects ?? []).filter((p) => !hasNamedLead(p)).map((p) => projectUnit(workstream, p));
}

/** Every project of a workstream as a unit, in the paper's order. */
export function projectUnits(workstream: Priority): ReportingUnit[] {
  return (workstream.projects ?? []).map((p) => projectUnit(workstream, p));
}

/** The units whose leads are reminded: projects with a named lead (the others are the workstream lead's, on the workstream's own reminder). */
export function remindedUnits(priorities: readonly Priority[]): ReportingUnit[] {
  return priorities.filter((p) => p.status === 'active').flatMap((w) => (w.projects ?? []).filter(hasNamedLead).map((p) => projectUnit(w, p)));
}

/**
 * The rating the projects suggest for their workstream: the worst project RAG (a workstream is no
 * better than its weakest project), unless the lead says why. Undefined until a project has one.
 */
export function suggestedFromProjects(ratings: readonly { title: string; rag?: Rag }[]): { rag: Rag; reasons: string[] } | undefined {
  const rated = ratings.filter((r): r is { title: string; rag: Rag } => r.rag !== undefined);
  if (rated.length === 0) return undefined;
  const worst = rated.reduce((a, b) => (ragScore(b.rag) < ragScore(a.rag) ? b : a));
  const same = rated.filter((r) => r.rag === worst.rag).map((r) => r.title);
  return { rag: worst.rag, reasons: [`the worst project rating is ${worst.rag} (${same.join('; ')})`] };
}

/** The monitoring template's table, as the board's 2024 paper names its columns. */
export const MONITORING_COLUMNS = ['Reporting Projects', 'Project KPIs and Targets', 'Update', 'Next steps', 'PLUS Groups - SMI - LD - Homelessness', 'Risks and mitigations', 'RAG for period'] as const;
