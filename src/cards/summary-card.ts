import type { SummaryView } from '../app/summary';
import { DIRECTION_LABELS, DIRECTIONS } from '../domain/kpi';
import { RAG_DEFINITIONS, RAGS } from '../domain/rag';
import type { TableCell, TableRow, TextWeight } from './adaptive-card';
import { card, heading, longDate, note, ragText, type Card, type Element } from './elements';

function one(view: SummaryView): Element[] {
  const s = view.summary;
  const cell = (text: string, weight: TextWeight = 'Default'): TableCell => ({ type: 'TableCell', items: [note(text, { weight, size: 'Small' })] });
  return [
    heading(view.themeTitle ? `${view.themeTitle} (${view.strategy.title})` : view.strategy.title),
    note(periodLine(s), { isSubtle: true, spacing: 'None', wrap: true }),
    {
      type: 'Table',
      firstRowAsHeader: true,
      columns: [{ width: 2 }, { width: 5 }, { width: 2 }],
      rows: [
        { type: 'TableRow', cells: [cell('Rating', 'Bolder'), cell('Definition', 'Bolder'), cell('Count', 'Bolder')] },
        ...RAGS.map((r): TableRow => ({ type: 'TableRow', cells: [cell(ragText(r)), cell(RAG_DEFINITIONS[r]), cell(String(s.rag[r]))] })),
        { type: 'TableRow', cells: [cell(ragText(undefined)), cell(s.notYetDue !== undefined ? 'Overdue, no lead, or answered without a rating' : 'No rating for this period'), cell(String(s.rag.notReported))] },
        // Within Not reported, apart: nobody was asked, so these are not overdue.
        ...(s.noLead !== undefined ? [{ type: 'TableRow' as const, cells: [cell('  of which overdue'), cell('A lead was asked and the due date passed'), cell(String(s.overdue ?? 0))] }, { type: 'TableRow' as const, cells: [cell('  of which no lead'), cell('Nobody (no lead, no deputy) is asked: give it a lead'), cell(String(s.noLead))] }] : []),
        ...(s.notYetDue !== undefined ? [{ type: 'TableRow' as const, cells: [cell('Not yet due'), cell('Not answered yet, and not yet due'), cell(String(s.notYetDue))] }] : []),
      ],
    },
    note(`Indicators against baseline: ${DIRECTIONS.map((d) => `${DIRECTION_LABELS[d]} ${s.directionOfTravel[d]}`).join(' · ')}`, { wrap: true }),
  ];
}

/** What the counts are of: a picture as at a date (each priority on its own period), or one printed period. */
function periodLine(s: SummaryView['summary']): string {
  if (s.notYetDue !== undefined && s.asAt) return `As at ${longDate(s.asAt)}: each priority on its own current period${s.period ? ` (the strategy's is ${s.period})` : ''}`;
  return s.period ? `RAG ratings for ${s.period}` : 'No ratings reported yet';
}

/** RAG counts with the board's definitions, and direction-of-travel counts, per strategy. */
export function summaryCard(views: readonly SummaryView[]): Card {
  return card([heading('Strategy summary', 'Large'), ...views.slice(0, 6).flatMap(one)]);
}
