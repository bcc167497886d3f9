import { strict as assert } from 'node:assert';
import { LEAD_CHAIN } from '../../src/domain/cycle';
import { planDeliveries, type PlannedDelivery } from '../../src/domain/delivery-plan';
import { aCheckIn, aCycleSnapshot, aPerson, aPriority } from '../domain/builders';

/**
 * The cycle's plan, pure: a snapshot and `now` in, deliveries out; no store, no clock.
 * Board-local dates (London, weekdays only): 2026-Q3 opens Thu 1 Oct 2026 (reminder), nudge
 * Mon 12 Oct, due Thu 15 Oct, overdue Fri 16 Oct, managers Thu 22 Oct. 08:31 UTC is 09:31 BST.
 */
const lead = aPerson('lead').named('Lena Lead').build();
const cover = aPerson('cover').named('Cora Cover').build();
const manager = aPerson('boss').named('Bea Boss').manager().build();
const withEmail = { ...lead, email: 'lena@example.org' };
const at = (date: string) => new Date(`${date}T08:31:00Z`);
const LEAD_STEPS = new Set<string>(LEAD_CHAIN);
const toLeads = (ds: PlannedDelivery[]) => ds.filter((d) => LEAD_STEPS.has(d.ref.kind));
const only = <T>(xs: readonly T[]): T => {
  assert.equal(xs.length, 1, `expected one, got ${xs.length}`);
  return xs[0]!;
};

