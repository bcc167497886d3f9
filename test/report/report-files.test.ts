import { strict as assert } from 'node:assert';
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import { buildBoardReport } from '../../src/app/report-model';
import { DEFAULT_ESCALATION_RULES } from '../../src/domain/escalation';
import { DEFAULT_PERIOD_POLICY } from '../../src/domain/period';
import { boardPicture, statesFromCheckIns } from '../../src/domain/picture';
import { reportDocx } from '../../src/report/report-docx';
import { aCheckIn, aPriority, aStrategy } from '../domain/builders';
import { docxText } from '../support/docx-text';

/** Every character XML 1.0 forbids that a lead could paste or a client could send. */
const NOT_XML = ['\u0000', '\u0001', '\u0008', '\u000B', '\u000C', '\u001F', '\uFFFE', '\uFFFF', '\uD800', '\uDFFF'];

/** Well-formedness errors of an XML 1.0 document, from a conformant parser (saxes checks every character). */
function xmlErrors(xml: string): string[] {
  const errors: string[] = [];
  const parser = new SaxesParser({ xmlns: true });
  parser.on('error', (e) => errors.push(e.message));
  parser.write(xml).close();
  return errors;
}

async function documentXml(buffer: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buffer);
  return zip.file('word/document.xml')!.async('string');
}

describe('the Word paper', () => {
  it('stays well-formed XML whatever characters a lead typed, keeping the rest of the text', async () => {
    const dirty = (s: string) => NOT_XML.map((c, i) => `${s}${i}${c}`).join('');
    const checkIn = { ...aCheckIn().forPriority('1').forPeriod('2026-Q3').red().escalating(dirty('esc')).build(), update: `${dirty('upd')} and 😀 stays`, nextSteps: dirty('next'), risks: dirty('risk') };
    const picture = boardPicture({ strategies: [aStrategy().build()], priorities: [aPriority('1').titled(`We will ${dirty('title')}`).build()], states: statesFromCheckIns([checkIn]), olderAnswers: [checkIn], rules: DEFAULT_ESCALATION_RULES, policy: DEFAULT_PERIOD_POLICY, asAt: '2026-10-20' });
    const report = buildBoardReport(picture.strategies[0]!, picture.asAt, new Map([['x', `Lead${'\uFFFF'}name`]]), '2026-10-20T10:00:00.000Z');

    const xml = await documentXml(await reportDocx(report));
    assert.deepEqual(xmlErrors(xml), []);
    const text = await docxText(await reportDocx(report));
    assert.match(text, /upd0upd1upd2upd3upd4upd5upd6upd7upd8upd9 and 😀 stays/);
    assert.match(text, /We will title0title1/);
  });

  it('the parser used above does refuse such a character (so the test can fail)', () => {
    assert.deepEqual(xmlErrors('<a>xy</a>'), []);
    assert.match(xmlErrors('<a>x\uFFFFy</a>').join(), /disallowed character/);
  });
});
