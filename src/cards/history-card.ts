import { HISTORY_PAGE, type HistoryView } from '../app/history';
import { priorityRef } from '../domain/strategy';
import { card, execute, heading, localDateTime, note, plural, priorityName, ragBadge, userText, type Card, type Element } from './elements';

export const HISTORY_MORE_VERB = 'history.more';

/** Every version of a priority's answers, newest first: period, RAG, who (and for whom), when, what changed. */
export function historyCard(view: HistoryView, timeZone: string): Card {
  const range = view.from || view.to ? ` (${view.from ?? 'start'} to ${view.to ?? 'now'})` : '';
  const shown = view.entries.length === view.total ? '' : `; versions ${view.offset + 1}–${view.offset + view.entries.length} shown`;
  const body: Element[] = [
    heading(`History: ${priorityName(view.priority)}`),
    note(`${plural(view.periods, 'period')} answered${range}, ${plural(view.total, 'version')} in all${shown}.`, { isSubtle: true, spacing: 'None' }),
  ];
  if (view.entries.length === 0) body.push(note('No answers in that range.'));
  for (const { checkIn: c, changes } of view.entries) {
    const by = c.onBehalfOfName ? `${c.submittedByName} on behalf of ${c.onBehalfOfName}` : c.submittedByName;
    const what = c.version === 1 ? 'First answer' : `Edit ${c.version - 1}${changes.length ? `: ${changes.join('; ')}` : ': no change to the answer'}`;
    body.push({
      type: 'Container',
      separator: true,
      items: [
        {
          type: 'ColumnSet',
          columns: [
            { type: 'Column', width: 'auto', items: [note(`${c.period} v${c.version}`, { weight: 'Bolder' })] },
            { type: 'Column', width: 'auto', items: [ragBadge(c.rag)] },
            { type: 'Column', width: 'stretch', items: [note(`${by}, ${localDateTime(c.submittedAt, timeZone)}`, { isSubtle: true, size: 'Small' })] },
          ],
        },
        note(what, { size: 'Small', spacing: 'None' }),
        userText(c.update.length > 600 ? `${c.update.slice(0, 599)}…` : c.update, { spacing: 'None' }),
      ],
    });
  }
  const older = view.total - view.offset - view.entries.length;
  const page = (offset: number) => ({ priority: priorityRef(view.priority), offset, ...(view.from ? { from: view.from } : {}), ...(view.to ? { to: view.to } : {}) });
  // Older versions page by page, and a way back to the newer ones from any page past the first.
  const actions = [
    ...(view.offset > 0 ? [execute(`Back to newer versions (${Math.max(0, view.offset - HISTORY_PAGE) + 1}–${view.offset})`, HISTORY_MORE_VERB, page(Math.max(0, view.offset - HISTORY_PAGE)))] : []),
    ...(older > 0 ? [execute(`Older versions (${older} more)`, HISTORY_MORE_VERB, page(view.offset + view.entries.length))] : []),
  ];
  return card(body, actions);
}
