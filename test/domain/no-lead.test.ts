import { strict as assert } from 'node:assert';
import { DEFAULT_ESCALATION_RULES } from '../../src/domain/escalation';
import { WEEKDAYS_ONLY } from '../../src/domain/calendar';
import { planCycle } from '../../src/domain/cycle';
import { boardPicture, statesFromCheckIns } from '../../src/domain/picture';
import { noLeadOf, summaryOf } from '../../src/domain/strategy-summary';
import { askedFor, hasNoLead, type Priority } from '../../src/domain/strategy';
import { aCheckIn, aPriority, aStrategy } from './builders';

/** Issue 19: nobody asked is not overdue. 24 Nov 2026: the 2026-Q3 answers were due on 15 Oct. */
const ASAT = '2026-11-24';
const strategy = aStrategy().build();
const picture = (priorities: Priority[], answers = [aCheckIn().forPriority('4').forPeriod('2026-Q3').red().escalating('Ask the ICB.').build()]) =>
  boardPicture({ strategies: [strategy], priorities, states: statesFromCheckIns(answers), olderAnswers: answers, rules: DEFAULT_ESCALATION_RULES, policy: { dueAfterDays: 14 }, asAt: ASAT }).strategies[0]!;

describe('No lead: nobody asked is not overdue', () => {
  const led = aPriority('1').ledBy('lead').build();
  const deputyOnly = aPriority('2').ledBy().deputisedBy('dep').build();
  const nobody = aPriority('3').ledBy().build();
  const answeredRed = aPriority('4').ledBy().build();

  it('who is asked: the leads, else the deputies; nobody is "No lead"', () => {
    assert.deepEqual(askedFor(led), ['lead']);
    assert.deepEqual(askedFor(deputyOnly), ['dep']);
    assert.equal(hasNoLead(nobody), true);
    assert.equal(hasNoLead(deputyOnly), false);
  });

  it('past due, a priority with a lead (or a deputy) is overdue; one with nobody is "no-lead", counted within Not reported, apart from overdue', () => {
    const sp = picture([led, deputyOnly, nobody, answeredRed]);
    const standing = Object.fromEntries(sp.priorities.map((p) => [p.priority.key, p.standing]));
    assert.deepEqual(standing, { 1: 'overdue', 2: 'overdue', 3: 'no-lead', 4: 'answered' });
    assert.deepEqual(sp.rag, { red: 1, amber: 0, green: 0, notReported: 3 });
    assert.equal(sp.noLead, 1);
    const summary = summaryOf(sp, ASAT);
    assert.deepEqual([summary.rag.notReported, summary.overdue, summary.noLead, summary.notYetDue], [3, 2, 1, 0]);
    // The overdue reason (what the digest, `overdue` and managers' notices list) is never given to nobody's priority.
    const overdue = sp.priorities.filter((p) => p.reasons.some((r) => r.reason === 'overdue')).map((p) => p.priority.key);
    assert.deepEqual(overdue, ['1', '2']);
    assert.deepEqual(noLeadOf(sp).map((p) => p.priority.key), ['3']);
    // Answered (from the seeds' history, say), a priority counts by its rating and its point for escalation is listed.
    assert.equal(sp.priorities.find((p) => p.priority.key === '4')!.reasons.some((r) => r.reason === 'escalation-point'), true);
  });

  it('before the due date, nobody\'s priority is still "No lead" (nobody will answer it), not "not yet due"', () => {
    const early = boardPicture({ strategies: [strategy], priorities: [led, nobody], states: new Map(), rules: DEFAULT_ESCALATION_RULES, policy: { dueAfterDays: 14 }, asAt: '2026-10-05' }).strategies[0]!;
    assert.deepEqual(early.priorities.map((p) => p.standing), ['not-yet-due', 'no-lead']);
    assert.deepEqual([early.notYetDue, early.rag.notReported, early.noLead], [1, 1, 1]);
  });

  it('a workstream\'s project with no named lead in a workstream with nobody is "no-lead"; a named project lead is asked, and its point for escalation is a reason under the workstream', () => {
    const w = { ...aPriority('W3').ledBy().build(), projects: [{ key: 'cafe', title: 'Cafés' }, { key: 'named', title: 'Named', leads: ['amy'] }] } as Priority;
    const answers = [aCheckIn().forPriority('W3~named').forPeriod('2026-Q3').amber().escalating('Board to note maternity obesity rising.').build()];
    const sp = picture([w], answers);
    const ws = sp.priorities[0]!;
    assert.equal(ws.standing, 'no-lead');
    assert.deepEqual(ws.projects!.map((p) => p.standing), ['no-lead', 'answered']);
    assert.deepEqual(ws.reasons.map((r) => [r.reason, r.project?.key]), [['escalation-point', 'named']]);
    assert.deepEqual(summaryOf(sp, ASAT).projects, { red: 0, amber: 1, green: 0, notReported: 1, notYetDue: 0, overdue: 0, noLead: 1, total: 2 });
  });

  it('the cycle plans no reminder and no managers\' notice for a priority nobody is asked about', () => {
    const settings = { timeZone: 'Europe/London', sendTime: '09:30', nudgeWorkingDaysBeforeDue: [3], managersAfterWorkingDaysOverdue: 5, digest: { weekday: 1, time: '09:00' }, periodPolicy: { dueAfterDays: 14 } };
    const plan = planCycle([strategy], [led, deputyOnly, nobody], settings, WEEKDAYS_ONLY, '2026-10-01', '2026-10-31');
    const about = new Set(plan.filter((m) => m.priorityKey).map((m) => m.priorityKey));
    assert.deepEqual([...about].sort(), ['1', '2']);
    assert.ok(plan.some((m) => m.kind === 'managers-overdue' && m.priorityKey === '1'));
  });
});
