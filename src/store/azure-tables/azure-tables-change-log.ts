import { randomBytes } from 'node:crypto';
import { odata } from '@azure/data-tables';
import type { BoardChange, ChangeLog } from '../../domain/ports';
import { AzureTables, keyPart } from './tables';

interface ChangeEntity {
  boardKey: string;
  at: string;
  by: string;
  subject: string;
  before: string;
  after: string;
}

/** Larger than any epoch millisecond count until the year 2255: row keys count down, so a partition reads newest first. */
const LATEST = 9_000_000_000_000;

/**
 * changes: PK board key, RK "<LATEST − epoch ms, 13 digits>-<random>". Append-only; Azure Tables
 * returns a partition in row-key order, which is newest first here, so `limit` reads no more
 * than it returns.
 */
export class AzureTablesChangeLog implements ChangeLog {
  constructor(private readonly tables: AzureTables) {}

  async append(change: BoardChange): Promise<void> {
    const rowKey = `${String(LATEST - change.at.getTime()).padStart(13, '0')}-${randomBytes(4).toString('hex')}`;
    const entity: ChangeEntity = { boardKey: change.boardKey, at: change.at.toISOString(), by: change.by, subject: change.subject, before: change.before, after: change.after };
    await this.tables.client('changes').createEntity({ partitionKey: keyPart(change.boardKey), rowKey, ...entity });
  }

  async list(boardKey: string, options: { subjectPrefix?: string; limit?: number } = {}): Promise<BoardChange[]> {
    const pk = keyPart(boardKey);
    const prefix = options.subjectPrefix;
    // The prefix as a range on the subject: every string that starts with it sorts in [prefix, prefix + U+FFFF).
    const filter = prefix ? odata`PartitionKey eq ${pk} and subject ge ${prefix} and subject lt ${`${prefix}\uffff`}` : odata`PartitionKey eq ${pk}`;
    const out: BoardChange[] = [];
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    if (limit <= 0) return out;
    for await (const e of this.tables.client('changes').listEntities<ChangeEntity>({ queryOptions: { filter } })) {
      out.push({ boardKey: e.boardKey, at: new Date(e.at), by: e.by, subject: e.subject, before: e.before, after: e.after });
      if (out.length >= limit) break;
    }
    return out;
  }
}
