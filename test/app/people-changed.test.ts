import { strict as assert } from 'node:assert';
import { planPeopleChange, sendPlanned, type PeopleChangeMade } from '../../src/app/people-changed';
import { runDue } from '../../src/app/reporting-cycle';
import { aPerson, aPriority, aStrategy } from '../domain/builders';
import { inMemoryApp } from './in-memory-app';

/**
 * A change to a board's people, once saved, sets going the welcome and the open period's card
 * through the outbox (people-changed.ts). 2026-Q3 opened on Thursday 1 Oct 2026, 09:30 London;
 * priority 3 had no lead then, so nobody was asked. On Monday 5 Oct Kay is made its lead.
 */
const NOW = '2026-10-05T09:00:00Z';
const kay = aPerson('kay').named('Kay Darby').build();
const manager = aPerson('mo').named('Mo Manager').manager().build();

async function kayMadeLead() {
  const before = aPriority('3').ledBy().build();
  const app = await inMemoryApp({ now: NOW, strategies: [aStrategy().build()], priorities: [{ ...before, leads: ['kay'] }], people: [kay, manager] });
  await app.install('kay');
  const made: PeopleChangeMade = { unitRef: 's/3', role: 'lead', op: 'set', personId: 'kay', before, change: { boardKey: 'test', at: new Date(NOW), by: 'mo', subject: 'lead of s/3', before: 'No lead', after: 'Kay Darby' } };
  return { ...app, made };
}

