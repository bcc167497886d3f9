import type { DigestEntry } from '../../domain/notice';
import { card, priorityName, execute, heading, note, userText, type Card, type Element } from './elements';
import { STATUS_VERB } from './status-card';

/** `overdue`, `red`: the priorities the digest would list for one reason, with a Status button each. */
export function reasonListCard(title: string, entries: readonly DigestEntry[], empty: string): Card {
  if (entries.length === 0) return card([heading(title), note(empty)]);
  const shown = entries.slice(0, 15);
  const body: Element[] = [heading(`${title} (${entries.length})`)];
  for (const e of shown) {
    body.push({
      type: 'ColumnSet',
      columns: [
        { type: 'Column', width: 'stretch', items: [note(priorityName(e), { weight: 'Bolder', size: 'Small' }), userText(e.detail, { spacing: 'None' })] },
        { type: 'Column', width: 'auto', verticalContentAlignment: 'Center', items: [{ type: 'ActionSet', actions: [execute('Status', STATUS_VERB, { priority: e.ref })] }] },
      ],
    });
  }
  if (entries.length > shown.length) body.push(note(`…and ${entries.length - shown.length} more: ${entries.slice(shown.length).map((e) => e.number).join(', ')}.`, { isSubtle: true, size: 'Small' }));
  return card(body);
}
