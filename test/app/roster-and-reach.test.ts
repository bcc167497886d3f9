import { strict as assert } from 'node:assert';
import { reachRows } from '../../src/app/reach';
import { planRosterChats, RETRY_REFUSED_AFTER_MS, type RosterMember } from '../../src/app/roster';
import { runDue } from '../../src/app/reporting-cycle';
import { NotifierError, type ConversationRecord, type ReachRecord } from '../../src/domain/ports';
import { aPerson, aPriority, aStrategy } from '../domain/builders';
import { inMemoryApp } from './in-memory-app';

/** Who needs a chat opened from a roster, and what `reach` says, decided from data alone. */
const now = new Date('2026-10-05T09:00:00Z');
const ana = aPerson('ana').build();
const ben = { ...aPerson('ben').build(), aadObjectId: undefined, email: 'ben@example.org' };
const cy = { ...aPerson('cy').build(), aadObjectId: undefined, email: 'cy@example.nhs.uk' };
const dee = aPerson('dee').build();
const people = [ana, ben, cy, dee];
const members: RosterMember[] = [
  { id: '29:ana', aadObjectId: 'AAD-ANA' },
  { id: '29:ben', aadObjectId: 'x-ben', email: 'BEN@example.org' },
  { id: '29:cy', aadObjectId: 'x-cy', userPrincipalName: 'Cy@Example.NHS.uk' },
  { id: '29:stranger', aadObjectId: 'x-stranger', email: 'who@example.org' },
];
const plan = (conversations: ConversationRecord[] = [], reach: ReachRecord[] = []) => planRosterChats({ teamId: 'T', members, people, conversations, reach, now });

describe('roster: who needs a chat opened', () => {
  it('people the board knows, matched by object id, email or UPN (any case); nobody else', () => {
    const p = plan();
    assert.deepEqual(p.open.map((o) => [o.person.id, o.member.id, o.key]), [
      ['ana', '29:ana', 'user:AAD-ANA'],
      ['ben', '29:ben', 'user:x-ben'],
      ['cy', '29:cy', 'user:x-cy'],
    ]);
    assert.deepEqual(p.reach.map((r) => [r.personId, r.teams, r.memberId]), [['ana', ['T'], '29:ana'], ['ben', ['T'], '29:ben'], ['cy', ['T'], '29:cy']]);
  });

  it('a stored personal chat (installed, or opened before) means no new one', () => {
    const p = plan([{ key: 'user:other-key', personId: 'ana', reference: {}, updatedAt: now.toISOString() }, { key: 'user:x-ben', reference: {}, updatedAt: now.toISOString() }]);
    assert.deepEqual(p.open.map((o) => o.person.id), ['cy']);
  });

  it('a refusal waits a week before it is tried again; someone who left the team loses it from their teams', () => {
    const refused = (ms: number): ReachRecord => ({ personId: 'cy', teams: ['T'], lastFailure: { at: new Date(now.getTime() - ms).toISOString(), note: '403: not in tenant' }, updatedAt: '' });
    assert.deepEqual(plan([], [refused(60_000)]).open.map((o) => o.person.id), ['ana', 'ben']);
    assert.deepEqual(plan([], [refused(RETRY_REFUSED_AFTER_MS)]).open.map((o) => o.person.id), ['ana', 'ben', 'cy']);
    const left = planRosterChats({ teamId: 'T', members: [], people, conversations: [], reach: [{ personId: 'dee', teams: ['T', 'U'], memberId: '29:dee', updatedAt: '' }], now });
    assert.deepEqual(left.reach.map((r) => [r.personId, r.teams]), [['dee', ['U']]]);
    assert.deepEqual(left.open, []);
  });
});

describe('reach rows from stored data', () => {
  it('a reminder refused for good is recorded, and reach says so until a newer chat is stored', async () => {
    const lead = { ...aPerson('lead').named('Lena Lead').build(), organisation: 'County Council' };
    const boss = aPerson('boss').named('Bea Boss').manager().build();
    const { cycle, deps, notifier, install, clock } = await inMemoryApp({ now: '2026-10-01T08:31:00Z', strategies: [aStrategy().build()], priorities: [aPriority('1').ledBy('lead').build()], people: [lead, boss] });
    await install('lead');
    notifier.failFor.set('chat-lead', new NotifierError('403: the user blocked the bot', false, 403));
    const report = await runDue(cycle, deps.clock.now());
    assert.equal(report.failed, 1, JSON.stringify(report));
    const rows = await reachRows(deps, false);
    assert.deepEqual(rows.map((r) => [r.name, r.organisation ?? '', r.roles.join('; '), r.routeText]), [
      ['Bea Boss', '', 'board manager, Test', 'not reachable: not in the board team; Graph not configured; no email address'],
      ['Lena Lead', 'County Council', 'lead 1. We will improve 1', 'not reachable: last send failed: 403: the user blocked the bot; Graph not configured; no email address'],
    ]);
    // The lead installs again later: the failure is older than the chat and no longer counts.
    clock.set('2026-10-02T09:00:00Z');
    await deps.conversations.put({ key: 'user:lead', personId: 'lead', reference: {}, updatedAt: deps.clock.now().toISOString(), origin: 'installed' });
    assert.equal((await reachRows(deps, false)).find((r) => r.personId === 'lead')?.routeText, 'Teams chat (installed the app)');
  });
});
