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
 * - 'heading': one line after `#…#`: inline escapes, and a closing run of `#` kept as text.
 * - 'adaptive-card': a TextBlock or FactSet in Teams, whose markdown subset has only emphasis,
 *   links and lists; line breaks are left as typed.
 *
 * For CommonMark only what would change the meaning is escaped, so the file reads as plain text:
 * "22.1%", "long-term", "(WHO)" and "Fish & chips" stay as typed; `**bold**`, `[a](b)`, `<b>`,
 * `&amp;` and a line that would start a list or a heading do not.
 */
export type MarkdownTarget = 'paragraph' | 'table-cell' | 'heading' | 'adaptive-card';

/** Every character of inline markup (and `#`, `+`, `-`, `.`, `>`, `|`, that start blocks or tables). */
const MARKUP = /[\\`*_{}[\]()#+\-.!|<>~]/g;

/**
 * Inline characters CommonMark reads as markup, where it would:
 * a backslash before punctuation or at the line's end (an escape, a hard break); backticks (code);
 * `*` (emphasis); `_` unless between letters or digits (intraword `_` is never emphasis); `|`
 * (GitHub tables); `~~` (strikethrough); `]` before `(` (an inline link or image: without one no
 * link can form, as the paper defines no references); `<` before a tag, comment or autolink;
 * `&` before an entity.
 */
const INLINE = /\\(?=[!-/:-@[-`{-~]|[ \t]*$)|[`*|]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])|~(?=~)|(?<=~)~|\](?=\()|<(?=[A-Za-z/!?])|&(?=#?[A-Za-z0-9]+;)/gu;

/** What would start a block at a line's start (after an escaped inline pass): the character to escape is the match. */
const LINE_START: [RegExp, (m: string) => string][] = [
  // ATX heading: 1–6 `#` then a space or the end.
  [/^#(?=#{0,5}(?:[ \t]|$))/, (m) => `\\${m}`],
  // Blockquote; a link reference definition where the line starts a block (a list item's first line).
  [/^[>[]/, (m) => `\\${m}`],
  // Bullet list item; a line of `-` (a setext underline or a rule).
  [/^[-+](?=[ \t]|$)|^-(?=[- \t]*$)/, (m) => `\\${m}`],
  // A line of `=` under text would make that text a heading.
  [/^=(?==*[ \t]*$)/, (m) => `\\${m}`],
  // Ordered list item: digits, then `.` or `)`, then a space or the end.
  [/^(\d{1,9})([.)])(?=[ \t]|$)/, (m) => `${m.slice(0, -1)}\\${m.slice(-1)}`],
];

const LINE_BREAK = /\r\n?|\n/;

export function escapeMarkdown(text: string, target: MarkdownTarget): string {
  if (target === 'adaptive-card') return text.replace(MARKUP, (c) => `\\${c}`);
  if (target === 'heading') return keepSpaces(text.replace(INLINE, (c) => `\\${c}`)).replace(/(^|[ \t;])#(?=#*(?:&#32;|&#9;)*$)/, '$1\\#');
  const lines = text.replace(/(?:\r\n?|\n)+$/, '').split(LINE_BREAK);
  if (target === 'table-cell') return lines.map((line) => keepSpaces(line.replace(INLINE, (c) => `\\${c}`))).join('<br>');
  return lines.map(commonMarkLine).join('\\\n');
}

function commonMarkLine(line: string): string {
  let escaped = keepSpaces(line.replace(INLINE, (c) => `\\${c}`));
  // A line that starts with a space starts with `&#32;` now: text, which starts no block.
  for (const [pattern, escape] of LINE_START) escaped = escaped.replace(pattern, escape);
  return escaped;
}

/**
 * Spaces and tabs at a line start would indent code (or be dropped), at its end be dropped: as
 * character references they are text.
 */
function keepSpaces(line: string): string {
  return line.replace(/^[ \t]+|[ \t]+$/g, (ws) => ws.replace(/ /g, '&#32;').replace(/\t/g, '&#9;'));
}
