import type { DigestEntry } from '../domain/notice';
import { card, priorityName, execute, heading, longDate, note, userText, type Card, type Element } from './elements';
import { plural } from '../domain/wording';
import { STATUS_VERB } from './status-card';
import { countWords } from '../app/digest';

export const LIST_MORE_VERB = 'listMore';
/** Items on one card: the rest are one button away, never hidden. */
export const LIST_PAGE = 15;

function line(e: DigestEntry): string {
  // A project's line says which project (and its own days overdue): its workstream is the heading.
  if (e.project) return e.detail;
  if (e.daysOverdue !== undefined && e.due !== undefined) return `${plural(e.daysOverdue, 'day')} overdue (due ${longDate(e.due)})`;
  return e.detail;
}

/**
 * `overdue`, `red`: the priorities the digest would list for one reason, grouped by strategy with
 * its name, a Status button each, and a button for the next page past LIST_PAGE.
 */
export function reasonListCard(title: string, entries: readonly DigestEntry[], empty: string, reason: string, offset = 0, board = '', footnote?: string): Card {
  const foot = footnote ? [note(footnote, { isSubtle: true, size: 'Small', wrap: true })] : [];
  if (entries.length === 0) return card([heading(title), note(empty), ...foot]);
  const shown = entries.slice(offset, offset + LIST_PAGE);
  const body: Element[] = [heading(`${title} (${countWords(entries)})`), ...(offset === 0 ? foot : [])];
  if (offset > 0) body.push(note(`${offset + 1}–${offset + shown.length} of ${entries.length}`, { isSubtle: true, size: 'Small', spacing: 'None' }));
  let strategy: string | undefined;
  for (const e of shown) {
    if (e.strategyTitle && e.strategyTitle !== strategy) {
      strategy = e.strategyTitle;
      body.push(note(strategy, { weight: 'Bolder', spacing: 'Medium' }));
    }
    body.push({
      type: 'ColumnSet',
      columns: [
        { type: 'Column', width: 'stretch', items: [note(priorityName(e), { weight: 'Bolder', size: 'Small' }), userText(line(e), { spacing: 'None' })] },
        { type: 'Column', width: 'auto', verticalContentAlignment: 'Center', items: [{ type: 'ActionSet', actions: [execute('Status', STATUS_VERB, { priority: e.ref })] }] },
      ],
    });
  }
  body.push(...listPageButtons(entries.length, offset, shown.length, (at) => ({ reason, offset: at, board })));
  return card(body);
}

/**
 * A list page's way on and way back, each saying which items it shows ("Show 16–22 of 22",
 * "Back to 1–15"): a page past the first can always go back.
 */
function listPageButtons(total: number, offset: number, shown: number, data: (offset: number) => Record<string, unknown>): Element[] {
  const actions = [];
  if (offset > 0) {
    const back = Math.max(0, offset - LIST_PAGE);
    actions.push(execute(`Back to ${back + 1}–${offset}`, LIST_MORE_VERB, data(back)));
  }
  const next = offset + shown;
  if (next < total) actions.push(execute(`Show ${next + 1}–${Math.min(total, next + LIST_PAGE)} of ${total}`, LIST_MORE_VERB, data(next)));
  return actions.length > 0 ? [{ type: 'ActionSet', actions }] : [];
}
