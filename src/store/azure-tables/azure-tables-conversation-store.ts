import { odata } from '@azure/data-tables';
import type { ConversationRecord, ConversationStore, SeedLedger } from '../../domain/ports';
import { AzureTables, getOrUndefined, jsonColumns, keyPart, listAll, readJsonColumns, statusOf } from './tables';

/** conversations: PK "conversation", RK record key; the reference is stored as JSON. */
export class AzureTablesConversationStore implements ConversationStore {
  constructor(private readonly tables: AzureTables) {}

  async put(record: ConversationRecord): Promise<void> {
    const entity: Record<string, unknown> = { partitionKey: 'conversation', rowKey: keyPart(record.key), key: record.key, updatedAt: record.updatedAt, ...jsonColumns(record.reference, 'reference') };
    if (record.personId) entity.personId = record.personId;
    if (record.welcomedAt) entity.welcomedAt = record.welcomedAt;
    if (record.origin) entity.origin = record.origin;
    await this.tables.client('conversations').upsertEntity(entity as { partitionKey: string; rowKey: string }, 'Replace');
  }

  async get(key: string): Promise<ConversationRecord | undefined> {
    const e = await getOrUndefined<Record<string, unknown>>(this.tables.client('conversations'), 'conversation', keyPart(key));
    return e ? toRecord(e) : undefined;
  }

  async list(): Promise<ConversationRecord[]> {
    const rows = await listAll<Record<string, unknown>>(this.tables.client('conversations'), odata`PartitionKey eq ${'conversation'}`);
    return rows.map(toRecord);
  }

  /** A "welcome" row per chat: createEntity fails with 409 for every writer but the first. */
  async markWelcomed(key: string, at: string): Promise<boolean> {
    try {
      await this.tables.client('conversations').createEntity({ partitionKey: 'welcome', rowKey: keyPart(key), at });
      return true;
    } catch (e) {
      if (statusOf(e) === 409) return false;
      throw e;
    }
  }

  async clearWelcomed(key: string): Promise<void> {
    await this.tables.client('conversations').deleteEntity('welcome', keyPart(key)).catch((e: unknown) => {
      if (statusOf(e) !== 404) throw e;
    });
  }
}

function toRecord(e: Record<string, unknown>): ConversationRecord {
  const r: ConversationRecord = { key: String(e.key), reference: readJsonColumns(e, 'reference'), updatedAt: String(e.updatedAt) };
  if (typeof e.personId === 'string') r.personId = e.personId;
  if (typeof e.welcomedAt === 'string') r.welcomedAt = e.welcomedAt;
  if (e.origin === 'installed' || e.origin === 'roster' || e.origin === 'graph') r.origin = e.origin;
  return r;
}

/** meta: PK "seed", RK seed set name; remembers the content hash last loaded. */
export class AzureTablesSeedLedger implements SeedLedger {
  constructor(private readonly tables: AzureTables) {}

  async lastLoaded(name: string): Promise<string | undefined> {
    const e = await getOrUndefined<{ hash: string }>(this.tables.client('meta'), 'seed', keyPart(name));
    return e?.hash;
  }

  async recordLoaded(name: string, hash: string, at: string): Promise<void> {
    await this.tables.client('meta').upsertEntity({ partitionKey: 'seed', rowKey: keyPart(name), hash, at }, 'Replace');
  }
}
