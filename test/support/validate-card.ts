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

/**
 * Teams renders these elements, which the Adaptive Cards object model does not know. They are
 * accepted only with a `fallback`, so other clients show something readable.
 */
export const TEAMS_ONLY_ELEMENTS = ['Chart.Line', 'Chart.VerticalBar', 'Chart.HorizontalBar', 'Chart.Pie', 'Chart.Donut', 'Chart.Gauge'];

function teamsOnlyWithoutFallback(node: unknown, out: CardProblem[]): void {
  if (Array.isArray(node)) node.forEach((n) => teamsOnlyWithoutFallback(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (typeof o.type === 'string' && TEAMS_ONLY_ELEMENTS.includes(o.type) && o.fallback === undefined) out.push({ phase: 'validate', message: `${o.type} needs a fallback for clients without charts` });
    for (const v of Object.values(o)) teamsOnlyWithoutFallback(v, out);
  }
}

/**
 * Teams' people picker: an Input.ChoiceSet with `choices.data` of type Data.Query and no static
 * choices. Teams renders it on cards from 1.2 (Microsoft's "People Picker in Adaptive Cards"),
 * while the object model knows `choices.data` only from 1.6: those two complaints are Teams' to
 * waive, for a picker exactly as Teams documents it, and for nothing else.
 */
function isPeoplePicker(node: unknown): boolean {
  const o = node as Record<string, unknown>;
  const data = o['choices.data'] as Record<string, unknown> | undefined;
  return o.type === 'Input.ChoiceSet' && data?.type === 'Data.Query' && typeof data.dataset === 'string' && data.dataset.startsWith('graph.microsoft.com/users');
}

function countPickers(node: unknown): number {
  if (Array.isArray(node)) return node.reduce((n: number, x) => n + countPickers(x), 0);
  if (!node || typeof node !== 'object') return 0;
  return (isPeoplePicker(node) ? 1 : 0) + Object.values(node).reduce((n: number, v) => n + countPickers(v), 0);
}

export function validateCard(json: unknown): CardProblem[] {
  const problems: CardProblem[] = [];
  let pickers = countPickers(json);
  let emptyPickers = pickers;
  teamsOnlyWithoutFallback(json, problems);
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const card = new AC.AdaptiveCard();
  card.parse(json as object, context);
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    if (e.event === AC.ValidationEvent.UnknownElementType && TEAMS_ONLY_ELEMENTS.some((t) => e.message.includes(`"${t}"`))) continue;
    if (e.event === AC.ValidationEvent.UnsupportedProperty && e.message.includes('"choices.data"') && pickers-- > 0) continue;
    problems.push({ phase: 'parse', message: `${AC.ValidationEvent[e.event]}: ${e.message}` });
  }
  for (const e of card.validateProperties().validationEvents) {
    if (e.event === AC.ValidationEvent.CollectionCantBeEmpty && e.message.includes('Input.ChoiceSet') && emptyPickers-- > 0) continue;
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

