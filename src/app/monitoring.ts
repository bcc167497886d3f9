import { boardOf } from '../domain/board';
import type { CheckIn } from '../domain/check-in';
import { DomainError } from '../domain/errors';
import { latestReading, targetText, withCheckInReadings, type Kpi } from '../domain/kpi';
import type { Identity } from '../domain/person';
import { comparePeriods, reportingPeriodFor, type Frequency } from '../domain/period';
import { findPriorities } from '../domain/priority-lookup';
import { MONITORING_COLUMNS, projectUnitKey } from '../domain/project';
import { RAG_LABELS, type Rag } from '../domain/rag';
import { maySee } from '../domain/rights';
import { isStrategyLive, priorityRef, type Priority, type Project, type Strategy } from '../domain/strategy';
import { compareNumbers } from '../domain/wording';
import type { AppDeps } from './deps';
import { peopleById, requirePerson, today } from './people';
import { projectLeadLabel } from './projects';

/**
 * The 2024 monitoring template (Leicester's board paper, slide "Monitoring"): per workstream, a
 * sheet with its date, title, objective and governance, a row per reporting project in the seven
 * columns of `MONITORING_COLUMNS`, the point for escalation and the reporting frequency. One view,
 * laid out by each adapter (the card, the Word paper, Markdown, CSV).
 */
export interface MonitoringRow {
  projectKey: string;
  project: string;
  lead: string;
  /** One line per KPI: its name, target and latest reading; then the KPIs the paper lists in words. */
  kpis: string[];
  update?: string;
  nextSteps?: string;
  /** "Learning disability (LD): …", one per group the answer says something about. */
  plusGroups: string[];
  risks?: string;
  rag?: Rag;
  answeredBy?: string;
  answeredAt?: string;
}

export interface MonitoringSheet {
  strategy: { key: string; title: string; board: string };
  /** The date the sheet is as at (YYYY-MM-DD). */
  date: string;
  workstream: { key: string; number: string; title: string };
  objective?: string;
  governance?: string;
  period: string;
  /** "Quarterly": the template's "Reporting frequency". */
  frequency: string;
  rows: MonitoringRow[];
  /** The sheet's "Point for escalation": the workstream's point, any project's (named), or why there is none. */
  escalation: string[];
}

/** Shown in the "RAG for period" column of a project with no answer for the period. */
export const NOT_YET_REPORTED = 'Not yet reported';
/** Shown in a cell the answer left empty, or for a project with no answer. */
export const EMPTY_CELL = '—';

const FREQUENCY_WORDS: Record<Frequency, string> = { monthly: 'Monthly', quarterly: 'Quarterly', 'six-monthly': 'Six-monthly', annual: 'Annual', 'on-request': 'On request' };

/** A KPI as the sheet's "Project KPIs and Targets" says it: name, target, latest reading. */
export function kpiLine(kpi: Kpi): string {
  const target = kpi.target ? `target ${targetText(kpi.target)}` : 'no target set';
  const latest = latestReading(kpi);
  const reading = latest ? `latest ${latest.value} (${latest.period})` : `no reading since the baseline of ${kpi.baseline.value} (${kpi.baseline.period})`;
  return `${kpi.name} (${kpi.unit}): ${target}; ${reading}`;
}

/**
 * The KPIs a project's description lists in words ("KPIs:" then "- " lines), as the 2022-27
 * paper gives most of them: they have no figures to read, but they are what the project is
 * measured by, so the sheet prints them.
 */
export function kpisInWords(description: string | undefined): string[] {
  const lines = (description ?? '').split('\n');
  const at = lines.findIndex((l) => /^\s*KPIs?:\s*$/i.test(l));
  if (at < 0) return [];
  const out: string[] = [];
  for (const line of lines.slice(at + 1)) {
    const bullet = /^\s*[-•]\s+(.*\S)\s*$/.exec(line);
    if (!bullet) break;
    out.push(bullet[1]!);
  }
  return out;
}

