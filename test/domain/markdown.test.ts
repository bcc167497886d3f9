import { strict as assert } from 'node:assert';
import { escapeMarkdown } from '../../src/domain/markdown';

describe('the one Markdown escaper', () => {
  it('for a card, escapes markup characters and leaves line breaks, spaces, = and & as typed (as the cards always did)', () => {
    assert.equal(escapeMarkdown('**Bold** [a](b) <at>x</at> # 1. ~_`!{}|+\\', 'adaptive-card'), '\\*\\*Bold\\*\\* \\[a\\]\\(b\\) \\<at\\>x\\</at\\> \\# 1\\. \\~\\_\\`\\!\\{\\}\\|\\+\\\\');
    assert.equal(escapeMarkdown('  a\n===\n&amp; b  ', 'adaptive-card'), '  a\n===\n&amp; b  ');
  });

  it('for a paragraph, each line stays text joined by hard breaks; for a table cell, by <br>', () => {
    assert.equal(escapeMarkdown('Title\n===\n\n    code\r\n1) x &amp;\n\n', 'paragraph'), 'Title\\\n\\===\\\n\\\n&#32;&#32;&#32;&#32;code\\\n1\\) x \\&amp;');
    assert.equal(escapeMarkdown('a |\n\tb ', 'table-cell'), 'a \\|<br>&#9;b&#32;');
    assert.equal(escapeMarkdown('=HYPERLINK', 'paragraph'), '=HYPERLINK');
  });
});
