import type { ProjectLine } from '../domain/notice';
import { parseProjectUnitKey, projectTitle, projectUnit, projectUnits } from '../domain/project';
import { answerRole } from '../domain/rights';
import { isStrategyLive, type Priority, type Project, type ReportingUnit, type Strategy } from '../domain/strategy';
import { compareNumbers } from '../domain/wording';
import type { AppDeps } from './deps';
import { activeCovers, peopleById, today } from './people';

/** A priority, or a project's unit (`W2~pregnancy`) when the key names one of a workstream's projects. */
export async function getUnit(deps: Pick<AppDeps, 'strategies'>, strategyKey: string, key: string): Promise<ReportingUnit | undefined> {
  const unit = parseProjectUnitKey(key);
  if (!unit) return deps.strategies.getPriority(strategyKey, key);
  const workstream = await deps.strategies.getPriority(strategyKey, unit.workstreamKey);
  const project = workstream?.projects?.find((p) => p.key === unit.projectKey);
  return workstream && project ? projectUnit(workstream, project) : undefined;
}

/** Who answers a project, as a card or a sheet says it. */
export function projectLeadLabel(project: Project, names: ReadonlyMap<string, { name: string }>): string {
  const named = (project.leads ?? []).map((id) => names.get(id)?.name ?? id);
  if (named.length > 0) return named.join(', ');
  if (!project.leadOfficer || /to be confirmed/i.test(project.leadOfficer)) return 'To be confirmed (the workstream lead answers)';
  return `${project.leadOfficer} (the workstream lead answers)`;
}

/** A workstream's projects and where each answer stands for `period`; undefined for anything without projects. */
export async function projectLines(deps: Pick<AppDeps, 'checkIns' | 'people'>, priority: Priority, period: string): Promise<ProjectLine[] | undefined> {
  if (priority.kind === 'project' || !priority.projects?.length) return undefined;
  const units = projectUnits(priority);
  const [names, answers] = await Promise.all([peopleById(deps as AppDeps), Promise.all(units.map((u) => deps.checkIns.get(u.strategyKey, u.key, period)))]);
  return priority.projects.map((project, i) => {
    const answer = answers[i];
    return { key: units[i]!.key, title: projectTitle(priority, project), lead: projectLeadLabel(project, names), answered: answer !== undefined, ...(answer?.rag ? { rag: answer.rag } : {}) };
  });
}

export interface ProjectGroup {
  strategy: Strategy;
  workstream: Priority;
  /** The projects this person answers, in the paper's order. */
  units: Priority[];
}

/** The projects `personId` answers (leads, deputises, covers, or as the workstream's lead for unnamed ones), per workstream of a live strategy. */
export async function projectsAnsweredBy(deps: AppDeps, personId: string): Promise<ProjectGroup[]> {
  const date = today(deps);
  const strategies = new Map((await deps.strategies.listStrategies()).filter((s) => isStrategyLive(s, date)).map((s) => [s.key, s]));
  const covers = await activeCovers(deps);
  const groups: ProjectGroup[] = [];
  const workstreams = (await deps.strategies.listPriorities()).filter((p) => strategies.has(p.strategyKey) && p.status === 'active' && (p.projects ?? []).length > 0);
  for (const workstream of workstreams.sort((a, b) => a.strategyKey.localeCompare(b.strategyKey) || compareNumbers(a.number, b.number))) {
    const units = projectUnits(workstream).filter((u) => answerRole(personId, u, covers).may);
    if (units.length > 0) groups.push({ strategy: strategies.get(workstream.strategyKey)!, workstream, units });
  }
  return groups;
}
