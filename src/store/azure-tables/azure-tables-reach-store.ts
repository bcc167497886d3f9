import { odata } from '@azure/data-tables';
import type { ReachRecord, ReachStore } from '../../domain/ports';
import { AzureTables, getOrUndefined, keyPart, listAll } from './tables';

/** reach: PK "reach", RK person id. One row per person, replaced on each roster read or failure. */
export class AzureTablesReachStore implements ReachStore {
  constructor(private readonly tables: AzureTables) {}

  async put(record: ReachRecord): Promise<void> {
    const entity: Record<string, unknown> = { partitionKey: 'reach', rowKey: keyPart(record.personId), personId: record.personId, teams: JSON.stringify(record.teams), updatedAt: record.updatedAt };
    if (record.memberId) entity.memberId = record.memberId;
    if (record.lastFailure) Object.assign(entity, { failedAt: record.lastFailure.at, failure: record.lastFailure.note.slice(0, 2000) });
    await this.tables.client('reach').upsertEntity(entity as { partitionKey: string; rowKey: string }, 'Replace');
  }

  async get(personId: string): Promise<ReachRecord | undefined> {
    const e = await getOrUndefined<Record<string, unknown>>(this.tables.client('reach'), 'reach', keyPart(personId));
    return e ? toRecord(e) : undefined;
  }

  async list(): Promise<ReachRecord[]> {
    return (await listAll<Record<string, unknown>>(this.tables.client('reach'), odata`PartitionKey eq ${'reach'}`)).map(toRecord);
  }
}

function toRecord(e: Record<string, unknown>): ReachRecord {
  const r: ReachRecord = { personId: String(e.personId), teams: JSON.parse(String(e.teams ?? '[]')) as string[], updatedAt: String(e.updatedAt) };
  if (typeof e.memberId === 'string') r.memberId = e.memberId;
  if (typeof e.failedAt === 'string' && typeof e.failure === 'string') r.lastFailure = { at: e.failedAt, note: e.failure };
  return r;
}
