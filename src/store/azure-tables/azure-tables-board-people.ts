import { odata } from '@azure/data-tables';
import type { BoardPeopleRecord, BoardPeopleVersions } from '../../domain/ports';
import { AzureTables, getOrUndefined, keyPart, listAll, statusOf } from './tables';

interface RecordEntity {
  boardKey: string;
  source: 'seed' | 'teams';
  changedAt: string;
}

const PK = 'board-people';

/** meta: PK "board-people", RK board key; the row's ETag is the board's people version. */
export class AzureTablesBoardPeopleVersions implements BoardPeopleVersions {
  constructor(private readonly tables: AzureTables) {}

  async get(boardKey: string): Promise<BoardPeopleRecord | undefined> {
    const e = await getOrUndefined<RecordEntity>(this.tables.client('meta'), PK, keyPart(boardKey));
    return e ? { boardKey: e.boardKey, source: e.source, changedAt: e.changedAt, version: e.etag } : undefined;
  }

  async list(): Promise<BoardPeopleRecord[]> {
    const rows = await listAll<RecordEntity>(this.tables.client('meta'), odata`PartitionKey eq ${PK}`);
    return rows.map((e) => ({ boardKey: e.boardKey, source: e.source, changedAt: e.changedAt, version: e.etag }));
  }

  async advance(boardKey: string, expected: string, next: { source: 'seed' | 'teams'; changedAt: string }): Promise<string | undefined> {
    const entity = { partitionKey: PK, rowKey: keyPart(boardKey), boardKey, ...next };
    const client = this.tables.client('meta');
    try {
      // 409 (a first change raced another) and 412 (the version moved on): another change came first.
      const written = expected === '' ? await client.createEntity(entity) : await client.updateEntity(entity, 'Replace', { etag: expected });
      return written.etag!;
    } catch (e) {
      const status = statusOf(e);
      if (status === 409 || status === 412 || status === 404) return undefined;
      throw e;
    }
  }

  async reset(boardKey: string, next: { source: 'seed' | 'teams'; changedAt: string }): Promise<void> {
    await this.tables.client('meta').upsertEntity({ partitionKey: PK, rowKey: keyPart(boardKey), boardKey, ...next }, 'Replace');
  }
}
