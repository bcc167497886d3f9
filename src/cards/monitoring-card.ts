import { EMPTY_CELL, monitoringCells, NOT_YET_REPORTED, type MonitoringSheet } from '../app/monitoring';
import { MONITORING_COLUMNS } from '../domain/project';
import { cutAtWord } from '../domain/wording';
import { card, CARD_BYTE_LIMIT, cardBytes, cardMarkdown, facts, heading, longDate, note, ragBadge, userText, type Card, type Element } from './elements';

const label = (text: string): Element => ({ type: 'TextBlock', text: cardMarkdown(text), weight: 'Bolder', spacing: 'Small', wrap: true });

/** One project's row: the template's seven columns, each under its own name. */
function projectRow(row: MonitoringSheet['rows'][number], i: number, of: number, cut: (text: string) => string): Element {
  const cells = Object.fromEntries(Object.entries(monitoringCells(row)).map(([k, v]) => [k, cut(v)])) as ReturnType<typeof monitoringCells>;
  const items: Element[] = [note(`Project ${i + 1} of ${of}`, { isSubtle: true, size: 'Small' })];
  for (const column of MONITORING_COLUMNS) {
    if (column === 'Reporting Projects') {
      items.push(label(column), heading(row.project), note(`Lead: ${row.lead}`, { isSubtle: true, size: 'Small', spacing: 'None' }));
    } else if (column === 'RAG for period') {
      items.push(label(column), row.rag ? ragBadge(row.rag, { spacing: 'None' }) : note(`○ ${NOT_YET_REPORTED}`, { spacing: 'None', isSubtle: true }));
    } else if (column === 'Project KPIs and Targets') {
      items.push(label(column), userText(row.kpis.length > 0 ? cut(row.kpis.map((k) => `• ${k}`).join('\n')) : cells[column], { spacing: 'None' }));
    } else {
      items.push(label(column), userText(cells[column], { spacing: 'None', ...(cells[column] === EMPTY_CELL ? { isSubtle: true } : {}) }));
    }
  }
  if (row.answeredBy) items.push(note(`Answered by ${row.answeredBy} on ${longDate(row.answeredAt ?? '')}.`, { isSubtle: true, size: 'Small' }));
  return { type: 'Container', separator: true, spacing: 'Large', items };
}

/**
 * `monitoring <workstream>`: the 2024 monitoring template for one workstream, a Container per
 * reporting project. Eight projects answered at full length would not fit in a Teams message, so
 * long texts are cut, as little as fits, and the card says the paper has them whole.
 */
export function monitoringCard(sheet: MonitoringSheet): Card {
  for (const max of [Infinity, 1500, 800, 400, 200]) {
    const c = build(sheet, max);
    if (cardBytes(c) <= CARD_BYTE_LIMIT) return c;
  }
  return build(sheet, 100);
}

function build(sheet: MonitoringSheet, max: number): Card {
  let cutShort = false;
  const cut = (text: string) => {
    const out = cutAtWord(text, max);
    if (out !== text) cutShort = true;
    return out;
  };
  const body: Element[] = [
    heading(`Monitoring: ${sheet.workstream.number}. ${sheet.workstream.title}`, 'Large'),
    facts([
      ['Date', longDate(sheet.date, 'long')],
      ['Title of workstream', sheet.workstream.title],
      ['Objective', sheet.objective === undefined ? undefined : cut(sheet.objective)],
      ['Governance arrangement', sheet.governance],
      ['Period', sheet.period],
      ['Strategy', sheet.strategy.title],
    ]),
    ...sheet.rows.map((row, i) => projectRow(row, i, sheet.rows.length, cut)),
    { type: 'Container', separator: true, spacing: 'Large', items: [label('Point for escalation:'), userText(cut(sheet.escalation.join('\n')), { spacing: 'None' })] },
    facts([['Reporting frequency', sheet.frequency]]),
  ];
  if (cutShort) body.push(note('Long answers are cut short here to fit a Teams message; the board paper ("report") has them whole.', { isSubtle: true, size: 'Small' }));
  return card(body);
}
