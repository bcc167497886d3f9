import { escapeMarkdown } from '../domain/markdown';
import { RAG_LABELS, RAG_SYMBOLS, type Rag } from '../domain/rag';
import { cutAtWord, longDate, priorityName } from '../domain/wording';
import { priorityRef } from '../domain/strategy';
export { longDate, plural, priorityName } from '../domain/wording';

import type { AdaptiveCard, CardAction, CardElement, ContainerStyle, ExecuteAction, RichTextBlock, TextBlock } from './adaptive-card';

/** Adaptive Card JSON, typed (adaptive-card.ts); the official object model in tests is the schema check. */
export type Element = CardElement;
export type Action = CardAction;
export type Card = AdaptiveCard;
/** A TextBlock's look, beyond its text. */
export type TextOptions = Omit<TextBlock, 'type' | 'text'>;

/** The schema version Teams renders on desktop, web and mobile for Universal Actions. */
export const CARD_VERSION = '1.5';

export function card(body: Element[], actions: Action[] = []): Card {
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

export function note(text: string, extra: TextOptions = {}): Element {
  return { type: 'TextBlock', text: cardMarkdown(text), wrap: true, ...extra };
}

/**
 * Text that a person typed, shown literally: a TextRun is never parsed as markdown or
 * mentions, so `<at>`, links, HTML and `**` arrive as typed.
 */
export function userText(text: string, extra: Omit<RichTextBlock, 'type' | 'inlines'> = {}): Element {
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

/**
 * The colour of a rating is the band's background, never the text's: Teams' own Warning and
 * Good text colours (#f8d22a and #92c353 in its light theme) are 1.5:1 and 2.1:1 on white,
 * while its tinted container backgrounds keep the default text above 10:1.
 */
const RAG_STYLES: Record<Rag, ContainerStyle> = { red: 'attention', amber: 'warning', green: 'good' };

/** A RAG badge: symbol and word, so it never relies on colour alone. */
export function ragText(rag: Rag | undefined): string {
  return rag ? `${RAG_SYMBOLS[rag]} ${RAG_LABELS[rag]}` : '○ Not reported';
}

/** The rating in bold default text on its colour's band; `spacing` places the band. */
export function ragBadge(rag: Rag | undefined, extra: TextOptions = {}): Element {
  const { spacing, ...look } = extra;
  const text: TextBlock = { type: 'TextBlock', text: ragText(rag), weight: 'Bolder', wrap: true, ...look };
  if (!rag) return { ...text, ...(spacing ? { spacing } : {}) };
  return { type: 'Container', style: RAG_STYLES[rag], items: [text], ...(spacing ? { spacing } : {}) };
}

export function execute(title: string, verb: string, data: Record<string, unknown>, extra: Omit<ExecuteAction, 'type' | 'title' | 'verb' | 'data'> = {}): ExecuteAction {
  return { type: 'Action.Execute', title, verb, data: { verb, ...data }, ...extra };
}

/** "2026-11-24T21:45:00Z" → "24 Nov 2026, 21:45" in the board's time zone; a date alone stays a date. */
export function localDateTime(iso: string, timeZone: string): string {
  if (/T00:00:00(\.000)?Z$/.test(iso)) return longDate(iso.slice(0, 10));
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(d);
}

/**
 * The most a card may weigh: Teams refuses a bot message over about 28 KB (the card included),
 * so a card that would be larger is summarised instead (the digest and monitoring cards do).
 */
export const CARD_BYTE_LIMIT = 28 * 1024;

export function cardBytes(json: unknown): number {
  return new TextEncoder().encode(JSON.stringify(json)).length;
}

/** A button that acts on one priority; long titles are cut to what Teams shows on a button. */
export function priorityButton(p: { strategyKey: string; key: string; number: string; title: string }, verb: string): ExecuteAction {
  return execute(cutAtWord(priorityName(p), 60), verb, { priority: priorityRef(p) });
}
