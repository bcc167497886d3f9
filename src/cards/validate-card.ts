/**
 * Validates a card with the official Adaptive Cards object model at the version Teams renders.
 * Loaded from the bundle: the package's `lib/` is ESM without extensions and fails under plain node.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC: typeof import('adaptivecards') = require('adaptivecards/dist/adaptivecards.js');

export interface CardProblem {
  phase: 'parse' | 'validate';
  message: string;
}

export function validateCard(json: unknown): CardProblem[] {
  const problems: CardProblem[] = [];
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const card = new AC.AdaptiveCard();
  card.parse(json as object, context);
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    problems.push({ phase: 'parse', message: `${AC.ValidationEvent[e.event]}: ${e.message}` });
  }
  for (const e of card.validateProperties().validationEvents) {
    problems.push({ phase: 'validate', message: `${AC.ValidationEvent[e.event]}: ${e.message}` });
  }
  const ids = new Set<string>();
  for (const input of card.getAllInputs()) {
    if (!input.id) problems.push({ phase: 'validate', message: 'an input has no id' });
    else if (ids.has(input.id)) problems.push({ phase: 'validate', message: `duplicate input id ${input.id}` });
    ids.add(input.id ?? '');
  }
  return problems;
}

export { CARD_BYTE_LIMIT, cardBytes } from './elements';
