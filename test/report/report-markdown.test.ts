import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { buildBoardReport } from '../../src/app/report-model';
import { escapeMarkdown } from '../../src/domain/markdown';
import { DEFAULT_ESCALATION_RULES } from '../../src/domain/escalation';
import { DEFAULT_PERIOD_POLICY } from '../../src/domain/period';
import { boardPicture, statesFromCheckIns } from '../../src/domain/picture';
import { reportMarkdown } from '../../src/report/report-text';
import { aCheckIn, aPriority, aStrategy } from '../domain/builders';

/** A CommonMark parser with GitHub's tables and raw HTML on: every block construct a reader's tool may know. */
const md = new MarkdownIt('default', { html: true });
type Token = ReturnType<typeof md.parse>[number];

/** The Markdown paper of one red, escalated priority whose lead typed `text` in every box. */
function paper(text: string): string {
  const checkIn = { ...aCheckIn().forPriority('1').forPeriod('2026-Q3').red().escalating(text).build(), update: text, nextSteps: text, risks: text };
  const picture = boardPicture({ strategies: [aStrategy().build()], priorities: [aPriority('1').build()], states: statesFromCheckIns([checkIn]), olderAnswers: [checkIn], rules: DEFAULT_ESCALATION_RULES, policy: DEFAULT_PERIOD_POLICY, asAt: '2026-10-20' });
  return reportMarkdown(buildBoardReport(picture.strategies[0]!, picture.asAt, new Map([['x', 'Lead name']]), '2026-10-20T10:00:00.000Z'));
}

/** The block structure: the token types without the inline content. */
const blocks = (tokens: Token[]) => tokens.filter((t) => t.type !== 'inline').map((t) => t.type);

/**
 * What a reader sees of inline tokens: the characters, a line break for a break. Bold and italic
 * markers are left out (our labels are bold: markup a lead typed shows as missing characters);
 * any other token (code, link, image, html) is named so that it shows.
 */
function visible(children: readonly Token[]): string {
  return children
    .filter((t) => !/^(strong|em)_(open|close)$/.test(t.type))
    .map((t) => (t.type === 'text' || t.type === 'text_special' ? t.content : t.type === 'hardbreak' || t.type === 'softbreak' ? '\n' : `[${t.type}]`))
    .join('');
}

/** Each paragraph's visible text. */
const paragraphs = (tokens: Token[]) => tokens.flatMap((t, i) => (t.type === 'inline' && tokens[i - 1]?.type === 'paragraph_open' ? [visible(t.children ?? [])] : []));

/** A lead's text with each block construct CommonMark and GitHub know, mostly on a line after the first (the first follows a label). */
const BLOCKS: [string, string][] = [
  ['a setext heading (===)', 'Progress\n==='],
  ['a setext heading (---)', 'Progress\n---'],
  ['indented code (4 spaces) after a blank line', 'Intro\n\n    code line'],
  ['indented code (tab) after a blank line', 'Intro\n\n\tcode line'],
  ['indented code in a later line', 'Intro\n    not code'],
  ['an ordered list (1))', 'Intro\n1) first\n2) second'],
  ['an ordered list (1.)', 'Intro\n1. first\n2. second'],
  ['an ordered list after a blank line', 'Intro\n\n3. third'],
  ['an ATX heading', 'Intro\n# Heading\n###### Small'],
  ['a blockquote', 'Intro\n> quoted\n>> nested'],
  ['bullet lists', 'Intro\n- dash\n+ plus\n* star'],
  ['a backtick fence', 'Intro\n```\ncode\n```'],
  ['a tilde fence', 'Intro\n~~~js\ncode\n~~~'],
  ['thematic breaks', 'Intro\n***\n___\n- - -\n* * *'],
  ['a table', 'Intro\n\n| a | b |\n| --- | --- |\n| 1 | 2 |'],
  ['a table without outer pipes', 'a | b\n--|--\n1 | 2'],
  ['an HTML block', 'Intro\n\n<div>\nx\n</div>'],
  ['an HTML comment', 'Intro\n<!-- note -->'],
  ['a script', 'Intro\n<script>alert(1)</script>'],
];

