import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { boardReport } from '../../src/app/report';
import { renderReport } from '../../src/report/render-report';
import { ALEX, cardAction, submitFrom } from '../support/activities';
import { BotHarness, cardText } from '../support/bot-harness';
import { docxText } from '../support/docx-text';

const SEEDS = join(__dirname, '..', '..', 'seeds');
const S = 'leicester-2022-27';

/**
 * The paper's statements read back (issue 19, item 10), on the real seeds, 24 Nov 2026: Alex
 * answers W2 (quarterly: 2026-Q3) with PLUS-group notes and a KPI reading, and 19 (annual: its
 * 2025 answer, due in January, is still the latest a paper for 2026-Q3 can print).
 */
describe('the paper prints each statement whole, with its period (real seeds)', function () {
  this.timeout(60_000);
  let bot: BotHarness;

  /** Alex answers `query` in Teams; the card must say it was received. */
  const answer = async (query: string, inputs: Record<string, string>) => {
    const { verb, data } = submitFrom(await bot.ask(ALEX, `checkin ${query}`), inputs);
    const reply = await bot.invoke(cardAction(ALEX, bot.serviceUrl, verb, data));
    assert.match(cardText(reply.body.value), /received/, cardText(reply.body.value));
  };

  before(async () => {
    bot = await new BotHarness('2026-11-24T10:00:00Z', { SEEDS_DIR: SEEDS }).start();
    await answer('W2', {
      rag: 'amber',
      ragReason: 'Projects only starting.',
      update: 'Healthy weight plan agreed (phase 1).',
      plus_smi: 'Weight clinics opened in two SMI services.',
      plus_ld: 'Easy-read leaflets printed - 400 copies.',
      'kpi_obese-at-booking': '24.1',
    });
    await answer('19', { rag: 'green', update: 'Falls service recommissioned.', plus_homelessness: 'Outreach to three hostels.' });
  });
  after(async () => bot.stop());

  it('Word: PLUS-group answers by name, KPI readings, each statement\'s period, and a 2025 answer said to be before the paper\'s 2026-Q3', async () => {
    const text = await docxText((await renderReport(await boardReport(bot.app.deps, S), 'docx')).body);
    const statement = (heading: string) => {
      const at = text.indexOf(`\n${heading}\n`);
      assert.ok(at >= 0, `no statement ${heading}`);
      return text.slice(at + 1, text.indexOf('\n', text.indexOf('\nAnswered by', at) + 1));
    };
    const w2 = statement('W2. Healthy Weight');
    assert.match(w2, /\nReporting period: 2026-Q3 \(quarterly\)\n/);
    assert.match(w2, /\nImpact on PLUS groups:\nSevere mental illness \(SMI\): Weight clinics opened in two SMI services\.\nLearning disability \(LD\): Easy-read leaflets printed - 400 copies\.\n/);
    assert.match(w2, /\nKPI readings:\nPregnant women obese at booking with a midwife, Leicester: 24\.1%\n/);
    assert.doesNotMatch(w2, /latest answer/);
    const falls = statement('19. We will reduce the number of falls for people aged 65+ in Leicester.');
    assert.match(falls, /\nReporting period: 2025 \(annual\); latest answer: 2025, annual, before this paper's 2026-Q3\n/);
    assert.match(falls, /\nImpact on PLUS groups:\nHomelessness: Outreach to three hostels\.\n/);
    // A statement nobody answered still says the period it is judged on.
    assert.match(text, /\nW1\. Childhood Immunisations\nRAG rating: [^\n]+\nTheme: [^\n]+\nReporting period: 2026-Q3 \(quarterly\)\n/);
    assert.match(text, /\n1\. We will improve the built environment[^\n]*\nRAG rating: Not reported\nTheme: [^\n]+\nReporting period: 2025 \(annual\)\n/);
  });

  it('Markdown: the same statements, escaped only where the text would change meaning', async () => {
    const md = (await renderReport(await boardReport(bot.app.deps, S), 'md')).body.toString('utf8');
    assert.match(md, /#### W2\. Healthy Weight\n\n\*\*RAG:\*\* Amber · \*\*Theme:\*\* [^\n]+\n\n\*\*Period:\*\* 2026-Q3 \(quarterly\)\n/);
    assert.match(md, /\*\*Update:\*\* Healthy weight plan agreed \(phase 1\)\.\n/);
    assert.match(md, /\*\*Impact on PLUS groups:\*\*\n\n- \*\*Severe mental illness \(SMI\):\*\* Weight clinics opened in two SMI services\.\n- \*\*Learning disability \(LD\):\*\* Easy-read leaflets printed - 400 copies\.\n/);
    assert.match(md, /\*\*KPI readings:\*\*\n\n- \*\*Pregnant women obese at booking with a midwife, Leicester:\*\* 24\.1%\n/);
    assert.match(md, /#### 19\. We will reduce the number of falls[^\n]*\n\n\*\*RAG:\*\* Green[^\n]*\n\n\*\*Period:\*\* 2025 \(annual\); latest answer: 2025, annual, before this paper's 2026-Q3\n/);
    assert.match(md, /## Leicester's Care, Health and Wellbeing Strategy 2022-2027: progress report for 2026-Q3/);
    // Plain text reads as text: no backslash before a full stop, hyphen, bracket or ampersand anywhere.
    assert.doesNotMatch(md, /\\[.\-()[\]&]/, md.match(/.{0,40}\\[.\-()[\]&].{0,40}/)?.[0]);
  });
});
