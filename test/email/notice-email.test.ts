import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { checkInForm } from '../../src/app/check-in';
import { routeFor } from '../../src/domain/reach';
import { periodFromLabel } from '../../src/domain/period';
import { renderNoticeEmail, renderWelcomeEmail, type LeadNotice } from '../../src/email/notice-email';
import { emlFileName, messageIdFor } from '../../src/email/nodemailer-email-sender';
import { readSeedSet, seedFilesIn } from '../../src/seed/seed-files';
import { toPeople } from '../../src/seed/load-seeds';
import { aPerson, aPriority, aStrategy } from '../domain/builders';
import { unitsAnsweredByWorkstreamLeads } from '../../src/domain/project';

/** How a lead's notice reads as an email, and the real seeds' lead who has only email. */
function notice(kind: LeadNotice['kind'], title: string, name = 'Kay Darby'): LeadNotice {
  const strategy = aStrategy().build();
  const priority = aPriority('W1').titled(title).build();
  const period = periodFromLabel('2026-Q3', { dueAfterDays: 14 });
  const to = aPerson('kay').named(name).build();
  const form = checkInForm({ strategy, priority, period, person: to, history: [], covers: [], names: new Map(), submissionId: 'sub-00000001' });
  return { kind, to, priority, period, form };
}

describe('lead notices as email', () => {
  it('subject names the due date in long form, the priority and the period; overdue says so', () => {
    assert.equal(renderNoticeEmail(notice('reminder', 'Childhood Immunisations'), ['http://x/checkin?token=t']).subject, 'Check-in due 15 Oct 2026: W1. Childhood Immunisations (2026-Q3)');
    assert.equal(renderNoticeEmail(notice('overdue', 'Childhood Immunisations'), ['http://x/checkin?token=t']).subject, 'Overdue check-in, was due 15 Oct 2026: W1. Childhood Immunisations (2026-Q3)');
  });

  it('text from seeds and names is escaped in the HTML and kept literal in the plain text', () => {
    const hostile = '<script>alert("x")</script> & <b>bold</b>';
    const mail = renderNoticeEmail(notice('nudge', hostile, 'Ann <O\'Neil>'), ['http://x/checkin?token=a&b="c"']);
    assert.doesNotMatch(mail.html, /<script>|<b>bold/);
    assert.match(mail.html, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; &lt;b&gt;bold&lt;\/b&gt;/);
    assert.match(mail.html, /Dear Ann &lt;O&#39;Neil&gt;,/);
    assert.match(mail.html, /href="http:\/\/x\/checkin\?token=a&amp;b=&quot;c&quot;"/);
    assert.ok(mail.text.includes(hostile), 'plain text shows the title as typed');
    assert.match(mail.text, /works until 31 Dec 2026/);
  });

  it('the welcome of someone made a lead: who did it, what, on which board, escaped in the HTML and literal in the text', () => {
    const hostile = '<script>alert("x")</script> & co';
    const { priority } = notice('reminder', hostile);
    const mail = renderWelcomeEmail({ kind: 'welcome', to: { id: 'kay', name: 'Kay <Darby>', boardManager: false }, leads: [priority], deputises: [], assigned: { by: 'Alex Wilber', what: `the lead of W1. ${hostile}`, board: 'Leicester City Health and Wellbeing Board' } });
    assert.equal(mail.subject, `Welcome to the HWB Progress Bot: Alex Wilber made you the lead of W1. ${hostile}`);
    assert.match(mail.text, /^Dear Kay <Darby>,\n\nAlex Wilber made you the lead of W1\. <script>/);
    assert.ok(mail.text.includes(`You lead: W1. ${hostile}`));
    assert.doesNotMatch(mail.html, /<script>/);
    assert.match(mail.html, /Dear Kay &lt;Darby&gt;,/);
    assert.match(mail.html, /no Teams account needed/);
  });

  it("a workstream's own notice carries a link for each project its leads answer; a project with no name is named by its number", () => {
    const w1 = aPriority('W1').titled('Childhood Immunisations').ledBy('megan', 'kay').withProject('antenatal', 'Antenatal Vaccinations').withProject('blank', '  ').withProject('named', 'Named lead', 'amy').build();
    const projects = unitsAnsweredByWorkstreamLeads(w1);
    assert.deepEqual(projects.map((p) => p.title), ['Antenatal Vaccinations', 'W1 project 2'], 'the project with its own lead is not the workstream leads\' to answer');
    const mail = renderNoticeEmail({ ...notice('reminder', 'Childhood Immunisations'), priority: w1, workstreamProjects: projects }, ['http://x/checkin?token=w1', 'http://x/checkin?token=ante', 'http://x/checkin?token=blank']);
    assert.match(mail.text, /Answer on the web page \(works until 31 Dec 2026\):\nhttp:\/\/x\/checkin\?token=w1\n/);
    assert.match(mail.text, /W1's 2 projects name no lead of their own, so the workstream's leads answer them: one page each \(the links work until 31 Dec 2026\)\.\n- Antenatal Vaccinations:\n {2}http:\/\/x\/checkin\?token=ante\n- W1 project 2:\n {2}http:\/\/x\/checkin\?token=blank\n/);
    for (const token of ['w1', 'ante', 'blank']) assert.ok(mail.html.includes(`href="http://x/checkin?token=${token}"`), token);
    assert.match(mail.html, /<h3[^>]*>W1 project 2<\/h3>/);
    assert.match(mail.text, /These links are yours alone/);
  });

  it('the message id and file name come from the outbox key: the same key, the same id', () => {
    const key = 'reminder|s/W1|2026-Q3|open|kay';
    assert.equal(messageIdFor(key, 'HWB <hwb@council.example.org>'), messageIdFor(key, 'HWB <hwb@council.example.org>'));
    assert.match(messageIdFor(key, 'HWB <hwb@council.example.org>'), /^<[0-9a-f]{32}@council\.example\.org>$/);
    assert.notEqual(emlFileName(key), emlFileName(`${key}x`));
    assert.match(emlFileName(key), /^reminder_s_W1_2026-Q3_open_kay-[0-9a-f]{8}\.eml$/);
  });

  it('the real seeds have a lead outside the council reached only by email, with their organisation (Kay Darby, LLR ICB, W1)', () => {
    const set = readSeedSet(seedFilesIn(join(__dirname, '..', '..', 'seeds')));
    const kay = toPeople(set.people!.seed).find((p) => p.id === 'kay-darby');
    assert.ok(kay);
    assert.equal(kay.aadObjectId, undefined);
    assert.equal(kay.organisation, 'NHS Leicester, Leicester and Rutland ICB');
    assert.deepEqual(routeFor(kay, { graphConfigured: false }), { kind: 'email', address: 'kay.darby@example.org' });
    const w1 = set.people!.seed.assignments.find((a) => a.priority === 'W1');
    assert.ok(w1?.leads.includes('kay-darby'));
  });
});