describe('a change to a board\'s people takes effect through the outbox', () => {
  it('planned before anything is sent; a crash before sending: the next tick sends the welcome, then the card, once', async () => {
    const { cycle, notifier, made, stores } = await kayMadeLead();
    const effects = await planPeopleChange(cycle, made);
    assert.deepEqual(effects.planned, ['welcome|kay|lead of s/3|2026-10-05T09:00:00.000Z|mo', 'reminder|s/3|2026-Q3|open|kay']);
    assert.equal(notifier.sent.length, 0, 'nothing sent yet');
    assert.deepEqual((await stores.outbox.planned()).map((e) => `${e.localDate} ${e.status}`), ['2026-10-05 planned', '2026-10-01 planned']);
    await runDue(cycle, new Date('2026-10-05T09:01:00Z'));
    assert.deepEqual(notifier.sent.map((s) => [s.to, s.notice.kind]), [['chat-kay', 'welcome'], ['chat-kay', 'reminder']]);
    const welcome = notifier.sent[0]!.notice;
    assert.ok(welcome.kind === 'welcome');
    assert.deepEqual(welcome.assigned, { by: 'Mo Manager', what: 'the lead of 3. We will improve 3', board: 'Test Health and Wellbeing Board' });
    assert.deepEqual(welcome.leads.map((p) => p.key), ['3']);
    await runDue(cycle, new Date('2026-10-05T09:02:00Z'));
    await sendPlanned(cycle);
    assert.equal(notifier.sent.length, 2);
  });

  it('a retried change plans nothing new, and the card the cycle sent already is not planned again', async () => {
    const { cycle, made, notifier } = await kayMadeLead();
    assert.equal((await planPeopleChange(cycle, made)).planned.length, 2);
    assert.deepEqual((await planPeopleChange(cycle, made)).planned, []);
    await sendPlanned(cycle);
    const later = { ...made, change: { ...made.change, at: new Date('2026-10-05T10:00:00Z') } };
    assert.deepEqual((await planPeopleChange(cycle, later)).planned, ['welcome|kay|lead of s/3|2026-10-05T10:00:00.000Z|mo'], 'a second change is welcomed again; the card stays sent');
    assert.equal(notifier.sent.length, 2);
  });

  it('a card answered before it goes is cancelled, not sent; the welcome still goes', async () => {
    const { cycle, made, notifier, stores } = await kayMadeLead();
    await planPeopleChange(cycle, made);
    await stores.checkIns.save({ strategyKey: 's', priorityKey: '3', period: '2026-Q3', rag: 'green', update: 'On track.', plusGroups: {}, kpiReadings: {}, submittedBy: 'kay', submittedByName: 'Kay Darby', submittedAt: NOW, submissionId: 'sub-aaaaaaaa' }, 0);
    const report = await sendPlanned(cycle);
    assert.deepEqual([report.sent, report.skipped], [1, 1]);
    assert.deepEqual(notifier.sent.map((s) => s.notice.kind), ['welcome']);
    const card = (await stores.outbox.list('2026-10-01', '2026-10-01')).find((e) => e.key === 'reminder|s/3|2026-Q3|open|kay');
    assert.deepEqual([card?.status, card?.note], ['cancelled', 'no longer due: answered, closed, or its lead changed']);
  });

  it('a project lead: the welcome names the project, and the card is the workstream\'s projects step the cycle keys per lead', async () => {
    const before = aPriority('W').withProject('p1', 'Falls clinics').build();
    const after = { ...before, projects: before.projects!.map((x) => ({ ...x, leads: ['kay'] })) };
    const { cycle, notifier, install } = await inMemoryApp({ now: NOW, strategies: [aStrategy().build()], priorities: [after], people: [kay, manager] });
    await install('kay');
    const made: PeopleChangeMade = { unitRef: 's/W~p1', role: 'lead', op: 'set', personId: 'kay', before, change: { boardKey: 'test', at: new Date(NOW), by: 'mo', subject: 'lead of s/W~p1', before: 'No lead', after: 'Kay Darby' } };
    assert.deepEqual((await planPeopleChange(cycle, made)).planned, ['welcome|kay|lead of s/W~p1|2026-10-05T09:00:00.000Z|mo', 'reminder|s/W~projects|2026-Q3|open|kay']);
    await sendPlanned(cycle);
    const [welcome, card] = notifier.sent.map((x) => x.notice);
    assert.ok(welcome?.kind === 'welcome' && card?.kind === 'reminder');
    assert.equal(welcome.assigned.what, 'the lead of a project of W, "Falls clinics"');
    assert.deepEqual(card.projects?.map((x) => x.priority.title), ['Falls clinics']);
    await runDue(cycle, new Date('2026-10-05T09:01:00Z'));
    assert.equal(notifier.sent.length, 2, 'the tick finds the projects\' reminder sent');
  });

  it('the last lead removed: the deputy is asked now, and gets the open period\'s card; the lead\'s steps ahead are cancelled', async () => {
    const before = aPriority('3').ledBy('kay').deputisedBy('dee').build();
    const dee = aPerson('dee').named('Dee Deputy').build();
    const { cycle, notifier, install, stores } = await inMemoryApp({ now: NOW, strategies: [aStrategy().build()], priorities: [{ ...before, leads: [] }], people: [kay, dee, manager] });
    await install('dee');
    const made: PeopleChangeMade = { unitRef: 's/3', role: 'lead', op: 'remove', personId: 'kay', before, change: { boardKey: 'test', at: new Date(NOW), by: 'mo', subject: 'lead of s/3', before: 'Kay Darby', after: 'No lead' } };
    const effects = await planPeopleChange(cycle, made);
    assert.deepEqual(effects.planned, ['reminder|s/3|2026-Q3|open|dee']);
    assert.deepEqual(effects.cancelled.map((k) => k.split('|')[0]).sort(), ['due-today', 'nudge', 'overdue']);
    assert.ok(effects.cancelled.every((k) => k.endsWith('|kay')));
    await sendPlanned(cycle);
    assert.deepEqual(notifier.sent.map((x) => [x.to, x.notice.kind]), [['chat-dee', 'reminder']]);
    assert.equal((await stores.outbox.list('2026-10-01', '2026-10-31')).filter((e) => e.status === 'cancelled').length, 3);
  });
});