/** Everything one sheet is built from, loaded once. */
export interface SheetInputs {
  strategy: Strategy;
  workstream: Priority;
  asAt: string;
  period: string;
  /** Each project's answer for the period, by project key. */
  answers: ReadonlyMap<string, CheckIn>;
  /** Each project's answers up to the period, by project key (their KPI readings). */
  histories: ReadonlyMap<string, readonly CheckIn[]>;
  /** The workstream's own answer for the period. */
  workstreamAnswer?: CheckIn;
  names: ReadonlyMap<string, { name: string }>;
}

/** The sheet from loaded data. Pure. */
export function buildMonitoringSheet(input: SheetInputs): MonitoringSheet {
  const { strategy, workstream: ws, period } = input;
  const groupName = new Map(strategy.plusGroups.map((g) => [g.key, g.name]));
  const agreed = strategy.plusGroups.filter((g) => g.status === 'agreed').map((g) => g.key);
  const rows = (ws.projects ?? []).map((project: Project): MonitoringRow => {
    const answer = input.answers.get(project.key);
    const history = input.histories.get(project.key) ?? [];
    const kpis = ws.kpis.filter((k) => k.projectKey === project.key).map((k) => kpiLine(withCheckInReadings(k, history)));
    const row: MonitoringRow = { projectKey: project.key, project: project.title, lead: projectLeadLabel(project, input.names), kpis: [...kpis, ...kpisInWords(project.description)], plusGroups: [] };
    if (!answer) return row;
    // The agreed groups in the strategy's order, then any other group an older answer named.
    const keys = [...agreed, ...Object.keys(answer.plusGroups).filter((k) => !agreed.includes(k))];
    row.plusGroups = keys.filter((k) => answer.plusGroups[k]).map((k) => `${groupName.get(k) ?? k}: ${answer.plusGroups[k]}`);
    Object.assign(row, {
      update: answer.update,
      answeredBy: answer.onBehalfOfName ? `${answer.submittedByName} on behalf of ${answer.onBehalfOfName}` : answer.submittedByName,
      answeredAt: answer.submittedAt.slice(0, 10),
      ...(answer.nextSteps ? { nextSteps: answer.nextSteps } : {}),
      ...(answer.risks ? { risks: answer.risks } : {}),
      ...(answer.rag ? { rag: answer.rag } : {}),
    });
    return row;
  });
  const points = [
    ...(input.workstreamAnswer?.escalation ? [input.workstreamAnswer.escalation] : []),
    ...(ws.projects ?? []).flatMap((p) => {
      const point = input.answers.get(p.key)?.escalation;
      return point ? [`${p.title}: ${point}`] : [];
    }),
  ];
  const why = input.workstreamAnswer ? (points.length === 0 ? ['None raised'] : []) : [`The workstream's answer for ${period} is not in yet`];
  return {
    strategy: { key: strategy.key, title: strategy.title, board: strategy.board },
    date: input.asAt,
    workstream: { key: ws.key, number: ws.number, title: ws.title },
    ...(ws.objective ? { objective: ws.objective } : {}),
    ...(ws.governance ? { governance: ws.governance } : {}),
    period,
    frequency: FREQUENCY_WORDS[ws.frequency],
    rows,
    escalation: [...points, ...why],
  };
}

/** A row's seven cells, in `MONITORING_COLUMNS` order: what every rendering prints. */
export function monitoringCells(row: MonitoringRow): Record<(typeof MONITORING_COLUMNS)[number], string> {
  const or = (text: string | undefined) => (text === undefined || text === '' ? EMPTY_CELL : text);
  return {
    'Reporting Projects': `${row.project}\nLead: ${row.lead}`,
    'Project KPIs and Targets': row.kpis.length > 0 ? row.kpis.join('\n') : 'None set',
    Update: or(row.update),
    'Next steps': or(row.nextSteps),
    'PLUS Groups - SMI - LD - Homelessness': row.plusGroups.length > 0 ? row.plusGroups.join('\n') : EMPTY_CELL,
    'Risks and mitigations': or(row.risks),
    'RAG for period': row.rag ? RAG_LABELS[row.rag] : NOT_YET_REPORTED,
  };
}

