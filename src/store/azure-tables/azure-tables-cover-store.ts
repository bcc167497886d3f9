import { odata } from '@azure/data-tables';
import type { Cover, CoverStore } from '../../domain/ports';
import { AzureTables, keyPart, listAll, statusOf } from './tables';

/** cover: PK "cover", RK person id. One absence per person; a new one replaces it. */
export class AzureTablesCoverStore implements CoverStore {
  constructor(private readonly tables: AzureTables) {}

  async set(cover: Cover): Promise<void> {
    const entity: Record<string, unknown> = { partitionKey: 'cover', rowKey: keyPart(cover.personId), personId: cover.personId, until: cover.until, setAt: cover.setAt };
    if (cover.deputyId) entity.deputyId = cover.deputyId;
    await this.tables.client('cover').upsertEntity(entity as { partitionKey: string; rowKey: string }, 'Replace');
  }

  async clear(personId: string): Promise<void> {
    try {
      await this.tables.client('cover').deleteEntity('cover', keyPart(personId));
    } catch (e) {
      if (statusOf(e) !== 404) throw e;
    }
  }

  async list(): Promise<Cover[]> {
    const rows = await listAll<Cover & { deputyId?: string }>(this.tables.client('cover'), odata`PartitionKey eq ${'cover'}`);
    return rows.map((r) => ({ personId: r.personId, until: r.until, setAt: r.setAt, ...(r.deputyId ? { deputyId: r.deputyId } : {}) }));
  }
}