/** Text that is no block but that the paper used to change: spaces lost, paragraphs split, entities decoded, markup. */
const OTHERS: [string, string][] = [
  ['spaces at a line start', 'Intro\n  two spaces in'],
  ['spaces at a line end', 'Intro  \nthen'],
  ['a blank line', 'First paragraph.\n\nSecond paragraph.'],
  ['entities', 'Fish &amp; chips &copy; &#35;1'],
  ['inline markup', 'Some **bold**, _it_, `code`, [a](http://x) ~~gone~~ \\* <b>'],
];

const CONSTRUCTS = [...BLOCKS, ...OTHERS];

describe('the Markdown paper keeps what a lead typed as paragraph text', () => {
  const plain = md.parse(paper('Plain words.'), {});

  for (const [name, typed] of CONSTRUCTS) {
    it(`${name}: no block of its own, the text as typed`, () => {
      const source = paper(typed);
      const tokens = md.parse(source, {});
      // Any heading, list, code, blockquote, table, hr or html (or extra paragraph) changes the block structure.
      assert.deepEqual(blocks(tokens), blocks(plain), `the lead's text made blocks of its own:\n${source}`);
      const texts = paragraphs(tokens);
      for (const label of ['Update', 'Next steps', 'Risks and mitigations', 'Point for escalation']) assert.ok(texts.includes(`${label}: ${typed}`), `${label}: not shown as typed in\n${JSON.stringify(texts, null, 1)}\n${source}`);
      assert.ok(texts.includes(`1. We will improve 1: ${typed}`), `the point for escalation is not listed as typed in\n${JSON.stringify(texts, null, 1)}`);
    });
  }

  it('the parser used above does find each construct when it is not escaped (so the test can fail)', () => {
    for (const [name, typed] of BLOCKS) assert.ok(blocks(md.parse(typed.replace('Intro\n', 'Intro\n\n'), {})).some((t) => t !== 'paragraph_open' && t !== 'paragraph_close'), name);
  });

  it('for any text, the escaped text is paragraphs only and reads as typed', () => {
    const piece = fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('\n', '\r\n', '\r', '\n\n', ' ', '    ', '\t', '=', '===', '-', '#', '>', '1.', '1)', '```', '~~~', '|', '<div>', '<!--', '&amp;', '&#32;', '*', '_', '\\', '+'));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }).map((p) => p.join('')), (typed) => {
        const tokens = md.parse(escapeMarkdown(typed, 'paragraph'), {});
        assert.deepEqual([...new Set(blocks(tokens))].filter((t) => t !== 'paragraph_open' && t !== 'paragraph_close'), []);
        // The parser reads \r and \r\n as \n and NUL as U+FFFD; a paragraph cannot end in a line break.
        const expected = typed.replace(/\r\n?/g, '\n').replace(/\0/g, '\uFFFD').replace(/\n+$/, '');
        assert.equal(paragraphs(tokens).join('\n\n'), expected);
      }),
      { numRuns: 500 },
    );
  });

  it('for any title, a heading stays one heading and reads as typed (a closing run of # included)', () => {
    const piece = fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom(' ', '\t', '#', ' #', '##', '*', '_', '\\', '[', '](', '<a>', '&amp;', '~~', '`', '.', '-', '1.'));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }).map((p) => p.join('').replace(/[\r\n]+/g, ' ')), (title) => {
        const tokens = md.parse(`#### ${escapeMarkdown(title, 'heading')}`, {});
        assert.deepEqual(blocks(tokens), ['heading_open', 'heading_close']);
        assert.equal(visible(tokens[1]!.children ?? []), title.replace(/\0/g, '\uFFFD'));
      }),
      { numRuns: 500 },
    );
  });
});
