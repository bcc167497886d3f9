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

  it('plain text stays plain: no backslash before full stops, hyphens, brackets, ampersands or intraword underscores', () => {
    const plain = 'Uptake 22.1% (WHO target) - long-term [see p. 4]; Fish & chips; file_name; ~50! {x} 3 < 4 > 2 #1 + more';
    assert.equal(escapeMarkdown(plain, 'paragraph'), plain);
    assert.equal(escapeMarkdown(plain, 'table-cell'), plain);
    assert.equal(escapeMarkdown('19. We will (2022-2027)', 'heading'), '19. We will (2022-2027)');
    // What would change the meaning still is escaped: emphasis, links, tags, entities, a closing # run, a list start.
    assert.equal(escapeMarkdown('**b** _i_ [a](u) <b> &amp; ~~s~~ `c`', 'paragraph'), '\\*\\*b\\*\\* \\_i\\_ [a\\](u) \\<b> \\&amp; \\~\\~s\\~\\~ \\`c\\`');
    assert.equal(escapeMarkdown('Priority #', 'heading'), 'Priority \\#');
    assert.equal(escapeMarkdown('x\n1. y\n- z', 'paragraph'), 'x\\\n1\\. y\\\n\\- z');
  });
});
