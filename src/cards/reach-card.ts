import { reachCounts, type ReachRow } from '../app/reach';
import type { TableCell, TableRow } from './adaptive-card';
import { card, heading, note, plural, type Card, type Element, type TextOptions } from './elements';

/** Rows shown before the card summarises the rest: keeps the card well under Teams' size limit. */
const MAX_ROWS = 40;

/** `reach`: every lead, deputy and board manager, and how the bot reaches them (or why it cannot). */
export function reachCard(rows: readonly ReachRow[], noLead: readonly { board: string; numbers: string[] }[] = []): Card {
  const counts = reachCounts(rows);
  const body: Element[] = [
    heading('How the bot reaches people', 'Large'),
    note(`${plural(rows.length, 'person', 'people')}: Teams chat ${counts.teams} · email ${counts.email} · not reachable ${counts.none}`, { isSubtle: true, spacing: 'None' }),
    // Nobody to reach for these: nobody is asked until they have a lead. Default text on the
    // warning band: Teams' Warning text colour is 1.5:1 on white.
    ...noLead.map((n): Element => ({ type: 'Container', style: 'warning', items: [note(`No lead, ${n.board}: ${plural(n.numbers.length, 'priority', 'priorities')} nobody is asked about (${n.numbers.slice(0, 25).join(', ')}${n.numbers.length > 25 ? ', …' : ''}). Give each a lead: "lead <number> <email or name>", or "people" for the card.`, { size: 'Small', wrap: true })] })),
  ];
  if (rows.length === 0) {
    body.push(note('No live priority has a lead or deputy yet, and there are no board managers.'));
    return card(body);
  }
  const cell = (text: string, extra: TextOptions = {}): TableCell => ({ type: 'TableCell', items: [note(text, { size: 'Small', ...extra })] });
  // Those who cannot be reached first: they are what a board manager has to act on.
  const order = { none: 0, email: 1, teams: 2 } as const;
  const sorted = [...rows].sort((a, b) => order[a.route.kind] - order[b.route.kind]);
  const shown = sorted.slice(0, MAX_ROWS);
  body.push({
    type: 'Table',
    firstRowAsHeader: true,
    columns: [{ width: 3 }, { width: 3 }, { width: 4 }],
    rows: [
      { type: 'TableRow', cells: [cell('Person', { weight: 'Bolder' }), cell('Roles', { weight: 'Bolder' }), cell('Reached by', { weight: 'Bolder' })] },
      ...shown.map((r): TableRow => ({
        type: 'TableRow',
        cells: [
          { type: 'TableCell', items: [note(r.name, { size: 'Small', weight: 'Bolder' }), ...(r.organisation ? [note(r.organisation, { size: 'Small', isSubtle: true, spacing: 'None' })] : [])] },
          cell(r.roles.join('; ')),
          cell(r.routeText, r.route.kind === 'none' ? { color: 'Attention' } : {}),
        ],
      })),
    ],
  });
  if (sorted.length > shown.length) {
    const rest = reachCounts(sorted.slice(shown.length));
    body.push(note(`…and ${sorted.length - shown.length} more (Teams chat ${rest.teams}, email ${rest.email}, not reachable ${rest.none}). The full table: "hwb-bot reach" on the command line.`, { isSubtle: true, size: 'Small' }));
  }
  return card(body);
}
