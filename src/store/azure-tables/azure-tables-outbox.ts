import { odata } from '@azure/data-tables';
import type { OutboxClaim, OutboxEntry, OutboxLedger, OutboxMessageRef, OutboxStatus } from '../../domain/ports';
import { AzureTables, getOrUndefined, keyPart, listAll, statusOf } from './tables';

/**
 * outbox: PK = planned local date, RK = message key (what|whom|period|slot).
 * A claim is `createEntity` (409 = someone has it); taking over a dead owner's claim or a
 * released one is an update with the ETag read (412 = someone else took it first).
 * The ETag after the claim is the claim's token: `complete` and `release` are updates on it,
 * so once another owner has taken the message over they answer 412 and write nothing.
 */
type Row = Omit<OutboxEntry, 'localDate'> & { partitionKey: string; rowKey: string };

const FINAL: readonly OutboxStatus[] = ['sent', 'skipped', 'undeliverable', 'failed'];

export class AzureTablesOutbox implements OutboxLedger {
  constructor(private readonly tables: AzureTables) {}

  private get client() {
    return this.tables.client('outbox');
  }

  async claim(m: OutboxMessageRef, owner: string, now: Date, leaseMs: number): Promise<OutboxClaim | 'done' | 'busy'> {
    const pk = keyPart(m.localDate);
    const rk = keyPart(m.key);
    try {
      const created = await this.client.createEntity({ partitionKey: pk, rowKey: rk, key: m.key, kind: m.kind, status: 'claimed', owner, claimedAt: now.toISOString(), attempts: 1 });
      return { message: m, owner, token: tokenOf(created.etag) };
    } catch (e) {
      if (statusOf(e) !== 409) throw e;
    }
    const row = await getOrUndefined<Row>(this.client, pk, rk);
    if (!row) return 'busy';
    if (FINAL.includes(row.status)) return 'done';
    const expired = row.status === 'pending' || Date.parse(row.claimedAt) + leaseMs <= now.getTime();
    if (!expired) return 'busy';
    try {
      const updated = await this.client.updateEntity({ partitionKey: pk, rowKey: rk, status: 'claimed', owner, claimedAt: now.toISOString(), attempts: Number(row.attempts) + 1 }, 'Merge', { etag: row.etag });
      return { message: m, owner, token: tokenOf(updated.etag) };
    } catch (e) {
      if (statusOf(e) === 412) return 'busy';
      throw e;
    }
  }

  async complete(claim: OutboxClaim, outcome: { status: 'sent' | 'skipped' | 'undeliverable' | 'failed'; recipientId?: string; note?: string }, now: Date): Promise<boolean> {
    const m = claim.message;
    const entity: Record<string, unknown> = { partitionKey: keyPart(m.localDate), rowKey: keyPart(m.key), status: outcome.status, sentAt: now.toISOString() };
    if (outcome.recipientId) entity.recipientId = outcome.recipientId;
    if (outcome.note) entity.note = outcome.note.slice(0, 2000);
    return this.updateIfHeld(claim, { ...entity, partitionKey: keyPart(m.localDate), rowKey: keyPart(m.key) });
  }

  async release(claim: OutboxClaim, note: string): Promise<boolean> {
    const m = claim.message;
    return this.updateIfHeld(claim, { partitionKey: keyPart(m.localDate), rowKey: keyPart(m.key), status: 'pending', note: note.slice(0, 2000) });
  }

  /** Merges on the claim's ETag: 412 (another claim since) or 404 (row gone) means the claim was lost. */
  private async updateIfHeld(claim: OutboxClaim, entity: { partitionKey: string; rowKey: string; [property: string]: unknown }): Promise<boolean> {
    try {
      await this.client.updateEntity(entity, 'Merge', { etag: claim.token });
      return true;
    } catch (e) {
      const status = statusOf(e);
      if (status === 412 || status === 404) return false;
      throw e;
    }
  }

  async list(fromDate: string, toDate: string): Promise<OutboxEntry[]> {
    const rows = await listAll<Row>(this.client, odata`PartitionKey ge ${keyPart(fromDate)} and PartitionKey le ${keyPart(toDate)}`);
    return rows.map((r) => {
      const e: OutboxEntry = { key: r.key, localDate: decodeURIComponent(r.partitionKey), kind: r.kind, status: r.status, owner: r.owner, claimedAt: r.claimedAt, attempts: Number(r.attempts) };
      if (r.recipientId) e.recipientId = r.recipientId;
      if (r.sentAt) e.sentAt = r.sentAt;
      if (r.note) e.note = r.note;
      return e;
    });
  }
}

/** Azure always answers a write with an ETag; without one the claim could not be checked later. */
function tokenOf(etag: string | undefined): string {
  if (!etag) throw new Error('outbox: storage answered a claim without an ETag');
  return etag;
}
