import { countDirections } from './kpi';
import type { PicturedPriority, PicturedProject, StrategyPicture } from './picture';
import type { ProjectCounts, RagCounts, StrategySummary } from './summary';

/**
 * The counts of one strategy (or one of its themes) as `summary`, the digest, the papers and
 * `hwb-bot summary --json` print them: all read off the picture.
 */
export function summaryOf(sp: StrategyPicture, asAt: string, themeKey?: string): StrategySummary {
  const inTheme = themeKey === undefined ? sp.priorities : sp.priorities.filter((p) => p.priority.themeKey === themeKey);
  const rag: RagCounts = { red: 0, amber: 0, green: 0, notReported: 0 };
  let notYetDue = 0;
  for (const p of inTheme) {
    if (p.answer?.rag) rag[p.answer.rag] += 1;
    else if (sp.mode === 'period' || p.standing === 'overdue' || p.standing === 'no-lead' || p.answer) rag.notReported += 1;
    else notYetDue += 1;
  }
  const directionOfTravel = themeKey === undefined ? sp.directionOfTravel : countDirections(sp.kpis.filter((k) => k.themeKey === themeKey || (k.priorityKey !== undefined && inTheme.some((p) => p.priority.key === k.priorityKey))));
  const base: StrategySummary = { strategy: sp.strategy.key, period: sp.period, asAt, rag, directionOfTravel };
  if (sp.mode !== 'as-at') return base;
  const projects = projectCounts(inTheme.flatMap((p) => p.projects ?? []));
  return { ...base, notYetDue, overdue: inTheme.filter((p) => p.standing === 'overdue').length, noLead: inTheme.filter((p) => p.standing === 'no-lead').length, ...(projects.total > 0 ? { projects } : {}) };
}

/** A workstream's projects counted as the digest lists them (a project is never counted as a priority). */
export function projectCounts(projects: readonly PicturedProject[]): ProjectCounts {
  const c: ProjectCounts = { red: 0, amber: 0, green: 0, notReported: 0, notYetDue: 0, overdue: 0, noLead: 0, total: projects.length };
  for (const p of projects) {
    if (p.answer?.rag) c[p.answer.rag] += 1;
    else if (p.standing === 'not-yet-due' || p.standing === 'due') c.notYetDue += 1;
    else c.notReported += 1;
    if (p.standing === 'no-lead') c.noLead += 1;
    if (p.standing === 'overdue' && p.named) c.overdue += 1;
  }
  return c;
}

/** The live priorities nobody is asked about, in the papers' order (what the digest's "No lead assigned" lists). */
export function noLeadOf(sp: StrategyPicture): PicturedPriority[] {
  return sp.priorities.filter((p) => p.standing === 'no-lead');
}
