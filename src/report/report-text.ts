import { periodLine, type BoardReport } from '../app/report-model';
import { longDate } from '../domain/wording';

/**
 * Text that people typed goes into Markdown escaped (so `**`, links and HTML stay literal), and
 * into CSV quoted, with formula-like cells defused for spreadsheets.
 */
export function escapeMarkdownText(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`).replace(/\r?\n/g, '  \n');
}

const cell = (text: string) => escapeMarkdownText(text).replace(/ {2}\n/g, '<br>');

export function reportMarkdown(r: BoardReport): string {
  const out: string[] = [];
  out.push(`# ${escapeMarkdownText(r.board)}`, '', `## ${escapeMarkdownText(r.strategy.title)}: progress report${r.period ? ` for ${r.period}` : ''}`, '', `Prepared ${longDate(r.generatedOn)} by the HWB Progress Bot. Period: ${periodLine(r)}.`, '');
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
    out.push(`#### ${escapeMarkdownText(`${s.number}. ${s.title}`)}`, '', `**RAG:** ${s.rag ? s.rag.charAt(0).toUpperCase() + s.rag.slice(1) : 'Not reported'} · **Theme:** ${escapeMarkdownText(s.theme)}`);
    if (s.contacts.length) out.push('', `**Contacts:** ${escapeMarkdownText(s.contacts.join('; '))}`);
    if (s.leads.length) out.push('', `**Lead:** ${escapeMarkdownText(s.leads.join(', '))}`);
    for (const [label, text] of [['Update', s.update], ['Next steps', s.nextSteps], ['Risks and mitigations', s.risks], ['Point for escalation', s.escalation]] as const) if (text) out.push('', `**${label}:** ${escapeMarkdownText(text)}`);
    if (s.answeredBy) out.push('', `_Answered by ${escapeMarkdownText(s.answeredBy)} on ${longDate(s.answeredAt ?? '')}._`);
    out.push('');
  }
  if (r.escalations.length > 0) {
    out.push('### Points for escalation', '', 'The board is asked to note:', '');
    for (const e of r.escalations) out.push(`- ${escapeMarkdownText(e.name)}: ${escapeMarkdownText(e.point)}`);
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
