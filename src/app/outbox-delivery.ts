import type { CycleSnapshot, NoticeToBuild, PlannedDelivery } from '../domain/delivery-plan';
import type { Notice } from '../domain/notice';
import { NotifierError } from '../domain/ports';
import type { Person } from '../domain/person';
import { priorityRef, type Priority } from '../domain/strategy';
import { checkInForm } from './check-in';
import { buildDigest } from './digest';
import type { CycleDeps, RunReport } from './cycle-deps';
import { recordFailure } from './roster';

/**
 * The reporting cycle's last step: each planned delivery through the outbox, which decides who
 * sends what, once. An entry is claimed before its notice is built (a check-in form takes a
 * submission id, a digest reads the board's picture), so nothing is built for an entry another
 * instance sends.
 */
export async function deliver(deps: CycleDeps, deliveries: readonly PlannedDelivery[], snapshot: Delivering): Promise<RunReport> {
  const report: RunReport = { ...EMPTY_REPORT, due: deliveries.length };
  const names = new Map(snapshot.people.map((p) => [p.id, p]));
  const noticeOf = (what: NoticeToBuild) => buildNotice(deps, what, snapshot, names);
  let next = 0;
  const worker = async () => {
    while (next < deliveries.length) {
      const d = deliveries[next++]!;
      const claim = await deps.outbox.claim(d.ref, deps.instanceId, deps.clock.now(), deps.leaseMs);
      if (claim === 'done') report.alreadyDone += 1;
      if (claim === 'busy') report.busy += 1;
      if (claim === 'cancelled') report.skipped += 1;
      if (typeof claim === 'string') continue;
      // Outcomes are written on this claim only; a lost one is counted, the other owner's stands.
      const settle = async (written: Promise<boolean>) => {
        if (!(await written)) report.lostClaims += 1;
      };
      if (d.via === 'none') {
        await settle(deps.outbox.complete(claim, { status: 'undeliverable', recipientId: d.recipientId, note: d.note }, deps.clock.now()));
        report.undeliverable += 1;
        continue;
      }
      try {
        // The route is recorded with the entry, so the ledger says how each lead was reached.
        if (d.via === 'email') await deps.email!.send(d.to, await noticeOf(d.notice), d.ref.key);
        else await deps.notifier.send(d.conversation.reference, await noticeOf(d.notice));
        await settle(deps.outbox.complete(claim, { status: 'sent', recipientId: d.recipientId, note: d.via === 'email' ? `via email (${d.to.email})` : 'via Teams' }, deps.clock.now()));
        report.sent += 1;
      } catch (e) {
        // One retry layer: the Connector client's own (within a send). A send that still fails is
        // given back to the outbox and tried again on a later tick, not in a loop here.
        const retryable = !(e instanceof NotifierError) || e.retryable;
        if (retryable) await settle(deps.outbox.release(claim, (e as Error).message));
        else {
          await settle(deps.outbox.complete(claim, { status: 'failed', recipientId: d.recipientId, note: (e as Error).message }, deps.clock.now()));
          // `reach` says why this person cannot be reached, until a newer chat is stored.
          if (d.isPerson) await recordFailure(deps.reach, d.recipientId, (e as Error).message, deps.clock.now());
        }
        report.failed += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, deps.concurrency) }, worker));
  return report;
}

/** What building the notices reads: the people (names), the answers (the form's history) and today's covers. */
export type Delivering = Pick<CycleSnapshot, 'people' | 'answers' | 'covers'>;

export const EMPTY_REPORT: Readonly<RunReport> = { due: 0, sent: 0, skipped: 0, alreadyDone: 0, busy: 0, undeliverable: 0, failed: 0, lostClaims: 0 };

/** Two runs' counts together. */
export function addReports(a: Readonly<RunReport>, b: Readonly<RunReport>): RunReport {
  const out = { ...a };
  for (const k of Object.keys(out) as (keyof RunReport)[]) out[k] += b[k];
  return out;
}

async function buildNotice(deps: CycleDeps, what: NoticeToBuild, snapshot: Delivering, names: ReadonlyMap<string, Person>): Promise<Notice> {
  switch (what.kind) {
    case 'ready':
      return what.notice;
    case 'digest':
      return { kind: 'digest', digest: await buildDigest(deps, what.board) };
    case 'check-in': {
      const { noticeKind: kind, to, strategy, priority, period, projects, forLead, workstreamProjects } = what;
      const formOf = (p: Priority) => checkInForm({ strategy, priority: p, period, person: to, history: snapshot.answers.get(priorityRef(p)) ?? [], covers: snapshot.covers, names, submissionId: deps.newId() });
      const also = forLead ? { forLead } : {};
      if (projects.length === 0) return { kind, to, priority, period, form: formOf(priority), ...also, ...(workstreamProjects && workstreamProjects.length > 0 ? { workstreamProjects } : {}) };
      const forms = projects.map((p) => ({ priority: p, form: formOf(p) }));
      return { kind, to, priority, period, form: forms[0]!.form, projects: forms, ...also };
    }
  }
}
