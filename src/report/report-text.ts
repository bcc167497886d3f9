import { periodLine, type BoardReport } from '../app/report-model';
import { escapeMarkdown } from '../domain/markdown';
import { longDate } from '../domain/wording';

/*
 * Text that people typed goes into Markdown escaped (so `**`, links, HTML and block markup stay
 * literal: see escapeMarkdown), and into CSV quoted, with formula-like cells defused for spreadsheets.
 */
const paragraph = (text: string) => escapeMarkdown(text, 'paragraph');
const cell = (text: string) => escapeMarkdown(text, 'table-cell');
/** A heading is one line: a line break in a title reads as a space. */
const heading = (text: string) => paragraph(text.replace(/[ \t]*(?:\r\n?|\n)[ \t]*/g, ' '));

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
    out.push(`#### ${heading(`${s.number}. ${s.title}`)}`, '', `**RAG:** ${s.rag ? s.rag.charAt(0).toUpperCase() + s.rag.slice(1) : 'Not reported'} · **Theme:** ${paragraph(s.theme)}`);
    if (s.contacts.length) out.push('', `**Contacts:** ${paragraph(s.contacts.join('; '))}`);
    if (s.leads.length) out.push('', `**Lead:** ${paragraph(s.leads.join(', '))}`);
    for (const [label, text] of [['Update', s.update], ['Next steps', s.nextSteps], ['Risks and mitigations', s.risks], ['Point for escalation', s.escalation]] as const) if (text) out.push('', `**${label}:** ${paragraph(text)}`);
    if (s.answeredBy) out.push('', `_Answered by ${paragraph(s.answeredBy)} on ${longDate(s.answeredAt ?? '')}._`);
    out.push('');
  }
  if (r.escalations.length > 0) {
    out.push('### Points for escalation', '', 'The board is asked to note:', '');
    for (const e of r.escalations) out.push(`- ${paragraph(e.name)}: ${paragraph(e.point)}`);
    out.push('');
  }
  return out.join('\n');
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

/** The statements of progress as one row per priority. */
export function reportCsv(r: BoardReport): string {
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
