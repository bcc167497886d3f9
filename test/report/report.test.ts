import { strict as assert } from 'node:assert';
import { docxText } from '../support/docx-text';
import { EXPORT_COLUMNS, exportAnswers } from '../../src/app/report';
import { toCsv } from '../../src/report/report-text';
import { csvField } from '../../src/report/report-text';
import { ALEX, cardAction, MEGAN, message, submitFrom } from '../support/activities';
import { BotHarness, cardText } from '../support/bot-harness';

describe('the board report from chat, behind a signed link', () => {
  let bot: BotHarness;
  before(async () => {
    bot = await new BotHarness('2026-10-20T10:00:00Z').start();
    await bot.post(message(ALEX, bot.serviceUrl, 'checkin'));
    const { verb, data } = submitFrom(bot.connector.lastCard(), { rag: 'red', update: '=HYPERLINK("http://evil") **bold** <script>x</script>', ragReason: 'Waiting list doubled.', escalation: 'Ask the ICB to fund two more clinics.' });
    await bot.invoke(cardAction(ALEX, bot.serviceUrl, verb, data));
  });
  after(async () => bot.stop());

  const links = async () => {
    bot.connector.reset();
    await bot.post(message(ALEX, bot.serviceUrl, 'report 2026-Q3'));
    const card = bot.connector.lastCard();
    assert.match(cardText(card), /Board report ready\nTest Board Health and Wellbeing Strategy 2025-2028, 2026-Q3\./);
    return Object.fromEntries((card.actions as { title: string; url: string }[]).map((a) => [a.title, a.url]));
  };

  it('a board manager gets links; the Word file has the RAG table, indicators and statements', async () => {
    const urls = await links();
    assert.deepEqual(Object.keys(urls), ['Word (.docx)', 'Markdown', 'CSV']);
    const res = await fetch(urls['Word (.docx)']!);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    assert.match(res.headers.get('content-disposition') ?? '', /attachment; filename="test-board-2025-28-2026-Q3\.docx"/);
    const text = await docxText(Buffer.from(await res.arrayBuffer()));
    assert.match(text, /TEST CITY HEALTH AND WELLBEING BOARD/);
    assert.match(text, /RAG ratings\nRating\nDefinition\nCount\nRed\nLittle or no progress has been made\.\n1\nAmber\n[^\n]+\n0\nGreen\n[^\n]+\n0\nNot reported\n[^\n]+\n3/);
    assert.match(text, /Indicators\nIndicator\nBaseline\nLatest\nTarget\nDirection of travel\nNotes\nEmergency admissions due to falls, 65\+ \(per 100,000; low is good\)\n2100 \(2022\/23\)\n1980 \(2024\/25\)\n1900 by 2027\nImproved/);
    // Red first, then the ones not reported; the typed text is literal.
    assert.match(text, /Statements of progress\n19\. We will reduce the number of falls for people aged 65\+\nRAG rating: Red\n[\s\S]*Statement of progress: =HYPERLINK\("http:\/\/evil"\) \*\*bold\*\* <script>x<\/script>/);
    assert.match(text, /Points for escalation\nThe Health and Wellbeing Board is asked to note:\n19\. We will reduce the number of falls for people aged 65\+: Ask the ICB to fund two more clinics\./);
  });

  it('Markdown escapes what people typed; CSV defuses formulas', async () => {
    const urls = await links();
    const md = await (await fetch(urls.Markdown!)).text();
    // Only what would change the meaning is escaped: the emphasis and the tags, not the brackets.
    assert.match(md, /\*\*Update:\*\* =HYPERLINK\("http:\/\/evil"\) \\\*\\\*bold\\\*\\\* \\<script>x\\<\/script>/);
    const csv = await (await fetch(urls.CSV!)).text();
    assert.match(csv, /,'=HYPERLINK\(""http:\/\/evil""\) \*\*bold\*\* <script>x<\/script>",|,"'=HYPERLINK\(""http:\/\/evil""\)/);
    assert.equal(csvField('=1+1'), "'=1+1");
    assert.equal(csvField('a,"b"'), '"a,""b"""');
  });

  it('a changed or expired link is refused: 401 for altered or forged, 410 for expired, as the check-in page', async () => {
    const urls = await links();
    const url = urls['Word (.docx)']!;
    const [base, token] = url.split('/reports?token=');
    const [payload, sig] = token!.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), strategy: 'another-board' })).toString('base64url');
    assert.equal((await fetch(`${base}/reports?token=${forged}.${sig}`)).status, 401);
    assert.equal((await fetch(`${base}/reports?token=not-a-token`)).status, 401);
    assert.equal((await fetch(`${base}/reports`)).status, 401);
    bot.clock.set('2026-10-20T11:01:00Z');
    const expired = await fetch(url);
    assert.equal(expired.status, 410);
    assert.match(await expired.text(), /has expired/);
    bot.clock.set('2026-10-20T10:00:00Z');
  });

  it('only board managers may ask for the report', async () => {
    bot.connector.reset();
    await bot.post(message(MEGAN, bot.serviceUrl, 'report'));
    assert.match(cardText(bot.connector.lastCard()), /Only board managers can do that/);
  });

  it('export gives every check-in with who and when', async () => {
    const csv = toCsv(await exportAnswers(bot.app.deps, 'test-board-2025-28', '2026-Q1', '2026-Q4'), EXPORT_COLUMNS);
    const lines = csv.trim().split('\r\n');
    assert.equal(lines[0], 'strategy,priority,number,title,period,rag,update,nextSteps,risks,escalation,ragReason,plusGroups,kpiReadings,submittedBy,onBehalfOf,submittedAt,version');
    assert.equal(lines.length, 3);
    assert.match(lines[1]!, /^test-board-2025-28,19,19,We will reduce the number of falls for people aged 65\+,2026-Q2,green,Falls service recommissioned\./);
    assert.match(lines[2]!, /2026-Q3,red,/);
  });
});
