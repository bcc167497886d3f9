import { Document, HeadingLevel, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, WidthType, type ISectionOptions } from 'docx';
import { longDate } from '../domain/wording';
import { MONITORING_COLUMNS } from '../domain/project';
import { RAG_LABELS } from '../domain/rag';
import { monitoringCells, type MonitoringSheet } from '../app/monitoring';
import { periodLine, type BoardReport } from '../app/report-model';

const p = (text: string, bold = false) => new Paragraph({ children: [new TextRun({ text, bold })] });
/** A labelled passage; the lead's line breaks become paragraphs and "- " / "• " lines become bullets. */
function labelled(label: string, text: string): Paragraph[] {
  const lines = text.split(/\n+/).map((l) => l.trim()).filter(Boolean);
  return lines.map((line, i) => {
    const bullet = /^[-•]\s+/.test(line);
    const body = new TextRun(bullet ? line.replace(/^[-•]\s+/, '') : line);
    if (i === 0) return new Paragraph({ spacing: { after: 120 }, children: [new TextRun({ text: `${label}: `, bold: true }), body] });
    return new Paragraph({ spacing: { after: 120 }, ...(bullet ? { bullet: { level: 0 } } : {}), children: [body] });
  });
}

/** A bullet "Name: text"; the text's later lines are paragraphs of their own under it. */
function bulleted(name: string, text: string): Paragraph[] {
  const [first = '', ...rest] = text.split(/\n+/).map((l) => l.trim()).filter(Boolean);
  return [
    new Paragraph({ bullet: { level: 0 }, children: [new TextRun({ text: `${name}: `, bold: true }), new TextRun(first)] }),
    ...rest.map((line) => new Paragraph({ indent: { left: 720 }, children: [new TextRun(line)] })),
  ];
}

function table(header: string[], rows: string[][], widths: number[]): Table {
  const cell = (text: string, bold: boolean, width: number) => new TableCell({ width: { size: width, type: WidthType.PERCENTAGE }, children: text.split('\n').map((line) => p(line, bold)) });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [new TableRow({ tableHeader: true, children: header.map((h, i) => cell(h, true, widths[i]!)) }), ...rows.map((r) => new TableRow({ children: r.map((c, i) => cell(c, false, widths[i]!)) }))],
  });
}

/**
 * Characters XML 1.0 does not allow (C0 controls but tab, LF and CR; the noncharacters U+FFFE and
 * U+FFFF; lone surrogates). The docx package writes text as it is given, and one of these makes
 * Word refuse the whole file, so they are dropped from every string of the paper.
 */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\p{Cs}]/gu;

function xmlSafe(text: string): string {
  return text.replace(NOT_XML, '');
}

/** The report with `xmlSafe` applied to every string in it, at any depth. */
function xmlSafeDeep<T>(value: T): T {
  if (typeof value === 'string') return xmlSafe(value) as T;
  if (Array.isArray(value)) return value.map(xmlSafeDeep) as T;
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, xmlSafeDeep(v)])) as T;
  return value;
}

