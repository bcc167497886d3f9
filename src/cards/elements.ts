import { escapeMarkdown } from '../domain/markdown';
import { RAG_LABELS, RAG_SYMBOLS, type Rag } from '../domain/rag';
import { cutAtWord, longDate, priorityName } from '../domain/wording';
export { longDate, plural, priorityName } from '../domain/wording';

/** Adaptive Card JSON, kept loose on purpose: the object model in tests is the schema check. */
export type Element = Record<string, unknown>;
export type Card = { type: 'AdaptiveCard'; version: string; body: Element[]; actions?: Element[]; $schema: string; msteams?: Record<string, unknown> };

/** The schema version Teams renders on desktop, web and mobile for Universal Actions. */
export const CARD_VERSION = '1.5';

export function card(body: Element[], actions: Element[] = []): Card {
  const c: Card = { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: CARD_VERSION, body, msteams: { width: 'Full' } };
  if (actions.length > 0) c.actions = actions;
  return c;
}

/**
 * TextBlock text is markdown in Teams. Text we wrote ourselves (titles from seed data, names)
 * goes through this so a `*` or `[` in a title stays a character.
 */
export const cardMarkdown = (text: string): string => escapeMarkdown(text, 'adaptive-card');

export function heading(text: string, size: 'Large' | 'Medium' = 'Medium'): Element {
  return { type: 'TextBlock', text: cardMarkdown(text), size, weight: 'Bolder', wrap: true };
}

export function note(text: string, extra: Element = {}): Element {
  return { type: 'TextBlock', text: cardMarkdown(text), wrap: true, ...extra };
}

/**
 * Text that a person typed, shown literally: a TextRun is never parsed as markdown or
 * mentions, so `<at>`, links, HTML and `**` arrive as typed.
 */
export function userText(text: string, extra: Element = {}): Element {
  return { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text }], ...extra };
}

export function labelled(label: string, text: string | undefined): Element[] {
  if (text === undefined || text === '') return [];
  return [{ type: 'TextBlock', text: cardMarkdown(label), weight: 'Bolder', spacing: 'Medium', wrap: true }, userText(text)];
}

/** FactSet values are markdown too: everything is escaped. */
export function facts(pairs: [string, string | undefined][]): Element {
  return {
    type: 'FactSet',
    facts: pairs.filter(([, v]) => v !== undefined && v !== '').map(([title, value]) => ({ title: cardMarkdown(title), value: cardMarkdown(value!) })),
  };
}

const RAG_COLORS: Record<Rag, string> = { red: 'Attention', amber: 'Warning', green: 'Good' };

/** A RAG badge: symbol and word, so it never relies on colour alone. */
export function ragText(rag: Rag | undefined): string {
  return rag ? `${RAG_SYMBOLS[rag]} ${RAG_LABELS[rag]}` : '○ Not reported';
}

export function ragBadge(rag: Rag | undefined, extra: Element = {}): Element {
  return { type: 'TextBlock', text: ragText(rag), weight: 'Bolder', color: rag ? RAG_COLORS[rag] : 'Default', wrap: true, ...extra };
}

export function execute(title: string, verb: string, data: Record<string, unknown>, extra: Element = {}): Element {
  return { type: 'Action.Execute', title, verb, data: { verb, ...data }, ...extra };
}

/** "2026-11-24T21:45:00Z" → "24 Nov 2026, 21:45" in the board's time zone; a date alone stays a date. */
export function localDateTime(iso: string, timeZone: string): string {
  if (/T00:00:00(\.000)?Z$/.test(iso)) return longDate(iso.slice(0, 10));
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(d);
}

/** "2026-12-15" → "15 Dec 2026" (or "15 December 2026" with `month: 'long'`); "2013-07" → "Jul 2013". */
/** Bot messages are limited to about 40 KB; cards stay well below. */
export const CARD_BYTE_LIMIT = 28 * 1024;

export function cardBytes(json: unknown): number {
  return new TextEncoder().encode(JSON.stringify(json)).length;
}

/** A button that acts on one priority; long titles are cut to what Teams shows on a button. */
export function priorityButton(p: { strategyKey: string; key: string; number: string; title: string }, verb: string): Element {
  return execute(cutAtWord(priorityName(p), 60), verb, { priority: `${p.strategyKey}/${p.key}` });
}
