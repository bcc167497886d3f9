import { card, heading, note, type Card } from './elements';

/** A plain message with what happened and what to do, for errors and refusals. */
export function messageCard(title: string, text: string, tone: 'attention' | 'warning' | 'default' = 'attention'): Card {
  return card([{ type: 'Container', style: tone, items: [heading(title), note(text)] }]);
}
