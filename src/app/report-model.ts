import { projectUnits } from '../domain/project';
import type { CheckIn } from '../domain/check-in';
import { directionOfTravel, latestReading, targetText, DIRECTION_LABELS, type Direction, type DirectionCounts, type Reading } from '../domain/kpi';
import { comparePeriods, periodSpan, type Frequency } from '../domain/period';
import { RAG_DEFINITIONS, RAG_LABELS, RAGS, type Rag } from '../domain/rag';
import { priorityRef, type Priority, type Strategy } from '../domain/strategy';
import type { Standing, StrategyPicture } from '../domain/picture';
import type { MonitoringSheet } from './monitoring';
import type { RagCounts } from '../domain/summary';
import { compareNumbers, frequencyName, longDate } from '../domain/wording';

/**
 * The board paper as data: what the board officer writes by hand today (seed 001's shape).
 * Pure; the renderers (Word, Markdown, CSV, JSON) only lay it out.
 */
export interface IndicatorRow {
  key: string;
  name: string;
  unit: string;
  polarity: string;
  baseline: Reading;
  latest?: Reading;
  target?: string;
  direction?: Direction;
  directionLabel: string;
  notes: string;
}

export interface StatementRow {
  number: string;
  title: string;
  theme: string;
  contacts: string[];
  leads: string[];
  rag?: Rag;
  /** The period this priority is judged on (its own frequency's). */
  period?: string;
  /** The priority's own reporting frequency: an annual priority is judged on its year. */
  frequency?: Frequency;
  /**
   * The statement's period as the paper prints it: "2026-Q3 (quarterly)", or, when the answer
   * printed is from an earlier period than the paper's, "2025 (annual); latest answer: 2025,
   * annual, before this paper's 2026-Q3", so nobody reads an old answer as this quarter's.
   */
  periodText?: string;
  /** The answer printed is from an earlier period than the paper's. */
  earlierThanPaper?: boolean;
  /** What the lead said for each PLUS group, by the group's name (groups left blank are left out). */
  plusGroups?: { name: string; text: string }[];
  /** The KPI readings given with the answer, by the KPI's name, with its unit. */
  kpiReadings?: { name: string; reading: string }[];
  standing?: Standing;
  update?: string;
  nextSteps?: string;
  risks?: string;
  escalation?: string;
  answeredBy?: string;
  answeredAt?: string;
}

export interface BoardReport {
  board: string;
  strategy: { key: string; title: string };
  /** The strategy's own period as at the date, or the period printed. */
  period: string | null;
  /** The date the picture was taken at. */
  asAt: string;
  mode: StrategyPicture['mode'];
  notYetDue: number;
  /** Within Not reported: priorities nobody is asked about (no lead, no deputy); never overdue. */
  noLead: number;
  generatedOn: string;
  ragRows: { rating: string; definition: string; count: number }[];
  rag: RagCounts;
  directionOfTravel: DirectionCounts;
  indicators: IndicatorRow[];
  statements: StatementRow[];
  escalations: { name: string; point: string }[];
  /** The 2024 monitoring template: a sheet per workstream that has projects, in the paper's order. */
  monitoring: MonitoringSheet[];
}

const RAG_ORDER: (Rag | undefined)[] = ['red', 'amber', 'green', undefined];

