import { strict as assert } from 'node:assert';
import { setAway } from '../../src/app/cover';
import { editCheckIn, startCheckIn, submitCheckIn } from '../../src/app/check-in';
import { runDue } from '../../src/app/reporting-cycle';
import { DomainError } from '../../src/domain/errors';
import { NotifierError } from '../../src/domain/ports';
import { aKpi, aPerson, aPriority, aStrategy } from '../domain/builders';
import { inMemoryApp } from './in-memory-app';

/**
 * Use cases on in-memory ports with a fake clock: what the bot decides, without HTTP or storage.
 * Board-local dates: 1 Oct 2026 opens 2026-Q3 (due 15 Oct); 25 Nov is in its overdue stretch.
 */
const lead = aPerson('lead').named('Lena Lead').build();
const deputy = aPerson('dep').named('Dev Deputy').build();
const cover = aPerson('cover').named('Cora Cover').build();
const manager = aPerson('boss').named('Bea Boss').manager().build();
const who = (p: { aadObjectId?: string }) => ({ aadObjectId: p.aadObjectId! });
const world = () => ({
  strategies: [aStrategy().build()],
  priorities: [aPriority('1').ledBy('lead').deputisedBy('dep').build(), aPriority('2').ledBy('lead').build()],
  people: [lead, deputy, cover, manager],
});
const answer = (over: Record<string, unknown> = {}) => ({ rag: 'amber', update: 'Clinics reopened in two wards.', ...over });

