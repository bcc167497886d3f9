import { strict as assert } from 'node:assert';
import type { BoardCalendarStore } from '../../src/domain/ports';
import { aBoardCalendar } from '../support/board-calendars';

/** The board calendar store's contract; every implementation runs it (in memory, Azure Tables on Azurite). */
export function boardCalendarStoreContract(name: string, make: () => Promise<{ calendars: BoardCalendarStore; done(): Promise<void> }>): void {
  describe(`BoardCalendarStore contract: ${name}`, () => {
    let s: { calendars: BoardCalendarStore; done(): Promise<void> };
    beforeEach(async () => (s = await make()));
    afterEach(async () => s.done());

    it('has nothing for a board never saved, and round-trips a calendar created with the empty version', async () => {
      assert.equal(await s.calendars.get('leicester-city'), undefined);
      const calendar = aBoardCalendar('leicester-city').digestOn(4, '14:00').meetings('2027-01-21', '2027-03-18').frequency('s/19', 'monthly').build();
      const saved = await s.calendars.put(calendar, '');
      assert.equal(saved.kind, 'saved');
      const read = await s.calendars.get('leicester-city');
      assert.deepEqual(read?.calendar, calendar);
      assert.equal(read?.etag, saved.kind === 'saved' ? saved.etag : undefined);
      assert.deepEqual((await s.calendars.list()).map((v) => v.calendar.boardKey), ['leicester-city']);
    });

    it('writes with the version read: the second of two saves from one read is stale and gets the first one\'s calendar', async () => {
      await s.calendars.put(aBoardCalendar('b').build(), '');
      const read = (await s.calendars.get('b'))!;
      const first = await s.calendars.put({ ...read.calendar, digest: { weekday: 3, time: '10:00' } }, read.etag);
      assert.equal(first.kind, 'saved');
      const second = await s.calendars.put({ ...read.calendar, digest: { weekday: 5, time: '16:00' } }, read.etag);
      assert.equal(second.kind, 'stale');
      assert.deepEqual(second.kind === 'stale' ? second.current?.calendar.digest : undefined, { weekday: 3, time: '10:00' });
      assert.deepEqual((await s.calendars.get('b'))?.calendar.digest, { weekday: 3, time: '10:00' });
    });

    it('refuses a create when another manager created the record first', async () => {
      await s.calendars.put(aBoardCalendar('b').digestOn(2, '11:00').build(), '');
      const late = await s.calendars.put(aBoardCalendar('b').digestOn(6, '12:00').build(), '');
      assert.equal(late.kind, 'stale');
      assert.deepEqual((await s.calendars.get('b'))?.calendar.digest, { weekday: 2, time: '11:00' });
    });

    it('keeps boards apart, and a board key with characters keys may not hold', async () => {
      await s.calendars.put(aBoardCalendar('a/b#c').digestOn(1, '08:00').build(), '');
      await s.calendars.put(aBoardCalendar('other').digestOn(2, '09:00').build(), '');
      assert.deepEqual((await s.calendars.get('a/b#c'))?.calendar.digest, { weekday: 1, time: '08:00' });
      assert.deepEqual((await s.calendars.get('other'))?.calendar.digest, { weekday: 2, time: '09:00' });
    });
  });
}