/** The board paper as a Word document: real headings and tables, as the board officer would write it. */
export async function reportDocx(report: BoardReport): Promise<Buffer> {
  const r = xmlSafeDeep(report);
  const d = r.directionOfTravel;
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(r.board.toUpperCase())] }),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(`${r.strategy.title}: progress report${r.period ? ` for ${r.period}` : ''}`)] }),
    // The papers date themselves in full: 25 November 2026.
    ...labelled('Date', longDate(r.generatedOn.slice(0, 10), 'long')),
    ...labelled('Period', periodLine(r)),
    ...labelled('Prepared by', 'HWB Progress Bot, from the leads\' check-ins'),
    new Paragraph({ heading: HeadingLevel.HEADING_2, keepNext: true, keepLines: true, children: [new TextRun('RAG ratings')] }),
    table(['Rating', 'Definition', 'Count'], r.ragRows.map((x) => [x.rating, x.definition, String(x.count)]), [15, 70, 15]),
    new Paragraph({ spacing: { before: 200 }, children: [new TextRun(`Indicators against baseline: ${d.improved} improved, ${d.same} same, ${d.worsened} worsened, ${d.notComparable} not comparable.`)] }),
  ];
  if (r.indicators.length > 0) {
    children.push(
      new Paragraph({ heading: HeadingLevel.HEADING_2, keepNext: true, keepLines: true, children: [new TextRun('Indicators')] }),
      table(
        ['Indicator', 'Baseline', 'Latest', 'Target', 'Direction of travel', 'Notes'],
        r.indicators.map((i) => [`${i.name} (${i.unit}; ${i.polarity.toLowerCase()})`, `${i.baseline.value} (${i.baseline.period})`, i.latest ? `${i.latest.value} (${i.latest.period})` : '—', i.target ?? '—', i.directionLabel, i.notes]),
        [26, 11, 12, 11, 14, 26],
      ),
    );
  }
  children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, keepNext: true, keepLines: true, children: [new TextRun('Statements of progress')] }));
  for (const s of r.statements) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_3, keepNext: true, keepLines: true, spacing: { before: 360 }, children: [new TextRun(`${s.number}. ${s.title}`)] }));
    children.push(...labelled('RAG rating', s.rag ? RAG_LABELS[s.rag] : s.standing === 'not-yet-due' || s.standing === 'due' ? 'Not yet due' : 'Not reported'), ...labelled('Theme', s.theme));
    // Every statement says its period: an annual priority's answer is its year's, not the paper's quarter.
    if (s.periodText) children.push(...labelled('Reporting period', s.periodText));
    if (s.contacts.length) children.push(...labelled('Contacts', s.contacts.join('; ')));
    if (s.leads.length) children.push(...labelled('Lead', s.leads.join(', ')));
    for (const [label, text] of [['Statement of progress', s.update], ['Next steps', s.nextSteps], ['Risks and mitigations', s.risks], ['Point for escalation', s.escalation]] as const) if (text) children.push(...labelled(label, text));
    if (s.plusGroups?.length) {
      children.push(new Paragraph({ keepNext: true, children: [new TextRun({ text: 'Impact on PLUS groups:', bold: true })] }));
      for (const g of s.plusGroups) children.push(...bulleted(g.name, g.text));
    }
    if (s.kpiReadings?.length) {
      children.push(new Paragraph({ keepNext: true, children: [new TextRun({ text: 'KPI readings:', bold: true })] }));
      for (const k of s.kpiReadings) children.push(...bulleted(k.name, k.reading));
    }
    if (s.answeredBy) children.push(new Paragraph({ children: [new TextRun({ text: `Answered by ${s.answeredBy} on ${longDate(s.answeredAt ?? '')}.`, italics: true })] }));
  }
  if (r.escalations.length > 0) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, keepNext: true, keepLines: true, children: [new TextRun('Points for escalation')] }), p('The Health and Wellbeing Board is asked to note:'));
    for (const e of r.escalations) children.push(new Paragraph({ bullet: { level: 0 }, children: [new TextRun({ text: `${e.name}: `, bold: true }), new TextRun(e.point)] }));
  }
  const sections: ISectionOptions[] = [{ properties: {}, children }];
  // Seven columns read better across the page: the sheets get a landscape section of their own.
  if (r.monitoring.length > 0) sections.push({ properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } }, children: monitoringPages(r.monitoring) });
  const doc = new Document({
    creator: 'HWB Progress Bot',
    title: `${r.strategy.title}: progress report`,
    description: `Board report for ${r.period ?? 'no period'}`,
    styles: { paragraphStyles: [] },
    sections,
  });
  return Packer.toBuffer(doc);
}

/** Column widths (per cent) of the template's seven columns: the texts people write get the room. */
const MONITORING_WIDTHS = [16, 18, 17, 14, 13, 13, 9];

function rowCells(row: MonitoringSheet['rows'][number]): string[] {
  const cells = monitoringCells(row);
  return MONITORING_COLUMNS.map((c) => cells[c]);
}

/** The monitoring sheets as the 2024 template sets them out, one after another. */
function monitoringPages(sheets: readonly MonitoringSheet[]): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [new Paragraph({ heading: HeadingLevel.HEADING_2, keepNext: true, keepLines: true, children: [new TextRun('Monitoring')] })];
  sheets.forEach((sheet, i) => {
    out.push(new Paragraph({ heading: HeadingLevel.HEADING_3, keepNext: true, keepLines: true, pageBreakBefore: i > 0, spacing: { before: 240 }, children: [new TextRun(`${sheet.workstream.number}. ${sheet.workstream.title}`)] }));
    out.push(...labelled('Date', longDate(sheet.date, 'long')), ...labelled('Title of workstream', sheet.workstream.title));
    if (sheet.objective) out.push(...labelled('Objective', sheet.objective));
    if (sheet.governance) out.push(...labelled('Governance arrangement', sheet.governance));
    out.push(...labelled('Period', sheet.period));
    out.push(table([...MONITORING_COLUMNS], sheet.rows.map(rowCells), MONITORING_WIDTHS));
    out.push(new Paragraph({ spacing: { before: 200 }, children: [] }), ...labelled('Point for escalation', sheet.escalation.join('\n')), ...labelled('Reporting frequency', sheet.frequency));
  });
  return out;
}
