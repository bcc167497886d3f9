import { odata } from '@azure/data-tables';
import type { OutboxEntry, OutboxLedger, OutboxMessageRef, OutboxStatus } from '../../domain/ports';
import { AzureTables, getOrUndefined, keyPart, listAll, statusOf } from './tables';

/**
 * outbox: PK = planned local date, RK = message key (what|whom|period|slot).
 * A claim is `createEntity` (409 = someone has it); taking over a dead owner's claim or a
 * released one is an update with the ETag read (412 = someone else took it first).
 */
type Row = Omit<OutboxEntry, 'localDate'> & { partitionKey: string; rowKey: string };

const FINAL: readonly OutboxStatus[] = ['sent', 'skipped', 'undeliverable', 'failed'];

export class AzureTablesOutbox implements OutboxLedger {
  constructor(private readonly tables: AzureTables) {}

  private get client() {
    return this.tables.client('outbox');
  }

  async claim(m: OutboxMessageRef, owner: string, now: Date, leaseMs: number): Promise<'claimed' | 'done' | 'busy'> {
    const pk = keyPart(m.localDate);
    const rk = keyPart(m.key);
    try {
      await this.client.createEntity({ partitionKey: pk, rowKey: rk, key: m.key, kind: m.kind, status: 'claimed', owner, claimedAt: now.toISOString(), attempts: 1 });
      return 'claimed';
    } catch (e) {
      if (statusOf(e) !== 409) throw e;
    }
    const row = await getOrUndefined<Row>(this.client, pk, rk);
    if (!row) return 'busy';
    if (FINAL.includes(row.status)) return 'done';
    const expired = row.status === 'pending' || Date.parse(row.claimedAt) + leaseMs <= now.getTime();
    if (!expired) return 'busy';
    try {
      await this.client.updateEntity({ partitionKey: pk, rowKey: rk, status: 'claimed', owner, claimedAt: now.toISOString(), attempts: Number(row.attempts) + 1 }, 'Merge', { etag: row.etag });
      return 'claimed';
    } catch (e) {
      if (statusOf(e) === 412) return 'busy';
      throw e;
    }
  }

  async complete(m: OutboxMessageRef, outcome: { status: 'sent' | 'skipped' | 'undeliverable' | 'failed'; recipientId?: string; note?: string }, now: Date): Promise<void> {
    const entity: Record<string, unknown> = { partitionKey: keyPart(m.localDate), rowKey: keyPart(m.key), status: outcome.status, sentAt: now.toISOString() };
    if (outcome.recipientId) entity.recipientId = outcome.recipientId;
    if (outcome.note) entity.note = outcome.note.slice(0, 2000);
    await this.client.upsertEntity(entity as { partitionKey: string; rowKey: string }, 'Merge');
  }

  async release(m: OutboxMessageRef, note: string): Promise<void> {
    await this.client.updateEntity({ partitionKey: keyPart(m.localDate), rowKey: keyPart(m.key), status: 'pending', note: note.slice(0, 2000) }, 'Merge');
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
