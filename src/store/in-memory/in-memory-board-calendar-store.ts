import type { BoardCalendar, VersionedCalendar } from '../../domain/board-calendar';
import type { BoardCalendarStore } from '../../domain/ports';

/** Board calendars in memory, versioned like Azure Tables' ETags: a write names the version it read. */
export class InMemoryBoardCalendarStore implements BoardCalendarStore {
  private readonly rows = new Map<string, { calendar: BoardCalendar; version: number }>();

  async get(boardKey: string): Promise<VersionedCalendar | undefined> {
    const row = this.rows.get(boardKey);
    return row && { calendar: structuredClone(row.calendar), etag: `v${row.version}` };
  }

  async list(): Promise<VersionedCalendar[]> {
    return [...this.rows.keys()].sort().map((k) => ({ calendar: structuredClone(this.rows.get(k)!.calendar), etag: `v${this.rows.get(k)!.version}` }));
  }

  async put(calendar: BoardCalendar, etag: string): Promise<{ kind: 'saved'; etag: string } | { kind: 'stale'; current: VersionedCalendar | undefined }> {
    const row = this.rows.get(calendar.boardKey);
    if ((row ? `v${row.version}` : '') !== etag) return { kind: 'stale', current: await this.get(calendar.boardKey) };
    const version = (row?.version ?? 0) + 1;
    this.rows.set(calendar.boardKey, { calendar: structuredClone(calendar), version });
    return { kind: 'saved', etag: `v${version}` };
  }
}