describe('the cycle plan: who is sent what, by which route (pure)', () => {
  it('a lead with a Teams chat is sent the period\'s reminder there, with a check-in form still to build', () => {
    const snapshot = aCycleSnapshot().priority(aPriority('1').ledBy('lead').build()).person(lead, { chat: true }).at(at('2026-10-01'));
    const d = only(toLeads(planDeliveries(snapshot, at('2026-10-01'))));
    assert.equal(d.via, 'teams');
    assert.equal(d.recipientId, 'lead');
    assert.deepEqual(d.ref, { key: 'reminder|s/1|2026-Q3|open|lead', localDate: '2026-10-01', kind: 'reminder' });
    assert.ok(d.via === 'teams' && d.notice.kind === 'check-in');
    assert.equal(d.notice.noticeKind, 'reminder');
    assert.equal(d.notice.period.label, '2026-Q3');
  });

  it('after downtime a lead gets only the latest due step of the chain, not a reminder + nudge + overdue burst', () => {
    const snapshot = aCycleSnapshot().priority(aPriority('1').build()).person(lead, { chat: true }).at(at('2026-10-16'));
    assert.deepEqual(snapshot.due.filter((m) => m.priorityKey === '1').map((m) => m.kind), ['nudge', 'due-today', 'overdue'], 'three steps were missed');
    assert.equal(only(toLeads(planDeliveries(snapshot, at('2026-10-16')))).ref.kind, 'overdue');
  });

  it('an answered period asks the lead nothing and tells the managers nothing; an unanswered one tells them, by name, how long overdue', () => {
    const snapshot = aCycleSnapshot()
      .priority(aPriority('1').build())
      .priority(aPriority('2').build())
      .person(lead, { chat: true })
      .person(manager, { chat: true })
      .answered(aCheckIn().forPriority('1').forPeriod('2026-Q3').build())
      .at(at('2026-10-22'));
    const managers = planDeliveries(snapshot, at('2026-10-22')).filter((d) => d.ref.kind === 'managers-overdue');
    const d = only(managers);
    assert.equal(d.recipientId, 'boss');
    assert.ok(d.via === 'teams' && d.notice.kind === 'ready' && d.notice.notice.kind === 'managers-overdue');
    assert.equal(d.notice.notice.priority.key, '2');
    assert.deepEqual(d.notice.notice.leadNames, ['Lena Lead']);
    assert.equal(d.notice.notice.daysOverdue, 7);
  });

  it('a lead with no chat is emailed when email is set up', () => {
    const snapshot = aCycleSnapshot().priority(aPriority('1').build()).person(withEmail).withEmail().at(at('2026-10-01'));
    const d = only(toLeads(planDeliveries(snapshot, at('2026-10-01'))));
    assert.ok(d.via === 'email');
    assert.deepEqual(d.to, { name: 'Lena Lead', email: 'lena@example.org' });
  });

  it('a lead no route reaches is not sent to, and every board manager is told once why, for the person and period', () => {
    const snapshot = aCycleSnapshot().priority(aPriority('1').build()).priority(aPriority('2').build()).person(withEmail).person(manager, { chat: true }).at(at('2026-10-01'));
    const deliveries = planDeliveries(snapshot, at('2026-10-01'));
    const leads = toLeads(deliveries);
    assert.equal(leads.length, 2);
    for (const d of leads) assert.deepEqual(d.via === 'none' && d.note, 'not reachable: email is not set up on this instance');
    const told = only(deliveries.filter((d) => d.ref.kind === 'managers-unreachable'));
    assert.deepEqual(told.ref, { key: 'managers-unreachable|lead|2026-Q3|boss', localDate: '2026-10-01', kind: 'managers-unreachable' });
    assert.ok(told.via === 'teams' && told.notice.kind === 'ready' && told.notice.notice.kind === 'managers-unreachable');
    assert.deepEqual(told.notice.notice.priorities.map((p) => p.key), ['1', '2'], 'both priorities waiting on her, in one notice');
    assert.deepEqual(told.notice.notice.reasons, ['email is not set up on this instance']);
  });

  it('a chat whose last send failed for good is no route: the lead is emailed instead', () => {
    const snapshot = aCycleSnapshot().priority(aPriority('1').build()).person(withEmail, { chat: true }).sendFailed('lead', '403: user not in tenant').withEmail().at(at('2026-10-01'));
    assert.equal(only(toLeads(planDeliveries(snapshot, at('2026-10-01')))).via, 'email');
  });

  it('a lead away is covered: the reminder goes to the deputy they named, saying for whom, under the lead\'s outbox key', () => {
    const snapshot = aCycleSnapshot().priority(aPriority('1').build()).person(lead, { chat: true }).person(cover, { chat: true }).away('lead', '2026-10-31', 'cover').at(at('2026-10-01'));
    const d = only(toLeads(planDeliveries(snapshot, at('2026-10-01'))));
    assert.equal(d.recipientId, 'cover');
    assert.equal(d.ref.key, 'reminder|s/1|2026-Q3|open|lead');
    assert.ok(d.via === 'teams' && d.notice.kind === 'check-in');
    assert.equal(d.notice.forLead, 'Lena Lead');
  });

  it('a project lead is asked once per step for all her projects of a workstream; the workstream lead for its own', () => {
    const amy = aPerson('amy').named('Amy Adams').build();
    const w2 = aPriority('W2').ledBy('lead').withProject('a', 'Project A', 'amy').withProject('b', 'Project B', 'amy').withProject('c', 'Project C').build();
    const snapshot = aCycleSnapshot().priority(w2).person(lead, { chat: true }).person(amy, { chat: true }).at(at('2026-10-01'));
    const leads = toLeads(planDeliveries(snapshot, at('2026-10-01')));
    assert.deepEqual(leads.map((d) => d.ref.key).sort(), ['reminder|s/W2~projects|2026-Q3|open|amy', 'reminder|s/W2|2026-Q3|open|lead'].sort());
    const toAmy = leads.find((d) => d.recipientId === 'amy')!;
    assert.ok(toAmy.via === 'teams' && toAmy.notice.kind === 'check-in');
    assert.equal(toAmy.notice.priority.key, 'W2', 'the workstream stands for its projects');
    assert.deepEqual(toAmy.notice.projects.map((p) => p.title), ['Project A', 'Project B']);
  });

  it('someone the people list does not know is not sent to: the entry is closed with the reason', () => {
    const snapshot = aCycleSnapshot().priority(aPriority('1').ledBy('ghost').build()).at(at('2026-10-01'));
    const d = only(toLeads(planDeliveries(snapshot, at('2026-10-01'))));
    assert.deepEqual({ via: d.via, note: d.via === 'none' && d.note, isPerson: d.isPerson }, { via: 'none', note: 'recipient has not installed the bot', isPerson: false });
  });

  it("each board's last missed digest only goes to its channel; with no channel registered it is closed, saying so", () => {
    const twoMondays = new Date('2026-10-12T08:31:00Z');
    const builder = aCycleSnapshot();
    const none = planDeliveries(builder.at(twoMondays), twoMondays).filter((d) => d.ref.kind === 'digest');
    assert.deepEqual(none.map((d) => [d.ref.key, d.via === 'none' && d.note]), [['digest|test|2026-10-12|weekly', 'no board channel registered for Test Health and Wellbeing Board']]);
    const sent = only(planDeliveries(builder.channel('test').at(twoMondays), twoMondays).filter((d) => d.ref.kind === 'digest'));
    assert.ok(sent.via === 'teams' && sent.notice.kind === 'digest');
    assert.equal(sent.notice.board.key, 'test');
    assert.equal(sent.recipientId, 'board-channel:test');
  });
});
