import { createHash } from 'node:crypto';
import { odata } from '@azure/data-tables';
import type { OutboxClaim, OutboxClaimAnswer, OutboxEntry, OutboxLedger, OutboxMessageRef, OutboxStatus } from '../../domain/ports';
import { AzureTables, getOrUndefined, keyPart, listAll, statusOf } from './tables';

/**
 * outbox2: PK = planned local date + `~` + shard (two hex digits of the key's SHA-256), RK =
 * message key (what|whom|period|slot).
 * A claim is `createEntity` (409 = someone has it); taking over a dead owner's claim or a
 * released one is an update with the ETag read (412 = someone else took it first).
 * The ETag after the claim is the claim's token: `complete` and `release` are updates on it,
 * so once another owner has taken the message over they answer 412 and write nothing.
 *
 * Why 256 partitions a day: Azurite (the embedded storage) finds a row by scanning every row of
 * its partition. With one partition a day, each claim and outcome of a 10,000-lead fan-out read
 * up to 10,000 rows, and the fan-out slowed as it went; a shard holds ~40 of them. Azure Tables
 * is indifferent. A day is still one key range: `PartitionKey ge 'date~' and lt 'date~~'`.
 *
 * The first layout (table `outbox`, PK = date alone) is moved here once, at start
 * (`adoptFirstLayout`), before any tick claims.
 */
type Row = Omit<OutboxEntry, 'localDate'> & { partitionKey: string; rowKey: string };

/** The partition of a message: its planned date and its shard. */
export function outboxPartition(localDate: string, key: string): string {
  return `${keyPart(localDate)}~${createHash('sha256').update(key).digest('hex').slice(0, 2)}`;
}

/** Every partition of the dates from..to (inclusive), as an OData filter. */
function datesFilter(fromDate: string, toDate: string): string {
  return odata`PartitionKey ge ${`${keyPart(fromDate)}~`} and PartitionKey lt ${`${keyPart(toDate)}~~`}`;
}

const dateOfPartition = (pk: string) => decodeURIComponent(pk.slice(0, pk.lastIndexOf('~')));

const FINAL: readonly OutboxStatus[] = ['sent', 'skipped', 'undeliverable', 'failed'];
/** Not to be sent (unless reopened): final for `cancel` and `planned`, yet never remembered as done. */
const SETTLED: readonly OutboxStatus[] = [...FINAL, 'cancelled'];

/**
 * What `plan` wrote and is still to send, indexed in one partition of its own, so a tick finds it
 * in one small read (normally empty) instead of scanning dates: RK = `<date>|<key>`, pointing to
 * the entry. Written before the entry (a crash between leaves an index row with no entry, which
 * `planned` drops); dropped by `planned` once the entry is final. No date sorts as high as "planned",
 * so a dates filter never reads it.
 */
const PLANNED_PK = 'planned';
interface PlannedIndexRow {
  key: string;
  localDate: string;
  kind: string;
}
const rowToEntry = (r: Row): OutboxEntry => {
  const e: OutboxEntry = { key: r.key, localDate: dateOfPartition(r.partitionKey), kind: r.kind, status: r.status, owner: r.owner, claimedAt: r.claimedAt, attempts: Number(r.attempts) };
  if (r.recipientId) e.recipientId = r.recipientId;
  if (r.sentAt) e.sentAt = r.sentAt;
  if (r.note) e.note = r.note;
  return e;
};

export class AzureTablesOutbox implements OutboxLedger {
  constructor(private readonly tables: AzureTables) {}

  private get client() {
    return this.tables.client('outbox2');
  }

  /**
   * Moves the rows of the first layout (table `outbox`, PK = date) into this one, once: each
   * row is created here as it stands (claimed, pending or final, with its owner, claim time and
   * attempts), a row already here is left alone (a move cut short and run again), then the old
   * row is deleted. Returns how many rows were moved; 0 (one cheap read) once the old table is
   * empty or was never there. Runs at start, before the scheduler claims anything; an instance
   * still running the old code would not see the moved rows, so stop old instances first.
   */
  async adoptFirstLayout(): Promise<number> {
    const old = this.tables.clientByName('outbox');
    let rows: Row[];
    try {
      rows = await listAll<Row>(old);
    } catch (e) {
      if (statusOf(e) === 404) return 0;
      throw e;
    }
    for (let i = 0; i < rows.length; i += 25) {
      await Promise.all(
        rows.slice(i, i + 25).map(async (r) => {
          const { partitionKey, rowKey } = r;
          // The row's own columns; the service's etag and timestamp are not carried over.
          const fields: Record<string, unknown> = { ...r };
          for (const k of ['partitionKey', 'rowKey', 'etag', 'timestamp', 'odata.etag']) delete fields[k];
          try {
            await this.client.createEntity({ ...fields, partitionKey: outboxPartition(decodeURIComponent(partitionKey), r.key), rowKey });
          } catch (e) {
            if (statusOf(e) !== 409) throw e;
          }
          try {
            await old.deleteEntity(partitionKey, rowKey);
          } catch (e) {
            if (statusOf(e) !== 404) throw e;
          }
        }),
      );
    }
    return rows.length;
  }

  async claim(m: OutboxMessageRef, owner: string, now: Date, leaseMs: number): Promise<OutboxClaimAnswer> {
    const pk = outboxPartition(m.localDate, m.key);
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
    if (row.status === 'cancelled') return 'cancelled';
    const expired = row.status === 'pending' || row.status === 'planned' || Date.parse(row.claimedAt) + leaseMs <= now.getTime();
    if (!expired) return 'busy';
    try {
      const updated = await this.client.updateEntity({ partitionKey: pk, rowKey: rk, status: 'claimed', owner, claimedAt: now.toISOString(), attempts: Number(row.attempts) + 1 }, 'Merge', { etag: row.etag });
      return { message: m, owner, token: tokenOf(updated.etag) };
    } catch (e) {
      if (statusOf(e) === 412) return 'busy';
      throw e;
    }
  }

