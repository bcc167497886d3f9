import type { OutboxClaim, OutboxClaimAnswer, OutboxEntry, OutboxLedger, OutboxMessageRef } from '../domain/ports';

/** Planned dates remembered; the cycle looks back 7 days, chases are dated today. */
const KEEP_DATES = 31;

/**
 * An outbox that remembers, in this process, which entries are final. Every tick plans again
 * everything due over the last days, and each planned message is claimed: without this, a
 * message sent on the first tick cost two storage requests (a refused create, then a read) on
 * every later tick, 20,000 a minute for 10,000 leads. Final never changes (a final entry answers
 * `done` to every claim, and a lost claim writes nothing), so what is remembered stays true
 * whatever another instance does. A date's final keys are read in one query the first time the
 * date is claimed; after that, a claim of a remembered entry is `done` without a request, and
 * only the rest (new, pending, or another instance's claim) go to storage.
 */
export class RememberedOutbox implements OutboxLedger {
  private readonly finalByDate = new Map<string, Promise<Set<string>>>();

  constructor(private readonly inner: OutboxLedger) {}

  private final(localDate: string): Promise<Set<string>> {
    let known = this.finalByDate.get(localDate);
    if (!known) {
      known = this.inner.finalKeys(localDate).then((keys) => new Set(keys));
      // A failed read is not remembered: the next claim reads again.
      known.catch(() => this.finalByDate.delete(localDate));
      this.finalByDate.set(localDate, known);
      if (this.finalByDate.size > KEEP_DATES) this.finalByDate.delete([...this.finalByDate.keys()].sort()[0]!);
    }
    return known;
  }

  async claim(message: OutboxMessageRef, owner: string, now: Date, leaseMs: number): Promise<OutboxClaimAnswer> {
    const final = await this.final(message.localDate);
    if (final.has(message.key)) return 'done';
    const answer = await this.inner.claim(message, owner, now, leaseMs);
    if (answer === 'done') final.add(message.key);
    return answer;
  }

  async complete(claim: OutboxClaim, outcome: { status: 'sent' | 'skipped' | 'undeliverable' | 'failed'; recipientId?: string; note?: string }, now: Date): Promise<boolean> {
    const written = await this.inner.complete(claim, outcome, now);
    if (written) (await this.final(claim.message.localDate)).add(claim.message.key);
    return written;
  }

  plan(message: OutboxMessageRef, recipientId: string, now: Date): Promise<boolean> {
    return this.inner.plan(message, recipientId, now);
  }

  planned(): Promise<OutboxEntry[]> {
    return this.inner.planned();
  }

  /** Cancelled is not remembered as final: a later change may reopen it. */
  cancel(message: OutboxMessageRef, note: string, now: Date, leaseMs: number): Promise<boolean> {
    return this.inner.cancel(message, note, now, leaseMs);
  }

  reopen(message: OutboxMessageRef): Promise<boolean> {
    return this.inner.reopen(message);
  }

  release(claim: OutboxClaim, note: string): Promise<boolean> {
    return this.inner.release(claim, note);
  }

  finalKeys(localDate: string): Promise<string[]> {
    return this.inner.finalKeys(localDate);
  }

  list(fromDate: string, toDate: string): Promise<OutboxEntry[]> {
    return this.inner.list(fromDate, toDate);
  }
}
