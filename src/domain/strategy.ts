import type { Frequency } from './period';
import type { Kpi } from './kpi';

export interface Theme {
  key: string;
  title: string;
  description?: string;
}

export interface PlusGroup {
  key: string;
  name: string;
  status: 'agreed' | 'proposed';
}

export interface Strategy {
  key: string;
  title: string;
  /** The board's name, as the paper prints it. */
  board: string;
  /** The board's key (see `boardOf`: older stored strategies have only the name). */
  boardKey?: string;
  area: string;
  years: { from: number; to: number };
  reportingFrequency: Frequency;
  themes: Theme[];
  plusGroups: PlusGroup[];
  sources: string[];
  /** KPIs that belong to a theme or the whole strategy rather than to one priority. */
  kpis: Kpi[];
}

export interface Contact {
  name: string;
  role?: string;
}

export interface Project {
  key: string;
  title: string;
  description?: string;
  /** As the paper names the lead: a person, an organisation, or "To be confirmed". */
  leadOfficer?: string;
  /** Person ids who answer for the project; none: the workstream's lead answers it. */
  leads?: string[];
  deputies?: string[];
}

export interface Priority {
  strategyKey: string;
  key: string;
  /** As the paper numbers it: "9", "1.1", "W2". */
  number: string;
  title: string;
  themeKey: string;
  /** A project is a reported unit below its workstream (see project.ts); never stored as a priority. */
  kind: 'priority' | 'workstream' | 'project';
  status: 'active' | 'proposed' | 'closed';
  objective?: string;
  rationale?: string[];
  governance?: string;
  contacts: Contact[];
  frequency: Frequency;
  actions?: string[];
  outcomes?: { text: string; phofRef?: string }[];
  milestones?: { text: string; due?: string }[];
  projects?: Project[];
  kpis: Kpi[];
  /** Person ids. */
  leads: string[];
  deputies: string[];
  /** On a project unit: the workstream it belongs to. */
  workstream?: { key: string; number: string; title: string; projectKey: string };
}

/**
 * What a lead answers for, one check-in a period: a priority (or workstream) of the strategy, or
 * one of a workstream's projects as a unit of its own (`kind: 'project'`, `workstream` set, key
 * `W2~pregnancy`). Both have one shape (a Priority), so the check-in, the cycle and the stores
 * treat them alike; the name says which is meant where either may come.
 */
export type ReportingUnit = Priority;

/** A strategy is live while its final year has not passed; closed strategies take no new check-ins. */
export function isStrategyLive(strategy: Pick<Strategy, 'years'>, today: string): boolean {
  return Number(today.slice(0, 4)) <= strategy.years.to;
}

/** `<strategy>/<priority>`: how a priority is named across strategies (buttons, outbox keys, maps). */
export function priorityRef(p: Pick<Priority, 'strategyKey' | 'key'>): string {
  return `${p.strategyKey}/${p.key}`;
}

/** The `priorityRef` of a record that names its priority (a check-in, a priority's state, a planned message). */
export function priorityRefOf(r: { strategyKey: string; priorityKey: string }): string {
  return priorityRef({ strategyKey: r.strategyKey, key: r.priorityKey });
}

/** The parts of a `priorityRef`, or undefined when `ref` is not one (it may come from a card). */
export function parsePriorityRef(ref: unknown): { strategyKey: string; key: string } | undefined {
  if (typeof ref !== 'string') return undefined;
  const slash = ref.indexOf('/');
  if (slash <= 0 || slash === ref.length - 1) return undefined;
  return { strategyKey: ref.slice(0, slash), key: ref.slice(slash + 1) };
}

/**
 * Who is asked for a priority's (or project unit's) answer: its leads, else its deputies. Nobody
 * means "No lead": nobody is asked, so its answer is never "overdue", and the board is told to
 * give it a lead.
 */
export function askedFor(p: Pick<Priority, 'leads' | 'deputies'>): string[] {
  return p.leads.length > 0 ? p.leads : p.deputies;
}

export function hasNoLead(p: Pick<Priority, 'leads' | 'deputies'>): boolean {
  return askedFor(p).length === 0;
}