describe('use cases on in-memory ports', () => {
  describe('check-in', () => {
    it('a lead with two priorities is asked to pick; naming one opens its current period', async () => {
      const { deps } = await inMemoryApp({ now: '2026-10-05T09:00:00Z', ...world() });
      const pick = await startCheckIn(deps, who(lead));
      assert.equal(pick.kind, 'pick');
      const one = await startCheckIn(deps, who(lead), '1');
      assert.ok(one.kind === 'card');
      assert.equal(one.view.period.label, '2026-Q3');
      assert.equal(one.view.baseVersion, 0);
    });

    it('submit stores version 1 and a retry of the same submission gets the same receipt', async () => {
      const { deps, stores } = await inMemoryApp({ now: '2026-10-05T09:00:00Z', ...world() });
      const submit = { unit: 's/1', period: '2026-Q3', baseVersion: 0, submissionId: 'sub-aaaaaaaa', inputs: answer() };
      const first = await submitCheckIn(deps, who(lead), submit);
      const again = await submitCheckIn(deps, who(lead), submit);
      assert.ok(first.kind === 'receipt' && again.kind === 'receipt');
      assert.equal(first.view.checkIn.version, 1);
      assert.equal(again.view.duplicate, true);
      assert.deepEqual(again.view.checkIn, first.view.checkIn);
      assert.equal((await stores.checkIns.versions('s', '1', '2026-Q3')).length, 1);
    });

    it('a submit whose submission id is missing or altered is refused, and nothing is saved', async () => {
      const { deps, stores } = await inMemoryApp({ now: '2026-10-05T09:00:00Z', ...world() });
      for (const submissionId of [undefined, '', 'short', 'sub-aaaa aaaa', 'x'.repeat(65), 42]) {
        const submit = { unit: 's/1', period: '2026-Q3', baseVersion: 0, submissionId: submissionId as string, inputs: answer() };
        await assert.rejects(submitCheckIn(deps, who(lead), submit), (e: DomainError) => e.code === 'MALFORMED_SUBMISSION', String(submissionId));
      }
      assert.deepEqual(await stores.checkIns.versions('s', '1', '2026-Q3'), []);
      // The edge of what is kept: 8 and 64 characters.
      const first = await submitCheckIn(deps, who(lead), { unit: 's/1', period: '2026-Q3', baseVersion: 0, submissionId: 'a'.repeat(8), inputs: answer() });
      assert.ok(first.kind === 'receipt');
      assert.equal(first.view.checkIn.submissionId, 'aaaaaaaa');
    });

    it('an editor working from an old version is shown who changed it, with nothing saved', async () => {
      const { deps, stores } = await inMemoryApp({ now: '2026-10-05T09:00:00Z', ...world() });
      await submitCheckIn(deps, who(lead), { unit: 's/1', period: '2026-Q3', baseVersion: 0, submissionId: 'sub-aaaaaaaa', inputs: answer() });
      await submitCheckIn(deps, who(deputy), { unit: 's/1', period: '2026-Q3', baseVersion: 1, submissionId: 'sub-bbbbbbbb', inputs: answer({ rag: 'green' }) });
      const stale = await submitCheckIn(deps, who(lead), { unit: 's/1', period: '2026-Q3', baseVersion: 1, submissionId: 'sub-cccccccc', inputs: answer({ rag: 'red' }) });
      assert.ok(stale.kind === 'stale');
      assert.equal(stale.view.changedBy?.name, 'Dev Deputy');
      assert.equal(stale.view.values.rag, 'green', 'the form now shows the latest answer');
      assert.equal((await stores.checkIns.versions('s', '1', '2026-Q3')).length, 2);
    });

    it('the deputy answers on behalf of the lead; someone else is refused and nothing is stored', async () => {
      const { deps, stores } = await inMemoryApp({ now: '2026-10-05T09:00:00Z', ...world() });
      const r = await submitCheckIn(deps, who(deputy), { unit: 's/1', period: '2026-Q3', baseVersion: 0, submissionId: 'sub-aaaaaaaa', inputs: answer() });
      assert.ok(r.kind === 'receipt');
      assert.equal(r.view.checkIn.onBehalfOfName, 'Lena Lead');
      await assert.rejects(submitCheckIn(deps, who(cover), { unit: 's/2', period: '2026-Q3', baseVersion: 0, submissionId: 'sub-bbbbbbbb', inputs: answer() }), (e: DomainError) => e.code === 'NOT_LEAD_FOR_PRIORITY');
      assert.equal(await stores.checkIns.get('s', '2', '2026-Q3'), undefined);
    });

    it('the period comes from the server: another label, even one that is open for another frequency, is refused', async () => {
      const { deps, stores } = await inMemoryApp({ now: '2026-11-25T09:00:00Z', ...world() });
      for (const forged of ['2026-10', '2026-H1', '2025', 'nonsense']) {
        await assert.rejects(submitCheckIn(deps, who(lead), { unit: 's/1', period: forged, baseVersion: 0, submissionId: 'sub-aaaaaaaa', inputs: answer() }), (e: DomainError) => e.code === 'PERIOD_MISMATCH' && e.details.current === '2026-Q3', forged);
      }
      await assert.rejects(submitCheckIn(deps, who(lead), { unit: 's/1', period: '2026-Q2', baseVersion: 0, submissionId: 'sub-aaaaaaaa', inputs: answer() }), (e: DomainError) => e.code === 'PERIOD_CLOSED');
      await assert.rejects(editCheckIn(deps, who(lead), 's/1', '2026-10'), (e: DomainError) => e.code === 'PERIOD_MISMATCH');
      assert.deepEqual(await stores.checkIns.listForPriority('s', '1'), []);
    });

    it('a card that edits a version never stored is out of date (STALE_ANSWER), not a fault', async () => {
      const { deps } = await inMemoryApp({ now: '2026-10-05T09:00:00Z', ...world() });
      await assert.rejects(submitCheckIn(deps, who(lead), { unit: 's/1', period: '2026-Q3', baseVersion: 4, submissionId: 'sub-aaaaaaaa', inputs: answer() }), (e: DomainError) => e.code === 'STALE_ANSWER');
    });

    it('readings typed on the card drive the suggestion shown with the field message (MMR2 66 against a 69 baseline)', async () => {
      const mmr = aKpi().baseline(69, '2023/24').target(95, '2027/28').build();
      const priorities = [aPriority('W1').ledBy('lead').withKpi({ ...mmr, key: 'mmr2', name: 'MMR2 uptake at 5' }).build()];
      const { deps, stores } = await inMemoryApp({ now: '2026-10-05T09:00:00Z', ...world(), priorities });
      const r = await submitCheckIn(deps, who(lead), { unit: 's/W1', period: '2026-Q3', baseVersion: 0, submissionId: 'sub-aaaaaaaa', inputs: answer({ rag: 'green', kpi_mmr2: '66' }) });
      assert.ok(r.kind === 'invalid');
      assert.equal(r.view.suggestion?.rag, 'red', 'suggested from the typed 66, not from stored readings');
      assert.match(r.view.errors.ragReason ?? '', /KPIs suggest Red/);
      assert.equal(await stores.checkIns.get('s', 'W1', '2026-Q3'), undefined);
      const withReason = await submitCheckIn(deps, who(lead), { unit: 's/W1', period: '2026-Q3', baseVersion: 0, submissionId: 'sub-aaaaaaaa', inputs: answer({ rag: 'green', kpi_mmr2: '66', ragReason: 'Catch-up clinics start next month.' }) });
      assert.equal(withReason.kind, 'receipt');
    });
  });

  describe('reporting cycle', () => {
    it('opening day: each installed lead gets one reminder per priority with its form; the rest are undeliverable, never twice', async () => {
      const { cycle, notifier, install, stores } = await inMemoryApp({ now: '2026-10-01T08:30:00Z', ...world() });
      await install('lead');
      const first = await runDue(cycle, new Date('2026-10-01T08:31:00Z'));
      assert.equal(first.sent, 2);
      assert.equal(first.undeliverable, 1, "Monday's digest, caught up: no board channel is registered");
      assert.deepEqual(notifier.sent.map((s) => [s.to, s.notice.kind]), [['chat-lead', 'reminder'], ['chat-lead', 'reminder']]);
      const n = notifier.sent[0]!.notice;
      assert.ok(n.kind === 'reminder');
      assert.equal(n.form.period.label, '2026-Q3');
      assert.equal(n.form.answeringAs, 'Lena Lead');
      const again = await runDue(cycle, new Date('2026-10-01T08:45:00Z'));
      assert.equal(again.sent, 0);
      assert.equal(again.alreadyDone, first.due);
      assert.equal((await stores.outbox.list('2026-10-01', '2026-10-01')).filter((e) => e.status === 'sent').length, 2);
    });

    it('cover: while the lead is away the named cover gets the reminder, saying whom they cover for', async () => {
      const { deps, cycle, notifier, install } = await inMemoryApp({ now: '2026-09-30T10:00:00Z', ...world() });
      await install('cover');
      await install('lead');
      await setAway(deps, who(lead), '2026-10-20', { name: 'Cora Cover' });
      await runDue(cycle, new Date('2026-10-01T08:31:00Z'));
      assert.deepEqual([...new Set(notifier.sent.map((s) => s.to))], ['chat-cover']);
      const n = notifier.sent[0]!.notice;
      assert.ok(n.kind === 'reminder');
      assert.equal(n.forLead, 'Lena Lead');
      assert.equal(n.form.onBehalfOf, 'Lena Lead');
    });

    it('cover without a name: the priority\'s own deputy gets it; with no deputy, the lead still does', async () => {
      const { deps, cycle, notifier, install } = await inMemoryApp({ now: '2026-09-30T10:00:00Z', ...world() });
      for (const p of ['lead', 'dep']) await install(p);
      await setAway(deps, who(lead), '2026-10-20', {});
      await runDue(cycle, new Date('2026-10-01T08:31:00Z'));
      const byPriority = new Map(notifier.sent.map((s) => [s.notice.kind === 'reminder' ? s.notice.priority.key : '', s.to]));
      assert.equal(byPriority.get('1'), 'chat-dep');
      assert.equal(byPriority.get('2'), 'chat-lead');
    });

    it('a failed send is given back and sent on a later tick; a final refusal is not retried', async () => {
      const { cycle, notifier, install, stores } = await inMemoryApp({ now: '2026-10-01T08:30:00Z', ...world(), priorities: [aPriority('1').ledBy('lead').build()] });
      await install('lead');
      notifier.failFor.set('chat-lead', new NotifierError('503: busy', true, 503));
      const first = await runDue(cycle, new Date('2026-10-01T08:31:00Z'));
      assert.equal(first.failed, 1);
      assert.equal((await stores.outbox.list('2026-10-01', '2026-10-01'))[0]?.status, 'pending');
      notifier.failFor.clear();
      const second = await runDue(cycle, new Date('2026-10-01T08:32:00Z'));
      assert.equal(second.sent, 1);
      notifier.failFor.set('chat-lead', new NotifierError('403: removed the app', false, 403));
      const nudge = await runDue(cycle, new Date('2026-10-12T08:31:00Z'));
      assert.equal(nudge.failed, 1);
      const later = await runDue(cycle, new Date('2026-10-12T08:40:00Z'));
      assert.equal(later.failed, 0, 'a final refusal is not tried again');
    });

    it('a send that outlives its lease: another instance takes over and sends; the late failure is not given back, so no third send', async () => {
      const { cycle, notifier, install, stores, clock } = await inMemoryApp({ now: '2026-10-01T08:31:00Z', ...world(), priorities: [aPriority('1').ledBy('lead').build()] });
      await install('lead');
      const other = { ...cycle, instanceId: 'other' };
      let tookOver: Awaited<ReturnType<typeof runDue>> | undefined;
      // This instance's send hangs past the lease; meanwhile the other instance's tick takes the reminder over.
      const slow = { ...cycle, notifier: { send: async () => {
        clock.set('2026-10-01T08:32:30Z');
        tookOver = await runDue(other, clock.now());
        throw new NotifierError('504: gateway timeout', true, 504);
      } } };
      const first = await runDue(slow, new Date('2026-10-01T08:31:00Z'));
      assert.equal(tookOver?.sent, 1, 'the other instance sent it once');
      assert.equal(first.lostClaims, 1, 'the late release was refused and counted');
      const [entry] = (await stores.outbox.list('2026-10-01', '2026-10-01')).filter((e) => e.kind === 'reminder');
      assert.deepEqual([entry?.status, entry?.owner], ['sent', 'other']);
      clock.set('2026-10-01T08:33:00Z');
      const third = await runDue(cycle, clock.now());
      assert.equal(third.sent, 0);
      assert.equal(notifier.sent.filter((s) => s.notice.kind === 'reminder').length, 1, 'two attempts in all, one delivered');
    });

    it('after a final refusal in Teams (the app removed), the lead\'s next message goes by email', async () => {
      const withEmail = { ...lead, email: 'lena@example.org' };
      const { cycle, notifier, install, stores } = await inMemoryApp({ now: '2026-10-01T08:30:00Z', ...world(), people: [withEmail, manager], priorities: [aPriority('1').ledBy('lead').build()] });
      const mails: { to: string; kind: string }[] = [];
      cycle.email = { send: async (to, notice) => void mails.push({ to: to.email, kind: notice.kind }) };
      await install('lead');
      notifier.failFor.set('chat-lead', new NotifierError('403: removed the app', false, 403));
      const first = await runDue(cycle, new Date('2026-10-01T08:31:00Z'));
      assert.equal(first.failed, 1);
      assert.deepEqual(mails, []);
      const nudge = await runDue(cycle, new Date('2026-10-12T08:31:00Z'));
      assert.equal(nudge.sent, 1);
      assert.deepEqual(mails, [{ to: 'lena@example.org', kind: 'nudge' }]);
      // A chat stored after the failure (the lead installed the app again) is the route again.
      notifier.failFor.clear();
      await stores.conversations.put({ key: 'user:lead', personId: 'lead', reference: { conversation: { id: 'chat-lead' } }, updatedAt: '2026-10-13T12:00:00Z' });
      await runDue(cycle, new Date('2026-10-15T08:31:00Z'));
      assert.equal(mails.length, 1);
      assert.equal(notifier.sent.filter((s) => s.to === 'chat-lead').length, 1);
    });

    it('managers are told by name once a check-in is overdue, and whose cover applies', async () => {
      const { deps, cycle, notifier, install } = await inMemoryApp({ now: '2026-10-20T10:00:00Z', ...world(), priorities: [aPriority('1').ledBy('lead').build()] });
      await install('boss');
      await setAway(deps, who(lead), '2026-12-01', {});
      await runDue(cycle, new Date('2026-10-23T08:31:00Z'));
      const told = notifier.sent.filter((s) => s.notice.kind === 'managers-overdue');
      assert.equal(told.length, 1);
      const n = told[0]!.notice;
      assert.ok(n.kind === 'managers-overdue');
      assert.deepEqual(n.leadNames, ['Lena Lead']);
      assert.deepEqual(n.away, { name: 'Lena Lead', until: '2026-12-01' });
      assert.equal(n.daysOverdue, 8);
    });
  });
});