  async plan(m: OutboxMessageRef, recipientId: string, now: Date): Promise<boolean> {
    try {
      await this.client.createEntity<PlannedIndexRow>({ partitionKey: PLANNED_PK, rowKey: keyPart(`${m.localDate}|${m.key}`), key: m.key, localDate: m.localDate, kind: m.kind });
    } catch (e) {
      if (statusOf(e) !== 409) throw e;
    }
    try {
      await this.client.createEntity({ partitionKey: outboxPartition(m.localDate, m.key), rowKey: keyPart(m.key), key: m.key, kind: m.kind, status: 'planned', owner: '', claimedAt: now.toISOString(), attempts: 0, recipientId });
      return true;
    } catch (e) {
      if (statusOf(e) === 409) return false;
      throw e;
    }
  }

  async planned(): Promise<OutboxEntry[]> {
    const index = await listAll<PlannedIndexRow>(this.client, odata`PartitionKey eq ${PLANNED_PK}`);
    const out: OutboxEntry[] = [];
    for (const i of index) {
      const row = await getOrUndefined<Row>(this.client, outboxPartition(i.localDate, i.key), keyPart(i.key));
      if (row && !SETTLED.includes(row.status)) {
        out.push(rowToEntry(row));
        continue;
      }
      // Sent, cancelled, or never written (a crash right after the index row): nothing left to send.
      try {
        await this.client.deleteEntity(PLANNED_PK, keyPart(`${i.localDate}|${i.key}`));
      } catch (e) {
        if (statusOf(e) !== 404) throw e;
      }
    }
    return out.sort((a, b) => a.claimedAt.localeCompare(b.claimedAt));
  }

  async cancel(m: OutboxMessageRef, note: string, now: Date, leaseMs: number): Promise<boolean> {
    const pk = outboxPartition(m.localDate, m.key);
    const rk = keyPart(m.key);
    const cancelled = { status: 'cancelled', sentAt: now.toISOString(), note: note.slice(0, 2000) };
    let row = await getOrUndefined<Row>(this.client, pk, rk);
    if (!row) {
      try {
        await this.client.createEntity({ partitionKey: pk, rowKey: rk, key: m.key, kind: m.kind, owner: '', claimedAt: now.toISOString(), attempts: 0, ...cancelled });
        return true;
      } catch (e) {
        if (statusOf(e) !== 409) throw e;
      }
      row = await getOrUndefined<Row>(this.client, pk, rk);
      if (!row) return false;
    }
    if (SETTLED.includes(row.status)) return false;
    if (row.status === 'claimed' && Date.parse(row.claimedAt) + leaseMs > now.getTime()) return false;
    try {
      await this.client.updateEntity({ partitionKey: pk, rowKey: rk, ...cancelled }, 'Merge', { etag: row.etag });
      return true;
    } catch (e) {
      // Claimed (or cancelled) by someone else since it was read: theirs stands.
      if (statusOf(e) === 412 || statusOf(e) === 404) return false;
      throw e;
    }
  }

  async reopen(m: OutboxMessageRef): Promise<boolean> {
    const pk = outboxPartition(m.localDate, m.key);
    const rk = keyPart(m.key);
    const row = await getOrUndefined<Row>(this.client, pk, rk);
    if (row?.status !== 'cancelled') return false;
    try {
      await this.client.deleteEntity(pk, rk, { etag: row.etag });
      return true;
    } catch (e) {
      if (statusOf(e) === 412 || statusOf(e) === 404) return false;
      throw e;
    }
  }

  async complete(claim: OutboxClaim, outcome: { status: 'sent' | 'skipped' | 'undeliverable' | 'failed'; recipientId?: string; note?: string }, now: Date): Promise<boolean> {
    const m = claim.message;
    const entity: Record<string, unknown> = { status: outcome.status, sentAt: now.toISOString() };
    if (outcome.recipientId) entity.recipientId = outcome.recipientId;
    if (outcome.note) entity.note = outcome.note.slice(0, 2000);
    return this.updateIfHeld(claim, { ...entity, partitionKey: outboxPartition(m.localDate, m.key), rowKey: keyPart(m.key) });
  }

  async release(claim: OutboxClaim, note: string): Promise<boolean> {
    const m = claim.message;
    return this.updateIfHeld(claim, { partitionKey: outboxPartition(m.localDate, m.key), rowKey: keyPart(m.key), status: 'pending', note: note.slice(0, 2000) });
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

  async finalKeys(localDate: string): Promise<string[]> {
    const out: string[] = [];
    // Only the two columns the answer needs, not the notes.
    for await (const r of this.client.listEntities<{ key: string; status: OutboxStatus }>({ queryOptions: { filter: datesFilter(localDate, localDate), select: ['key', 'status'] } })) {
      if (FINAL.includes(r.status)) out.push(r.key);
    }
    return out;
  }

  async list(fromDate: string, toDate: string): Promise<OutboxEntry[]> {
    return (await listAll<Row>(this.client, datesFilter(fromDate, toDate))).map(rowToEntry);
  }
}

/** Azure always answers a write with an ETag; without one the claim could not be checked later. */
function tokenOf(etag: string | undefined): string {
  if (!etag) throw new Error('outbox: storage answered a claim without an ETag');
  return etag;
}