type SheetDeps = Pick<AppDeps, 'strategies' | 'checkIns' | 'people' | 'board'>;

async function loadSheet(deps: SheetDeps, strategy: Strategy, workstream: Priority, asAt: string): Promise<MonitoringSheet> {
  const period = reportingPeriodFor(asAt, workstream.frequency, deps.board.periodPolicy).label;
  const projects = workstream.projects ?? [];
  const [names, workstreamAnswer, loaded] = await Promise.all([
    peopleById(deps),
    deps.checkIns.get(strategy.key, workstream.key, period),
    Promise.all(
      projects.map(async (p) => {
        const history = await deps.checkIns.listForPriority(strategy.key, projectUnitKey(workstream.key, p.key));
        return [p.key, history.filter((c) => comparePeriods(c.period, period) <= 0)] as const;
      }),
    ),
  ]);
  const histories = new Map(loaded);
  const answers = new Map(loaded.flatMap(([key, history]) => history.filter((c) => c.period === period).map((c) => [key, c] as const)));
  return buildMonitoringSheet({ strategy, workstream, asAt, period, answers, histories, ...(workstreamAnswer ? { workstreamAnswer } : {}), names });
}

/** Whether a workstream has a monitoring sheet: it has projects and is reported on. */
function monitored(p: Priority): boolean {
  return p.status === 'active' && (p.projects ?? []).length > 0;
}

/**
 * `monitoring <workstream>` in chat: the sheet of one workstream of a live strategy, for that
 * board's managers and the workstream's lead and deputies (the sender's stored rights only).
 */
export async function monitoringSheet(deps: AppDeps, who: Identity, query: string): Promise<MonitoringSheet> {
  const person = await requirePerson(deps, who);
  const date = today(deps);
  const strategies = new Map((await deps.strategies.listStrategies()).filter((s) => isStrategyLive(s, date)).map((s) => [s.key, s]));
  const workstreams = (await deps.strategies.listPriorities()).filter((p) => strategies.has(p.strategyKey) && monitored(p)).sort((a, b) => a.strategyKey.localeCompare(b.strategyKey) || compareNumbers(a.number, b.number));
  const visible = workstreams.filter((w) => maySee(person, w, boardOf(strategies.get(w.strategyKey)!)));
  const found = findPriorities(workstreams, query).matches;
  if (found.length === 1 && !visible.includes(found[0]!)) {
    throw new DomainError('NOT_BOARD_MANAGER', `${person.id} may not see the monitoring sheet of ${priorityRef(found[0]!)}`, { priority: `the monitoring sheet of ${found[0]!.number}. ${found[0]!.title}` });
  }
  if (found.length !== 1) {
    // Several, or none: name those the sender may ask for, so the next try works.
    const choices = (found.length > 1 ? found.filter((w) => visible.includes(w)) : visible).map((w) => `${w.number}. ${w.title}`).join('; ');
    throw new DomainError('WORKSTREAM_NOT_FOUND', `no single monitored workstream matches ${query}`, { query: query.slice(0, 80), ...(choices ? { choices } : {}) });
  }
  const workstream = found[0]!;
  return loadSheet(deps, strategies.get(workstream.strategyKey)!, workstream, date);
}

/** The board paper's monitoring sheets: one per workstream of the strategy that has projects, in the paper's order. */
export async function monitoringSheetsFor(deps: SheetDeps, strategy: Strategy, asAt: string): Promise<MonitoringSheet[]> {
  const workstreams = (await deps.strategies.listPriorities(strategy.key)).filter(monitored).sort((a, b) => compareNumbers(a.number, b.number));
  return Promise.all(workstreams.map((w) => loadSheet(deps, strategy, w, asAt)));
}
