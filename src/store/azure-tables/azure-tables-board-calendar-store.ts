import { odata } from '@azure/data-tables';
import type { BoardCalendar, VersionedCalendar } from '../../domain/board-calendar';
import type { BoardCalendarStore } from '../../domain/ports';
import { AzureTables, getOrUndefined, jsonColumns, keyPart, listAll, readJsonColumns, statusOf } from './tables';

/**
 * meta: PK "board-calendar", RK board key, the calendar as JSON. Written with the ETag read
 * (create when none was stored: 409 means another manager's save came first; 412 likewise).
 */
const PK = 'board-calendar';

export class AzureTablesBoardCalendarStore implements BoardCalendarStore {
  constructor(private readonly tables: AzureTables) {}

  async get(boardKey: string): Promise<VersionedCalendar | undefined> {
    const e = await getOrUndefined<Record<string, unknown>>(this.tables.client('meta'), PK, keyPart(boardKey));
    return e && toVersioned(e);
  }

  async list(): Promise<VersionedCalendar[]> {
    return (await listAll<Record<string, unknown>>(this.tables.client('meta'), odata`PartitionKey eq ${PK}`)).map(toVersioned);
  }

  async put(calendar: BoardCalendar, etag: string): Promise<{ kind: 'saved'; etag: string } | { kind: 'stale'; current: VersionedCalendar | undefined }> {
    const client = this.tables.client('meta');
    const entity = { partitionKey: PK, rowKey: keyPart(calendar.boardKey), ...jsonColumns(calendar) };
    try {
      const written = etag === '' ? await client.createEntity(entity) : await client.updateEntity(entity, 'Replace', { etag });
      return { kind: 'saved', etag: written.etag ?? '' };
    } catch (e) {
      const status = statusOf(e);
      if (status === 409 || status === 412 || (status === 404 && etag !== '')) return { kind: 'stale', current: await this.get(calendar.boardKey) };
      throw e;
    }
  }
}

function toVersioned(e: Record<string, unknown> & { etag?: string }): VersionedCalendar {
  return { calendar: readJsonColumns<BoardCalendar>(e), etag: String(e.etag) };
}
