import type { ReceiptView } from '../app/check-in';
import { editableUntil } from '../domain/wording';
import { priorityRef } from '../domain/strategy';
import { card, execute, facts, heading, labelled, localDateTime, note, priorityName, ragBadge, type Card, type Element } from './elements';

export const EDIT_VERB = 'checkin.edit';

/** Replaces the check-in card in place once it is saved. */
export function receiptCard(view: ReceiptView): Card {
  const c = view.checkIn;
  const by = c.onBehalfOfName ? `${c.submittedByName} on behalf of ${c.onBehalfOfName}` : c.submittedByName;
  const body: Element[] = [
    heading(`✔ Check-in received for ${view.period.label}`, 'Large'),
    note(priorityName(view.priority), { weight: 'Bolder' }),
    ragBadge(c.rag, { size: 'Large' }),
    facts([
      ['By', by],
      ['When', localDateTime(c.submittedAt, view.timeZone)],
      ['Version', String(c.version)],
      ['Editable until', view.canEdit ? editableUntil(view.period) : undefined],
    ]),
    ...labelled('Update', c.update),
  ];
  const actions = view.canEdit ? [execute('Edit answer', EDIT_VERB, { priority: priorityRef(view.priority), period: view.period.label })] : [];
  return card(body, actions);
}
