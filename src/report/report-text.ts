import { monitoringCells, type MonitoringSheet } from '../app/monitoring';
import { periodLine, type BoardReport } from '../app/report-model';
import { escapeMarkdown } from '../domain/markdown';
import { MONITORING_COLUMNS } from '../domain/project';
import { RAG_LABELS } from '../domain/rag';
import { longDate } from '../domain/wording';

/*
 * Text that people typed goes into Markdown escaped (so `**`, links, HTML and block markup stay
 * literal: see escapeMarkdown), and into CSV quoted, with formula-like cells defused for spreadsheets.
 */
const paragraph = (text: string) => escapeMarkdown(text, 'paragraph');
const cell = (text: string) => escapeMarkdown(text, 'table-cell');
/** A heading is one line: a line break in a title reads as a space. */
const heading = (text: string) => escapeMarkdown(text.replace(/[ \t]*(?:\r\n?|\n)[ \t]*/g, ' '), 'heading');

export function reportMarkdown(r: BoardReport): string {
  const out: string[] = [];
  out.push(`# ${heading(r.board)}`, '', `## ${heading(r.strategy.title)}: progress report${r.period ? ` for ${r.period}` : ''}`, '', `Prepared ${longDate(r.generatedOn)} by the HWB Progress Bot. Period: ${periodLine(r)}.`, '');
  out.push('### RAG ratings', '', '| Rating | Definition | Count |', '|---|---|---|', ...r.ragRows.map((x) => `| ${x.rating} | ${x.definition} | ${x.count} |`), '');
  const d = r.directionOfTravel;
  out.push(`Indicators against baseline: ${d.improved} improved, ${d.same} same, ${d.worsened} worsened, ${d.notComparable} not comparable.`, '');
  if (r.indicators.length > 0) {
    out.push('### Indicators', '', '| Indicator | Baseline | Latest | Target | Direction of travel | Notes |', '|---|---|---|---|---|---|');
    for (const i of r.indicators) {
      out.push(`| ${cell(i.name)} (${cell(i.unit)}, ${i.polarity.toLowerCase()}) | ${i.baseline.value} (${cell(i.baseline.period)}) | ${i.latest ? `${i.latest.value} (${cell(i.latest.period)})` : '—'} | ${i.target ? cell(i.target) : '—'} | ${i.directionLabel} | ${cell(i.notes)} |`);
    }
    out.push('');
  }
  out.push('### Statements of progress', '');
  for (const s of r.statements) {
    out.push(`#### ${heading(`${s.number}. ${s.title}`)}`, '', `**RAG:** ${s.rag ? RAG_LABELS[s.rag] : 'Not reported'} · **Theme:** ${paragraph(s.theme)}`);
    // Every statement says its period: an annual priority's answer is its year's, not the paper's quarter.
    if (s.periodText) out.push('', `**Period:** ${paragraph(s.periodText)}`);
    if (s.contacts.length) out.push('', `**Contacts:** ${paragraph(s.contacts.join('; '))}`);
    if (s.leads.length) out.push('', `**Lead:** ${paragraph(s.leads.join(', '))}`);
    for (const [label, text] of [['Update', s.update], ['Next steps', s.nextSteps], ['Risks and mitigations', s.risks], ['Point for escalation', s.escalation]] as const) if (text) out.push('', `**${label}:** ${paragraph(text)}`);
    if (s.plusGroups?.length) out.push('', '**Impact on PLUS groups:**', '', ...s.plusGroups.map((g) => `- **${paragraph(g.name)}:** ${paragraph(g.text)}`));
    if (s.kpiReadings?.length) out.push('', '**KPI readings:**', '', ...s.kpiReadings.map((k) => `- **${paragraph(k.name)}:** ${paragraph(k.reading)}`));
    if (s.answeredBy) out.push('', `_Answered by ${paragraph(s.answeredBy)} on ${longDate(s.answeredAt ?? '')}._`);
    out.push('');
  }
  if (r.escalations.length > 0) {
    out.push('### Points for escalation', '', 'The board is asked to note:', '');
    for (const e of r.escalations) out.push(`- ${paragraph(e.name)}: ${paragraph(e.point)}`);
    out.push('');
  }
  if (r.monitoring.length > 0) {
    out.push('### Monitoring', '');
    for (const sheet of r.monitoring) out.push(...monitoringMarkdown(sheet));
  }
  return out.join('\n');
}