/** The board paper of one strategy, read off its picture (the counts are the picture's). */
export function buildBoardReport(sp: StrategyPicture, asAt: string, people: ReadonlyMap<string, string>, generatedOn: string, monitoring: MonitoringSheet[] = []): BoardReport {
  const strategy = sp.strategy;
  const themes = new Map(strategy.themes.map((t) => [t.key, t.title]));
  const indicators: IndicatorRow[] = sp.kpis.map((kpi) => {
    const direction = directionOfTravel(kpi);
    // Papers often say the same thing in the notes and in the flag: print it once.
    const flags = (
      [
        ['Definition changed', kpi.flags?.definitionChanged],
        ['Data quality', kpi.flags?.dataQuality],
        ['Revised baseline', kpi.flags?.revisedBaseline],
      ] as const
    )
      .filter(([, text]) => text && !(kpi.notes ?? '').includes(text))
      .map(([label, text]) => `${label}: ${text}`);
    const latest = latestReading(kpi);
    return {
      key: kpi.key,
      name: kpi.name,
      unit: kpi.unit,
      polarity: kpi.polarity === 'low-is-good' ? 'Low is good' : 'High is good',
      baseline: kpi.baseline,
      ...(latest ? { latest } : {}),
      ...(kpi.target ? { target: targetText(kpi.target) } : {}),
      ...(direction ? { direction } : {}),
      directionLabel: direction ? DIRECTION_LABELS[direction] : 'No reading yet',
      notes: [kpi.notes, ...flags].filter(Boolean).join(' '),
    };
  });
  const statements: StatementRow[] = sp.priorities.map(({ priority: p, answer, text, period, standing }) => {
    const row: StatementRow = {
      number: p.number,
      title: p.title,
      theme: themes.get(p.themeKey) ?? p.themeKey,
      contacts: p.contacts.map((c) => (c.role ? `${c.name} (${c.role})` : c.name)),
      leads: p.leads.map((l) => people.get(l) ?? l),
      period: period.label,
      frequency: p.frequency,
      periodText: `${period.label} (${frequencyName(p.frequency)})`,
      standing,
    };
    if (answer) {
      // A paper prints the texts: its picture is loaded with them (loadPicture's `texts`).
      if (!text) throw new Error(`the report's picture has no text for ${priorityRef(p)} ${answer.period}: load it with texts`);
      Object.assign(row, { period: answer.period, update: text.noChange ? `No change since last period. ${text.update}` : text.update, answeredAt: answer.submittedAt.slice(0, 10), answeredBy: answer.onBehalfOfName ? `${answer.submittedByName} on behalf of ${answer.onBehalfOfName}` : answer.submittedByName });
      if (answer.rag) row.rag = answer.rag;
      if (text.nextSteps) row.nextSteps = text.nextSteps;
      if (text.risks) row.risks = text.risks;
      if (answer.escalation) row.escalation = answer.escalation;
      const plusGroups = plusGroupAnswers(strategy, text.plusGroups);
      if (plusGroups.length > 0) row.plusGroups = plusGroups;
      const readings = kpiReadingsOf(p, text.kpiReadings);
      if (readings.length > 0) row.kpiReadings = readings;
      row.periodText = `${answer.period} (${frequencyName(p.frequency)})`;
      // Earlier: over before the paper's period began (an annual 2026 answer covers 2026-Q3; 2025's does not).
      if (sp.period && periodSpan(answer.period).end < periodSpan(sp.period).start) {
        row.earlierThanPaper = true;
        row.periodText += `; latest answer: ${answer.period}, ${frequencyName(p.frequency)}, before this paper's ${sp.period}`;
      }
    }
    return row;
  });
  statements.sort((a, b) => RAG_ORDER.indexOf(a.rag) - RAG_ORDER.indexOf(b.rag) || compareNumbers(a.number, b.number));
  return {
    board: strategy.board,
    strategy: { key: strategy.key, title: strategy.title },
    period: sp.period,
    asAt,
    mode: sp.mode,
    notYetDue: sp.notYetDue,
    noLead: sp.noLead,
    generatedOn,
    ragRows: [
      ...RAGS.map((r) => ({ rating: RAG_LABELS[r], definition: RAG_DEFINITIONS[r], count: sp.rag[r] })),
      { rating: 'Not reported', definition: sp.mode === 'as-at' ? `Overdue, no lead, or answered without a rating${sp.noLead > 0 ? ` (${sp.noLead} with no lead: nobody is asked for them)` : ''}.` : 'No rating given for this period.', count: sp.rag.notReported },
      ...(sp.mode === 'as-at' ? [{ rating: 'Not yet due', definition: 'Not answered yet, and not yet due.', count: sp.notYetDue }] : []),
    ],
    rag: sp.rag,
    directionOfTravel: sp.directionOfTravel,
    indicators,
    statements,
    // A project's point for escalation is the board's too, named under its workstream.
    escalations: [...statements.filter((s) => s.escalation).map((s) => ({ name: `${s.number}. ${s.title}`, point: s.escalation! })), ...sp.priorities.flatMap((p) => (p.projects ?? []).filter((x) => x.answer?.escalation).map((x) => ({ name: `${p.priority.number}. ${p.priority.title}, project "${x.project.title}"`, point: x.answer!.escalation! })))],
    monitoring,
  };
}

