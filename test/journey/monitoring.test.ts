import { strict as assert } from 'node:assert';
import JSZip from 'jszip';
import { join } from 'node:path';
import { submitCheckIn } from '../../src/app/check-in';
import { submitProjectCheckIns } from '../../src/app/project-check-in';
import { boardReport } from '../../src/app/report';
import { MONITORING_COLUMNS } from '../../src/domain/project';
import { renderReport } from '../../src/report/render-report';
import { ALEX, MEGAN, type TeamsUser } from '../support/activities';
import { BotHarness, cardText } from '../support/bot-harness';

/** The visible text of a .docx, paragraph by paragraph (as test/report reads it). */
async function docxText(buffer: Buffer): Promise<string> {
  const xml = await (await JSZip.loadAsync(buffer)).file('word/document.xml')!.async('string');
  return xml.replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

const SEEDS = join(__dirname, '..', '..', 'seeds');
const AMY: TeamsUser = { id: '29:amy', name: 'Amy Hathway', aadObjectId: '00000000-0000-0000-0000-0000000000024' };
const W2 = 'leicester-2022-27/W2';
const unit = (project: string) => `leicester-2022-27/W2~${project}`;

/** The W2 projects in the paper's order, as the sheet names them. */
const PROJECTS = [
  'Social care learning disability focused work',
  'LNDS nutrition training for workforces',
  'Establishing opportunities for more effective promotion of healthy lifestyle within the local ICS',
  'Establishing local opportunity to improving healthy weight in pregnancy',
];

describe('the monitoring sheet (issue 15), on the real seeds in 2026-Q3\'s reporting window', function () {
  this.timeout(60_000);
  let bot: BotHarness;

  before(async () => {
    // 20 Oct 2026: 2026-Q3 is open for answers (1 Oct to 31 Dec).
    bot = await new BotHarness('2026-10-20T10:00:00Z', { SEEDS_DIR: SEEDS }).start();
    // Amy answers two of her three W2 projects; the third, and the unassigned one, stay unanswered.
    const result = await submitProjectCheckIns(bot.app.deps, { aadObjectId: AMY.aadObjectId! }, W2, [
      { unit: unit('ld-social-care'), period: '2026-Q3', baseVersion: 0, submissionId: 'mon-ld-aaaaaaaa', inputs: { rag: 'green', update: 'Guidance issued to all supported living providers.', nextSteps: 'Easy read leaflets in December.', plus_ld: 'Easy read versions co-produced with self-advocates.', risks: 'Provider turnover | retraining each quarter' } },
      { unit: unit('pregnancy'), period: '2026-Q3', baseVersion: 0, submissionId: 'mon-pr-aaaaaaaa', inputs: { rag: 'red', update: 'Walks for mums paused: **no walk leaders** <at>Annie</at>.', risks: 'No walk leaders until the spring.', kpi_obese_at_booking: '', escalation: 'Funding for walk leaders.' } },
    ]);
    assert.equal(result.kind, 'receipts', JSON.stringify(result.kind === 'form' ? result.view.outcomes : {}));
  });
  after(async () => bot.stop());

  /** Alex answers W2 itself, with a point for escalation; the same submission again changes nothing, so each test may call it. */
  const answerW2 = async () => {
    const alex = (await bot.app.deps.people.getPerson('alex-wilber'))!;
    const saved = await submitCheckIn(bot.app.deps, { known: alex }, { unit: W2, period: '2026-Q3', baseVersion: 0, submissionId: 'mon-w2-aaaaaaaa', inputs: { rag: 'red', update: 'Two of four projects reporting.', escalation: 'Board to ask the ICB to name a lead for ICS promotion.' } });
    assert.equal(saved.kind, 'receipt', JSON.stringify(saved.kind === 'invalid' ? saved.view.errors : {}));
  };

  it('monitoring W2 as Alex (the workstream\'s lead): a valid card, the four projects in the paper\'s order in the template\'s seven columns, two rated and two "Not yet reported", the escalation pending the workstream\'s answer', async () => {
    const card = await bot.ask(ALEX, 'monitoring W2');
    const text = cardText(card);
    assert.match(text, /^Monitoring: W2\. Healthy Weight\n/);
    assert.match(text, /Date\n20 October 2026\nTitle of workstream\nHealthy Weight\nObjective\nTo create a system that enables at least 40%/);
    assert.match(text, /Governance arrangement\nFood and healthy weight systems partnership steering group\nPeriod\n2026-Q3/);
    // One Container per project, each with the seven columns under the template's own names.
    const rows = (card.body as { type: string; items?: unknown[] }[]).filter((e) => e.type === 'Container' && cardText(e).includes('Reporting Projects'));
    assert.equal(rows.length, 4);
    const rowTexts = rows.map((r) => cardText(r));
    rowTexts.forEach((t, i) => {
      assert.ok(t.includes(`Reporting Projects\n${PROJECTS[i]}\n`), `row ${i + 1} is ${PROJECTS[i]}:\n${t}`);
      let at = -1;
      for (const column of MONITORING_COLUMNS) {
        const next = t.indexOf(`${column}\n`, at + 1);
        assert.ok(next > at, `row ${i + 1} has "${column}" in the template's order`);
        at = next;
      }
    });
    assert.match(rowTexts[0]!, /Lead: Amy Hathway\n[\s\S]*Update\nGuidance issued to all supported living providers\.\nNext steps\nEasy read leaflets in December\.\nPLUS Groups - SMI - LD - Homelessness\nLearning disability \(LD\): Easy read versions co-produced with self-advocates\.\nRisks and mitigations\nProvider turnover \| retraining each quarter\nRAG for period\n✔ Green/);
    assert.match(rowTexts[1]!, /RAG for period\n○ Not yet reported/);
    assert.match(rowTexts[2]!, /Lead: To be confirmed \(the workstream lead answers\)[\s\S]*Update\n—[\s\S]*RAG for period\n○ Not yet reported/);
    // The pregnancy project's KPI with its (missing) target and reading, then those the paper lists in words.
    assert.match(rowTexts[3]!, /Project KPIs and Targets\n• Pregnant women obese at booking with a midwife, Leicester \(%\): no target set; no reading since the baseline of 23\.8 \(2018\/19\)\n• Implementation of walks for mums/);
    assert.match(rowTexts[3]!, /Update\nWalks for mums paused: \*\*no walk leaders\*\* <at>Annie<\/at>\./, 'typed text shown literally');
    assert.match(rowTexts[3]!, /RAG for period\n[^\n]* Red/);
    assert.match(text, /Point for escalation:\nEstablishing local opportunity to improving healthy weight in pregnancy: Funding for walk leaders\.\nThe workstream's answer for 2026-Q3 is not in yet\nReporting frequency\nQuarterly$/);
  });

  it('the workstream\'s own answer gives the sheet its point for escalation ("monitoring healthy weight" finds it by words)', async () => {
    await answerW2();
    const text = cardText(await bot.ask(ALEX, 'monitoring healthy weight'));
    assert.match(text, /Point for escalation:\nBoard to ask the ICB to name a lead for ICS promotion\.\nEstablishing local opportunity to improving healthy weight in pregnancy: Funding for walk leaders\.\nReporting frequency/);
    assert.doesNotMatch(text, /not in yet/);
  });

  it('the Word paper for leicester-2022-27 carries the W2 sheet: heading facts, the seven-column table with a row per project, escalation, frequency, in a landscape section', async () => {
    await answerW2();
    const report = await boardReport(bot.app.deps, 'leicester-2022-27');
    const file = await renderReport(report, 'docx');
    const text = await docxText(file.body);
    // A sheet per workstream with projects, in the paper's order: W1, W2, W3.
    assert.match(text, /\nMonitoring\nW1\. Childhood Immunisations\nDate: 20 October 2026\n[\s\S]*\nW2\. Healthy Weight\nDate: [\s\S]*\nW3\. /);
    const sheet = text.slice(text.indexOf('\nW2. Healthy Weight\nDate: ') + 1);
    assert.match(sheet, /^W2\. Healthy Weight\nDate: 20 October 2026\nTitle of workstream: Healthy Weight\nObjective: To create a system/);
    assert.match(sheet, /Governance arrangement: Food and healthy weight systems partnership steering group\nPeriod: 2026-Q3\n/);
    assert.ok(sheet.includes(`${MONITORING_COLUMNS.join('\n')}\n${PROJECTS[0]}\nLead: Amy Hathway\n`), 'the header row is the template\'s seven names, then the first project');
    const table = sheet.slice(0, sheet.indexOf('Point for escalation: '));
    assert.deepEqual(PROJECTS.map((p) => table.indexOf(`${p}\nLead: `) > 0), [true, true, true, true]);
    assert.deepEqual(PROJECTS.map((p) => table.indexOf(`${p}\nLead: `)), [...PROJECTS.map((p) => table.indexOf(`${p}\nLead: `))].sort((a, b) => a - b), 'in the paper\'s order');
    assert.deepEqual(table.match(/\n(Green|Red|Amber|Not yet reported)\n/g)?.map((m) => m.trim()), ['Green', 'Not yet reported', 'Not yet reported', 'Red']);
    assert.match(sheet, /Point for escalation: Board to ask the ICB to name a lead for ICS promotion\.\nEstablishing local opportunity to improving healthy weight in pregnancy: Funding for walk leaders\.\nReporting frequency: Quarterly\n/);
    const xml = (await JSZip.loadAsync(file.body)).file('word/document.xml')!;
    assert.match(await xml.async('string'), /<w:pgSz [^>]*w:orient="landscape"/, 'the sheets sit on a landscape page');
  });

  it('the Markdown and CSV papers carry the same sheet: the template\'s seven column names, a row per project, typed text escaped', async () => {
    await answerW2();
    const report = await boardReport(bot.app.deps, 'leicester-2022-27');
    const md = (await renderReport(report, 'md')).body.toString('utf8');
    assert.match(md, /\n### Monitoring\n\n#### W1\. Childhood Immunisations\n/);
    const sheet = md.slice(md.indexOf('#### W2', md.indexOf('### Monitoring')));
    assert.match(sheet, /^#### W2\. Healthy Weight\n\n\*\*Date:\*\* 20 October 2026 · \*\*Period:\*\* 2026-Q3/);
    const header = `| ${MONITORING_COLUMNS.join(' | ')} |`;
    assert.ok(sheet.includes(`${header}\n|---|---|---|---|---|---|---|\n`), 'the template\'s header row');
    const table = sheet.slice(sheet.indexOf(header));
    const rows = table.slice(0, table.indexOf('\n\n')).split('\n').slice(2);
    assert.equal(rows.length, 4);
    assert.deepEqual(rows.map((r) => r.split(/(?<!\\)\|/).length - 2), [7, 7, 7, 7], 'seven cells a row: a typed "|" does not add one');
    assert.match(rows[0]!, /Provider turnover \\\| retraining each quarter \| Green \|$/);
    assert.match(rows[1]!, /\| Not yet reported \|$/);
    // Only what would change the meaning is escaped: the emphasis and the tag's opening, not the full stop.
    assert.match(rows[3]!, /Walks for mums paused: \\\*\\\*no walk leaders\\\*\\\* \\<at>Annie\\<\/at>\.( |$)/);
    assert.match(sheet, /\*\*Point for escalation:\*\* Board to ask the ICB/);
    assert.match(sheet, /\*\*Reporting frequency:\*\* Quarterly/);

    const csv = (await renderReport(report, 'csv')).body.toString('utf8');
    const [statements, monitoring] = csv.split('\r\n\r\n');
    assert.match(statements!, /^number,title,theme,period,rag,/, 'the statements table first, as before');
    const lines = monitoring!.split('\r\n');
    assert.equal(lines[0], `Workstream,Period,${MONITORING_COLUMNS.join(',')},Point for escalation,Reporting frequency`);
    // A row per project: the quoted multi-line cells keep each record whole. W2's rows sit between W1's and W3's.
    const w2 = monitoring!.slice(monitoring!.indexOf('\r\nW2. Healthy Weight,'), monitoring!.search(/\r\n"?W3\. /));
    assert.equal(w2.match(/\r\nW2\. Healthy Weight,2026-Q3,/g)?.length, 4);
    assert.ok(PROJECTS.every((p, i) => w2.indexOf(`,2026-Q3,"${p}\nLead: `) > (i === 0 ? -1 : w2.indexOf(`,2026-Q3,"${PROJECTS[i - 1]}\nLead: `))), 'the four projects, in the paper\'s order');
    assert.match(w2, /Provider turnover \| retraining each quarter,Green,/);
    assert.equal(w2.match(/,Not yet reported,/g)?.length, 2);
    assert.match(w2, /,Red,"Board to ask the ICB/);
  });

  it('Megan (manages only Leicestershire, leads nothing in W2) is refused monitoring W2; "monitoring" alone asks which workstream', async () => {
    const refused = cardText(await bot.ask(MEGAN, 'monitoring W2'));
    assert.match(refused, /^Not available to you\nOnly board managers and its lead or deputy can see the monitoring sheet of W2\. Healthy Weight\./);
    assert.doesNotMatch(refused, /Amy Hathway|Reporting Projects/);
    assert.match(cardText(await bot.ask(ALEX, 'monitoring')), /^monitoring what\?\nSay which workstream, e\.g\. "monitoring W2"/);
    assert.match(cardText(await bot.ask(ALEX, 'monitoring falls')), /^Which workstream\?\nNo single workstream with projects matches "falls"\. Those you can ask for: W1\. Childhood Immunisations; W2\. Healthy Weight; W3\. /);
  });
});
