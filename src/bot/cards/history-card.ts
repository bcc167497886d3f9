import type { HistoryView } from '../../app/board-view';
import { card, heading, localDateTime, note, plural, priorityName, ragBadge, userText, type Card, type Element } from './elements';

/** A priority's answers by period, newest first: RAG, who and when, the update. */
export function historyCard(view: HistoryView, timeZone: string): Card {
  const range = view.from || view.to ? ` (${view.from ?? 'start'} to ${view.to ?? 'now'})` : '';
  const body: Element[] = [heading(`History: ${priorityName(view.priority)}`), note(`${plural(view.entries.length + view.omitted, 'period')} answered${range}.`, { isSubtle: true, spacing: 'None' })];
  if (view.entries.length === 0) body.push(note('No answers in that range.'));
  for (const c of view.entries) {
    const by = c.onBehalfOfName ? `${c.submittedByName} on behalf of ${c.onBehalfOfName}` : c.submittedByName;
    body.push({
      type: 'Container',
      separator: true,
      items: [
        { type: 'ColumnSet', columns: [{ type: 'Column', width: 'auto', items: [note(c.period, { weight: 'Bolder' })] }, { type: 'Column', width: 'auto', items: [ragBadge(c.rag)] }, { type: 'Column', width: 'stretch', items: [note(`${by}, ${localDateTime(c.submittedAt, timeZone)}`, { isSubtle: true, size: 'Small' })] }] },
        userText(c.update.length > 600 ? `${c.update.slice(0, 599)}…` : c.update, { spacing: 'None' }),
      ],
    });
  }
  if (view.omitted > 0) body.push(note(`${view.omitted} older periods not shown: narrow it with "from <period> to <period>".`, { isSubtle: true, size: 'Small' }));
  return card(body);
}
