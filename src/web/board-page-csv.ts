import type { BoardPageView } from '../app/board-page';
import { toCsv } from '../report/report-text';
import { CELL_WORDS } from './board-page-html';

/** The grid as shown (same filters, same periods, same rights) as CSV: one row per priority or project. */
export function boardGridCsv(v: BoardPageView): string {
  const columns = ['strategy', 'theme', 'number', 'priority', 'project', 'lead', 'status now', 'days overdue', ...v.periods];
  const rows = v.groups.flatMap((g) =>
    g.rows.map((r) => {
      const row: Record<string, string> = {
        strategy: g.strategy.title,
        theme: g.theme.title,
        number: r.number,
        priority: r.project ? '' : r.title,
        project: r.project ? r.title : '',
        lead: r.leads.map((l) => l.name).join('; '),
        'status now': CELL_WORDS[r.current],
        'days overdue': r.daysOverdue > 0 ? String(r.daysOverdue) : '',
      };
      v.periods.forEach((p, i) => {
        const c = r.cells[i];
        row[p] = c ? CELL_WORDS[c.state] : '';
      });
      return row;
    }),
  );
  return toCsv(rows, columns);
}
