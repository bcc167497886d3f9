/**
 * The one Markdown escaper: text that people typed, and names and titles from seed data, goes
 * into Markdown (the board paper, Adaptive Cards) as characters, never as markup.
 *
 * - 'paragraph': CommonMark (with GitHub's tables), where the text sits in a paragraph, after a
 *   label or in a list item. Every line stays paragraph text: no heading, list, code, quote,
 *   table, rule or HTML can start, spaces at either end of a line stay, an entity stays as typed,
 *   and each line break is a hard break (`\` at the line end, so a blank line does not end the
 *   paragraph either). A paragraph cannot end in a break, so line breaks at the end are dropped.
 * - 'table-cell': the same, inside a GitHub table cell, with each line break as `<br>`.
 * - 'adaptive-card': a TextBlock or FactSet in Teams, whose markdown subset has only emphasis,
 *   links and lists; line breaks are left as typed.
 */
export type MarkdownTarget = 'paragraph' | 'table-cell' | 'adaptive-card';

/** Every character of inline markup (and `#`, `+`, `-`, `.`, `>`, `|`, that start blocks or tables). */
const MARKUP = /[\\`*_{}[\]()#+\-.!|<>~]/g;
/** CommonMark also reads `&name;` and `&#n;` as characters. */
const COMMONMARK_MARKUP = /[\\`*_{}[\]()#+\-.!|<>~&]/g;

const LINE_BREAK = /\r\n?|\n/;

export function escapeMarkdown(text: string, target: MarkdownTarget): string {
  if (target === 'adaptive-card') return text.replace(MARKUP, (c) => `\\${c}`);
  const lines = text.replace(/(?:\r\n?|\n)+$/, '').split(LINE_BREAK).map(commonMarkLine);
  return lines.join(target === 'table-cell' ? '<br>' : '\\\n');
}

function commonMarkLine(line: string): string {
  let escaped = line.replace(COMMONMARK_MARKUP, (c) => `\\${c}`);
  // A line of `=` under text would make that text a heading (a line of `-` is escaped already).
  if (/^=+[ \t]*$/.test(line)) escaped = `\\${escaped}`;
  // Spaces and tabs at a line start would indent code (or be dropped), at its end be dropped:
  // as character references they are text.
  return escaped.replace(/^[ \t]+|[ \t]+$/g, (ws) => ws.replace(/ /g, '&#32;').replace(/\t/g, '&#9;'));
}