/** One workstream's sheet as the 2024 template lays it out: heading facts, the seven-column table, escalation, frequency. */
function monitoringMarkdown(sheet: MonitoringSheet): string[] {
  const out = [`#### ${heading(`${sheet.workstream.number}. ${sheet.workstream.title}`)}`, '', `**Date:** ${longDate(sheet.date, 'long')} · **Period:** ${paragraph(sheet.period)}`, '', `**Title of workstream:** ${paragraph(sheet.workstream.title)}`];
  if (sheet.objective) out.push('', `**Objective:** ${paragraph(sheet.objective)}`);
  if (sheet.governance) out.push('', `**Governance arrangement:** ${paragraph(sheet.governance)}`);
  out.push('', `| ${MONITORING_COLUMNS.join(' | ')} |`, `|${MONITORING_COLUMNS.map(() => '---').join('|')}|`);
  for (const row of sheet.rows) {
    const cells = monitoringCells(row);
    out.push(`| ${MONITORING_COLUMNS.map((c) => cell(cells[c])).join(' | ')} |`);
  }
  out.push('', `**Point for escalation:** ${paragraph(sheet.escalation.join('\n'))}`, '', `**Reporting frequency:** ${paragraph(sheet.frequency)}`, '');
  return out;
}

export function csvField(value: string): string {
  // A leading = + - @ makes spreadsheets evaluate the cell: prefix it so it stays text.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows: readonly Record<string, string>[], columns?: string[]): string {
  const cols = columns ?? (rows[0] ? Object.keys(rows[0]) : []);
  return [cols.join(','), ...rows.map((r) => cols.map((c) => csvField(r[c] ?? '')).join(','))].join('\r\n') + '\r\n';
}

/** The columns of the CSV's monitoring table: the workstream and period, the template's seven, then the sheet's escalation and frequency. */
export const MONITORING_CSV_COLUMNS = ['Workstream', 'Period', ...MONITORING_COLUMNS, 'Point for escalation', 'Reporting frequency'];

/**
 * The statements of progress as one row per priority; then, after a blank line, the monitoring
 * sheets as a second table, a row per project (the statements' table stays as it was for anyone
 * who reads only the first).
 */
export function reportCsv(r: BoardReport): string {
  const monitoring = r.monitoring.flatMap((sheet) =>
    sheet.rows.map((row) => ({ Workstream: `${sheet.workstream.number}. ${sheet.workstream.title}`, Period: sheet.period, ...monitoringCells(row), 'Point for escalation': sheet.escalation.join('\n'), 'Reporting frequency': sheet.frequency }) as Record<string, string>),
  );
  return statementsCsv(r) + (monitoring.length > 0 ? `\r\n${toCsv(monitoring, MONITORING_CSV_COLUMNS)}` : '');
}

function statementsCsv(r: BoardReport): string {
  return toCsv(
    r.statements.map((s) => ({
      number: s.number,
      title: s.title,
      theme: s.theme,
      period: s.period ?? r.period ?? '',
      rag: s.rag ?? 'not reported',
      update: s.update ?? '',
      nextSteps: s.nextSteps ?? '',
      risks: s.risks ?? '',
      escalation: s.escalation ?? '',
      contacts: s.contacts.join('; '),
      leads: s.leads.join('; '),
      answeredBy: s.answeredBy ?? '',
      answeredAt: s.answeredAt ?? '',
    })),
  );
}