/** A lead's PLUS-group notes by the groups' names, in the strategy's order (a group no longer listed keeps its key). */
function plusGroupAnswers(strategy: Pick<Strategy, 'plusGroups'>, given: Readonly<Record<string, string>>): { name: string; text: string }[] {
  const known = strategy.plusGroups.filter((g) => given[g.key]?.trim()).map((g) => ({ name: g.name, text: given[g.key]! }));
  const other = Object.keys(given).filter((k) => given[k]?.trim() && !strategy.plusGroups.some((g) => g.key === k)).map((k) => ({ name: k, text: given[k]! }));
  return [...known, ...other];
}

/** The readings a lead gave, by KPI name and with its unit ("24.1%", "1,980 per 100,000"). */
function kpiReadingsOf(priority: Pick<Priority, 'kpis'>, given: Readonly<Record<string, number>>): { name: string; reading: string }[] {
  const value = (v: number) => v.toLocaleString('en-GB', { maximumFractionDigits: 6 });
  const withUnit = (v: number, unit: string) => (unit === '%' ? `${value(v)}%` : unit ? `${value(v)} ${unit}` : value(v));
  const known = priority.kpis.filter((k) => given[k.key] !== undefined).map((k) => ({ name: k.name, reading: withUnit(given[k.key]!, k.unit) }));
  const other = Object.keys(given).filter((k) => !priority.kpis.some((x) => x.key === k)).map((k) => ({ name: k, reading: value(given[k]!) }));
  return [...known, ...other];
}

/** Every check-in of a strategy between two periods, for other tools. */
export function exportRows(priorities: readonly Priority[], checkIns: readonly CheckIn[], from: string, to: string): Record<string, string>[] {
  // A project's answers are rows too, under its workstream's number and the project's title.
  const byKey = new Map([...priorities, ...priorities.flatMap(projectUnits)].map((p) => [p.key, p]));
  return checkIns
    .filter((c) => comparePeriods(c.period, from) >= 0 && comparePeriods(c.period, to) <= 0)
    .sort((a, b) => comparePeriods(a.period, b.period) || compareNumbers(a.priorityKey, b.priorityKey))
    .map((c) => ({
      strategy: c.strategyKey,
      priority: c.priorityKey,
      number: byKey.get(c.priorityKey)?.number ?? '',
      title: byKey.get(c.priorityKey)?.title ?? '',
      period: c.period,
      rag: c.rag ?? '',
      update: c.update,
      nextSteps: c.nextSteps ?? '',
      risks: c.risks ?? '',
      escalation: c.escalation ?? '',
      ragReason: c.ragReason ?? '',
      plusGroups: Object.entries(c.plusGroups).map(([k, v]) => `${k}: ${v}`).join('; '),
      kpiReadings: Object.entries(c.kpiReadings).map(([k, v]) => `${k}=${v}`).join('; '),
      submittedBy: c.submittedByName,
      onBehalfOf: c.onBehalfOfName ?? '',
      submittedAt: c.submittedAt,
      version: String(c.version),
    }));
}

/** As the papers say it: one period, or a picture as at a date (each priority on its own period). */
export function periodLine(r: BoardReport): string {
  if (r.mode === 'as-at') return `as at ${longDate(r.asAt, 'long')}; each priority on its own current period${r.period ? ` (the strategy's is ${r.period})` : ''}`;
  return r.period ?? 'no ratings reported';
}
