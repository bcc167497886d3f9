import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { ALEX, allActions, AMY, cardAction, inputsOf, installation, MEGAN, press, submitFrom } from '../support/activities';
import { BotHarness, cardText } from '../support/bot-harness';
import { validateCard } from '../support/validate-card';
import { buildDigest } from '../../src/app/digest';
import { SmtpSink } from '../support/smtp-sink';

const SEEDS = join(__dirname, '..', '..', 'seeds');
const S = 'leicester-2022-27';

/**
 * The 2024 monitoring template's projects, answered by their leads (issue 15), on the real seeds:
 * Amy Hathway leads three of W2's four projects; "ICS promotion" is still "To be confirmed", so
 * W2's lead (Alex) answers it. 24 Nov 2026: W2's 2026-Q3 answer was due on 15 Oct.
 */
describe('projects answered by their leads (the monitoring template), on the real seeds', function () {
  this.timeout(30_000);
  // Each test that needs it starts its own bot on 24 Nov 2026 and replays the steps it stands on,
  // so every test passes alone (`npm run test:alone`); the reminder tests start theirs at the date they tick.
  let bot: BotHarness;
  let started: BotHarness | undefined;
  const onTheDay = async (...steps: (() => Promise<unknown>)[]) => {
    bot = started = await new BotHarness('2026-11-24T10:00:00Z', { SEEDS_DIR: SEEDS }).start();
    for (const s of steps) await s();
  };
  afterEach(async () => {
    await started?.stop();
    started = undefined;
  });

  const stored = async (project: string) => bot.app.deps.checkIns.get(S, `W2~${project}`, '2026-Q3');

  /**
   * Step: Amy answers two of her three W2 projects from her check-in card (Green, and Red with a risk),
   * pressed as the Teams client does: every input of the card is sent, the blank section's too,
   * and the client refuses to send while a required input is empty.
   */
  const amyAnswered = async () => {
    const card = await bot.ask(AMY, 'checkin');
    const submit = press(card, 'Submit the projects you answered', {
      p0_rag: 'green',
      p0_update: 'Social care teams trained on the LD weight pathway.',
      p2_rag: 'red',
      p2_update: 'Maternity weight service paused: no dietitian since September.',
      p2_risks: 'Recruitment: agency cover asked for.',
    });
    return { card, submit, answer: await bot.invoke(cardAction(AMY, bot.serviceUrl, submit.verb, submit.data)) };
  };
  /** Step: Alex answers W2 itself Amber, saying why it is better than its worst project. */
  const alexAnsweredW2 = async (whenRefused: (pick: Record<string, unknown>, refused: Awaited<ReturnType<BotHarness['invoke']>>) => Promise<void> = async () => undefined) => {
    const pick = await bot.ask(ALEX, 'checkin W2');
    const submit = submitFrom(pick, { rag: 'green', update: 'Three of four projects on track.' });
    const refused = await bot.invoke(cardAction(ALEX, bot.serviceUrl, submit.verb, submit.data));
    await whenRefused(pick, refused);
    const withReason = submitFrom(refused.body.value as Record<string, unknown>, { rag: 'amber', ragReason: 'The paused service restarts in January.', update: 'Three of four projects on track.', escalation: 'A dietitian post for the maternity weight service.' });
    return bot.invoke(cardAction(ALEX, bot.serviceUrl, withReason.verb, withReason.data));
  };

  it('a project lead gets one card with a section per project they lead in W2, and answers two of them at once: a receipt line each', async () => {
    await onTheDay();
    const { card, submit, answer } = await amyAnswered();
    const text = cardText(card);
    assert.match(text, /^Project check-in for 2026-Q3\nW2\. Healthy Weight/);
    const sections = [...text.matchAll(/Project (\d) of 3: ([^\n]+)/g)].map((m) => m[2]);
    assert.equal(sections.length, 3, text);
    assert.ok(!text.includes('ICS'), 'the unassigned project is not on her card');
    const ids = JSON.stringify(card);
    assert.match(ids, /"id":"p0_rag"/);
    assert.match(ids, /"id":"p2_update"/);
    const order = ['ld-social-care', 'lnds-training', 'pregnancy'];
    assert.equal(submit.data.p1_rag, '', 'the blank section is sent, empty');
    const receipt = answer.body.value as Record<string, unknown>;
    assert.deepEqual(validateCard(receipt), []);
    const said = cardText(receipt);
    assert.match(said, /✔ 2 project check-ins received for 2026-Q3/);
    assert.match(said, new RegExp(`^Saved\\n${sections[0]}; ${sections[2]}\\nStill open\\n${sections[1]}$`, 'm'));
    assert.match(said, new RegExp(`W2 project: ${sections[0]}\\n✔ Green`));
    assert.match(said, new RegExp(`W2 project: ${sections[2]}\\n● Red`));
    assert.match(said, new RegExp(`Still open for 2026-Q3 \\(left blank, so not answered yet\\): ${sections[1]}\\. Type "projects W2"`));
    // One answer per project, each its own stored unit; the blank one stays unanswered.
    const [a, b, c] = await Promise.all(order.map(stored));
    assert.deepEqual([a?.rag, a?.version, a?.submittedBy], ['green', 1, 'amy-hathway']);
    assert.equal(b, undefined);
    assert.deepEqual([c?.rag, c?.risks], ['red', 'Recruitment: agency cover asked for.']);
    // A retried submit (Teams repeats an invoke it got no answer to) saves nothing twice.
    const again = await bot.invoke(cardAction(AMY, bot.serviceUrl, submit.verb, submit.data));
    assert.match(cardText(again.body.value), /already saved: this was a repeat/);
    assert.equal((await bot.app.deps.checkIns.versions(S, 'W2~pregnancy', '2026-Q3')).length, 1);
  });

  it('Submit with no section answered anew (blank, or as answered before) saves nothing and says to answer at least one project', async () => {
    await onTheDay(amyAnswered);
    const card = await bot.ask(AMY, 'projects W2');
    const before = await Promise.all(['ld-social-care', 'lnds-training', 'pregnancy'].map(async (p) => (await bot.app.deps.checkIns.versions(S, `W2~${p}`, '2026-Q3')).length));
    const submit = press(card, 'Submit the projects you answered');
    const answer = await bot.invoke(cardAction(AMY, bot.serviceUrl, submit.verb, submit.data));
    const text = cardText(answer.body.value);
    assert.match(text, /Nothing was saved: no section has a new answer\. Answer at least one project \(its rating and progress update\), then submit\./);
    assert.equal((text.match(/Project \d of 3/g) ?? []).length, 3, 'the card comes back whole');
    assert.doesNotMatch(text, /Choose Red, Amber or Green|Write a progress update/, 'no section is marked: none was started');
    const after = await Promise.all(['ld-social-care', 'lnds-training', 'pregnancy'].map(async (p) => (await bot.app.deps.checkIns.versions(S, `W2~${p}`, '2026-Q3')).length));
    assert.deepEqual(after, before);
  });

  it('a section that needs fixing stores nothing from the card: every section comes back, the bad one marked', async () => {
    await onTheDay();
    const card = await bot.ask(AMY, 'projects W2');
    const submit = submitFrom(card, { p1_rag: 'amber', p1_update: '', p1_nextSteps: 'Book the spring sessions.' });
    const answer = await bot.invoke(cardAction(AMY, bot.serviceUrl, submit.verb, submit.data));
    const text = cardText(answer.body.value);
    assert.match(text, /Not saved: needs fixing \(marked below\)/);
    assert.match(text, /Write a progress update\./);
    assert.equal((text.match(/Project \d of 3/g) ?? []).length, 3);
    assert.equal(await stored('lnds-training'), undefined);
  });

  it('a forged project key, or another workstream\'s project, stores nothing from the whole card', async () => {
    await onTheDay(amyAnswered);
    const card = await bot.ask(AMY, 'projects');
    const base = submitFrom(card, { p1_rag: 'green', p1_update: 'Sessions ran.', p0_rag: 'amber', p0_update: 'Edited.' });
    const sections = base.data.sections as Record<string, unknown>[];
    const forged = { ...base.data, sections: [{ ...sections[0], priority: `${S}/W2~made-up` }, sections[1], sections[2]] };
    const refused = await bot.invoke(cardAction(AMY, bot.serviceUrl, base.verb, forged));
    assert.match(cardText(refused.body.value), /Not one of this workstream's projects\nThe card named a project that is not one of W2 Healthy Weight's, so nothing on it was saved/);
    // W3's "Mental Health Cafés" has no named lead: W3's lead answers it, and Amy is not that.
    const elsewhere = { ...base.data, workstream: `${S}/W3`, sections: [{ ...sections[1], priority: `${S}/W3~mh-cafes` }] };
    const notHers = await bot.invoke(cardAction(AMY, bot.serviceUrl, base.verb, elsewhere));
    assert.match(cardText(notHers.body.value), /^Not one of your priorities\nYou are not the lead or deputy for W3 project: /);
    const mixed = { ...base.data, sections: [sections[1], { ...sections[0], priority: `${S}/W3~mh-cafes` }] };
    const refusedMixed = await bot.invoke(cardAction(AMY, bot.serviceUrl, base.verb, mixed));
    assert.match(cardText(refusedMixed.body.value), /Not one of this workstream's projects/);
    assert.equal(await stored('lnds-training'), undefined, 'the valid section was not saved either');
    assert.equal((await stored('ld-social-care'))?.version, 1, 'the edit was not saved');
    assert.equal(await bot.app.deps.checkIns.get(S, 'W3~mh-cafes', '2026-Q3'), undefined);
    // W1's projects name a board, not a person: W1's lead answers them, on the same kind of card.
    assert.match(cardText(await bot.ask(MEGAN, 'projects')), /^Project check-in for 2026-Q3\nW1\. Childhood Immunisations[\s\S]*Project 1 of 3: Antenatal Vaccinations\nLead officer in the paper: LLR Immunisation Board/);
  });

  it('W2\'s own card shows the projects\' answers beside each other, suggests the worst rating, and asks why for a better one', async () => {
    await onTheDay(amyAnswered);
    const saved = await alexAnsweredW2(async (pick, refused) => {
      const text = cardText(pick);
      assert.match(text, /Projects this period \(2 of 4 answered\)/);
      assert.match(text, /in pregnancy\n● Red · Amy Hathway/);
      assert.match(text, /ICS[^\n]*\nnot yet reported · To be confirmed \(the workstream lead answers\)/);
      assert.match(text, /The projects suggest ● Red: the worst project rating is red/);
      assert.match(cardText(refused.body.value), /Nothing was saved: one answer needs fixing/);
      assert.equal(await bot.app.deps.checkIns.get(S, 'W2', '2026-Q3'), undefined);
    });
    assert.match(cardText(saved.body.value), /Check-in received for 2026-Q3/);
  });

  it('status W2 lists each project with its rating and lead; the digest lists the Red project under W2', async () => {
    await onTheDay(amyAnswered, () => alexAnsweredW2());
    const status = cardText(await bot.ask(ALEX, 'status W2'));
    assert.match(status, /Projects, 2026-Q3\n/);
    assert.match(status, /in pregnancy\n● Red · Amy Hathway/);
    assert.match(status, /Not yet reported \(40 days overdue\) · Amy Hathway/);
    // The digest's groups are what `red` and `overdue` list: a project's line sits under its workstream.
    const digest = await buildDigest(bot.app.deps, { key: 'leicester-city', name: 'Leicester City Health and Wellbeing Board' });
    const lines = (reason: string) => digest.groups.find((g) => g.reason === reason)!.entries.filter((e) => e.number === 'W2').map((e) => [e.project, e.detail, e.daysOverdue]);
    assert.deepEqual(lines('red'), [['Establishing local opportunity to improving healthy weight in pregnancy', 'Project "Establishing local opportunity to improving healthy weight in pregnancy" is Red for 2026-Q3', undefined]]);
    assert.deepEqual(lines('overdue'), [['LNDS nutrition training for workforces', 'Project "LNDS nutrition training for workforces": its lead\'s answer is 40 days overdue (due 15 Oct 2026)', 40]]);
    assert.match(cardText(await bot.ask(ALEX, 'red leicester city')), /W2\. Healthy Weight[\s\S]*Project "Establishing local opportunity to improving healthy weight in pregnancy" is Red for 2026-Q3/);
    // Priorities with no lead are not overdue: the list is short, and says what it counts.
    const first = cardText(await bot.ask(ALEX, 'overdue leicester city'));
    assert.match(first, /Overdue check-ins \(2 priorities, 1 project\)/);
    assert.match(first, /W2\. Healthy Weight\nProject "LNDS nutrition training for workforces": its lead's answer is 40 days overdue \(due 15 Oct 2026\)/);
  });

  it('reach lists a project lead with her projects, and how she is reached', async () => {
    await onTheDay();
    const reach = cardText(await bot.ask(ALEX, 'reach'));
    assert.match(reach, /Amy Hathway\nLeicester City Council – Public Health\nlead W2 project "Social care learning disability…", W2 project "LNDS nutrition training for workforces", W2 project "Establishing local opportunity to…"\nemail \(amy\.hathway@example\.org\)/);
  });

  it('project leads are reminded like priority leads, once for all their projects of a workstream: Amy, with no Teams chat, gets one email with a link per project', async () => {
    const smtp = await new SmtpSink().start();
    const opening = await new BotHarness('2026-10-01T08:31:00Z', { SEEDS_DIR: SEEDS, SMTP_URL: smtp.url, MAIL_FROM: 'Leicester HWB <hwb@example.org>' }).start();
    try {
      await opening.tickAt('2026-10-01T08:31:00Z');
      const hers = smtp.messages.filter((m) => JSON.stringify(m.to).includes('amy.hathway@example.org'));
      assert.deepEqual(hers.map((m) => m.subject), ['Check-in due 15 Oct 2026: your 3 projects of W2. Healthy Weight (2026-Q3)']);
      const text = hers[0]!.text ?? '';
      assert.match(text, /The 2026-Q3 check-in for your 3 projects of W2\. Healthy Weight is open\. Please answer by 15 Oct 2026\./);
      const links = [...text.matchAll(/^- (.+):\n {2}(\S+)$/gm)].map((m) => [m[1], m[2]] as const);
      assert.deepEqual(links.map(([title]) => title), ['Social care learning disability focused work', 'LNDS nutrition training for workforces', 'Establishing local opportunity to improving healthy weight in pregnancy']);
      // Each link opens that project's own card, for Amy and that period only.
      const page = await fetch(links[1]![1]);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /Check-in for 2026-Q3[\s\S]*W2 project: LNDS nutrition training for workforces/);
      // The unassigned project is W2's lead's, on W2's own reminder: no reminder of its own.
      assert.ok(!smtp.messages.some((m) => /ICS|projects of W2/.test(m.subject ?? '') && !JSON.stringify(m.to).includes('amy.hathway')));
      const ledger = (await opening.app.storage.outbox.list('2026-09-01', '2026-12-31')).filter((e) => e.recipientId === 'amy-hathway');
      assert.deepEqual(ledger.map((e) => [e.kind, e.status]), [['reminder', 'sent']]);
      // A second tick the same day sends nothing again.
      await opening.tickAt('2026-10-01T09:31:00Z');
      assert.equal(smtp.messages.filter((m) => JSON.stringify(m.to).includes('amy.hathway@example.org')).length, 1);
    } finally {
      await opening.stop();
      await smtp.stop();
    }
  });

  it('in Teams, a project lead\'s reminder is one message: a line naming her projects, and the one card with a section each', async () => {
    const opening = await new BotHarness('2026-10-01T08:31:00Z', { SEEDS_DIR: SEEDS }).start();
    try {
      await opening.post(installation(AMY, opening.serviceUrl));
      opening.connector.reset();
      await opening.tickAt('2026-10-01T08:31:00Z');
      const toAmy = opening.connector.sentTo(`a:personal-${AMY.id}`);
      assert.equal(toAmy.length, 1, JSON.stringify(toAmy.map((c) => c.body.text)));
      assert.equal(toAmy[0]!.body.text, 'The 2026-Q3 check-in for your 3 projects of W2. Healthy Weight is open. Please answer by 15 Oct 2026.');
      const card = (toAmy[0]!.body.attachments as { content: Record<string, unknown> }[])[0]!.content;
      assert.deepEqual(validateCard(card), []);
      assert.equal((cardText(card).match(/Project \d of 3:/g) ?? []).length, 3);
    } finally {
      await opening.stop();
    }
  });

  it('board managers are told of a workstream\'s overdue project answers in one notice, naming each project and its lead', async () => {
    const late = await new BotHarness('2026-10-22T08:31:00Z', { SEEDS_DIR: SEEDS }).start();
    try {
      await late.post(installation(ALEX, late.serviceUrl));
      late.connector.reset();
      await late.tickAt('2026-10-22T08:31:00Z');
      const cards = late.connector.sentTo(`a:personal-${ALEX.id}`).flatMap((c) => ((c.body.attachments as { content: Record<string, unknown> }[] | undefined) ?? []).map((a) => a.content));
      const notices = cards.map(cardText).filter((t) => /^Overdue project answers/.test(t));
      assert.deepEqual(notices, [
        'Overdue project answers: W2. Healthy Weight\nThe 2026-Q3 answers for these 3 projects were due on 15 Oct 2026 and are 7 days overdue.\n• Social care learning disability focused work: Amy Hathway\n• LNDS nutrition training for workforces: Amy Hathway\n• Establishing local opportunity to improving healthy weight in pregnancy: Amy Hathway',
      ]);
      assert.ok(!cards.map(cardText).some((t) => /^Overdue: W2 project/.test(t)), 'no notice per project');
    } finally {
      await late.stop();
    }
  });

  it('history finds a project by words from its title: its lead and the workstream\'s people see its versions, others are refused', async () => {
    await onTheDay(amyAnswered);
    const before = (await stored('pregnancy'))!;
    // Amy edits her Red answer to Amber: a second version of the project's answer.
    const card = await bot.ask(AMY, 'projects W2');
    const text = cardText(card);
    assert.match(text, /You are editing the answer given by Amy Hathway \(version 1\)/);
    const sections = (allActions(card)[0]!.data as { sections: { priority: string }[] }).sections;
    const i = sections.findIndex((x) => x.priority.endsWith('~pregnancy'));
    const submit = submitFrom(card, { [`p${i}_rag`]: 'amber', [`p${i}_update`]: 'A locum dietitian starts in November.' });
    const saved = await bot.invoke(cardAction(AMY, bot.serviceUrl, submit.verb, submit.data));
    assert.match(cardText(saved.body.value), /project check-in/i);
    assert.equal((await stored('pregnancy'))?.version, before.version + 1);
    for (const who of [AMY, ALEX]) {
      const history = cardText(await bot.ask(who, 'history healthy weight in pregnancy'));
      assert.match(history, /W2 project: Establishing local opportunity to improving healthy weight in pregnancy/);
      assert.match(history, /RAG Red → Amber/);
    }
    assert.doesNotMatch(cardText(await bot.ask(MEGAN, 'history healthy weight in pregnancy')), /RAG Red → Amber/);
  });
});

/**
 * Fresh answers on the projects' card (issue 19 item 2), on the real seeds: Amy answers her LD
 * project for 2026-Q2 on 10 Aug 2026; on 24 Nov 2026 her 2026-Q3 card starts empty, that answer
 * shown above the first section, with "Start from last answer" for that section alone.
 */
describe('a project section starts empty, its last answer above it (real seeds)', function () {
  this.timeout(30_000);
  let bot: BotHarness;

  beforeEach(async () => {
    bot = await new BotHarness('2026-08-10T10:00:00Z', { SEEDS_DIR: SEEDS }).start();
    const card = await bot.ask(AMY, 'projects W2');
    assert.match(cardText(card), /^Project check-in for 2026-Q2\n/);
    const { verb, data } = press(card, 'Submit the projects you answered', { p0_rag: 'amber', p0_update: 'Guidance drafted with two providers.' });
    assert.match(cardText((await bot.invoke(cardAction(AMY, bot.serviceUrl, verb, data))).body.value), /Project check-in received for 2026-Q2/);
    bot.clock.set('2026-11-24T10:00:00Z');
  });
  afterEach(async () => bot.stop());

  it('"Start from last answer" fills that section only, and keeps what was typed in the others', async () => {
    const card = await bot.ask(AMY, 'projects W2');
    const text = cardText(card);
    assert.match(text, /Project 1 of 3: Social care learning disability focused work\n[\s\S]*?Last answer, 2026-Q2: Amber\nGuidance drafted with two providers\./);
    assert.equal((text.match(/Last answer, /g) ?? []).length, 1, 'only the answered project has one');
    const fill = press(card, 'Start from last answer', { p2_update: 'Walks for mums started in two parks.' });
    const filled = (await bot.invoke(cardAction(AMY, bot.serviceUrl, fill.verb, fill.data))).body.value as Record<string, unknown>;
    assert.deepEqual(validateCard(filled), []);
    const values = Object.fromEntries(inputsOf(filled).map((i) => [i.id, i.value]));
    assert.deepEqual([values.p0_rag, values.p0_update, values.p1_update, values.p2_update], ['amber', 'Guidance drafted with two providers.', '', 'Walks for mums started in two parks.']);
    // Nothing is saved by filling: the 2026-Q3 answers are still to come.
    assert.equal(await bot.app.deps.checkIns.get(S, 'W2~ld-social-care', '2026-Q3'), undefined);
  });

  it('a section answered earlier this period, sent back as shown, is not saved again: the receipt says it stands, and which are still open', async () => {
    const first = await bot.ask(AMY, 'projects W2');
    const one = press(first, 'Submit the projects you answered', { p0_rag: 'green', p0_update: 'Guidance issued to all supported living providers.' });
    assert.match(cardText((await bot.invoke(cardAction(AMY, bot.serviceUrl, one.verb, one.data))).body.value), /Project check-in received for 2026-Q3/);
    const again = await bot.ask(AMY, 'projects W2');
    assert.match(cardText(again), /You are editing the answer given by Amy Hathway \(version 1\)/);
    const two = press(again, 'Submit the projects you answered', { p2_rag: 'amber', p2_update: 'Walks for mums started in two parks.' });
    const said = cardText((await bot.invoke(cardAction(AMY, bot.serviceUrl, two.verb, two.data))).body.value);
    assert.match(said, /^Saved\nEstablishing local opportunity to improving healthy weight in pregnancy\nStill open\nLNDS nutrition training for workforces\nAnswered before, unchanged\nSocial care learning disability focused work$/m);
    assert.equal((await bot.app.deps.checkIns.versions(S, 'W2~ld-social-care', '2026-Q3')).length, 1, 'no second version of the same words');
    assert.equal((await bot.app.deps.checkIns.get(S, 'W2~pregnancy', '2026-Q3'))?.rag, 'amber');
  });
});
