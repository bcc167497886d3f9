import { strict as assert } from 'node:assert';
import type { BoardChange, ChangeLog } from '../../src/domain/ports';

/** Contract of the audit trail of board changes; every implementation runs it. */
export function changeLogContract(name: string, make: () => Promise<{ changes: ChangeLog; done(): Promise<void> }>): void {
  describe(`ChangeLog contract: ${name}`, () => {
    let log: ChangeLog;
    let done: () => Promise<void>;
    beforeEach(async () => ({ changes: log, done } = await make()));
    afterEach(async () => done());

    const change = (minute: number, over: Partial<BoardChange> = {}): BoardChange => ({
      boardKey: 'leicester-city',
      at: new Date(Date.UTC(2026, 11, 6, 10, minute)),
      by: 'alex',
      subject: 'lead of lc-2022/19',
      before: 'No lead',
      after: 'Kay Darby',
      ...over,
    });

    it('reads back what was appended, newest first, whatever the order of appending', async () => {
      await log.append(change(5, { after: 'second' }));
      await log.append(change(1, { after: 'first' }));
      await log.append(change(9, { after: 'third', before: 'second', by: 'megan' }));
      const read = await log.list('leicester-city');
      assert.deepEqual(
        read.map((c) => c.after),
        ['third', 'second', 'first'],
      );
      assert.deepEqual(read[0], change(9, { after: 'third', before: 'second', by: 'megan' }));
      assert.ok(read[0]!.at instanceof Date);
    });

    it('keeps each board to itself', async () => {
      await log.append(change(1));
      await log.append(change(2, { boardKey: 'leicestershire', after: 'Megan Bowen' }));
      assert.deepEqual(
        (await log.list('leicestershire')).map((c) => c.after),
        ['Megan Bowen'],
      );
      assert.equal((await log.list('leicester-city')).length, 1);
      assert.deepEqual(await log.list('rutland'), []);
    });

    it('filters by the start of the subject and stops at the limit', async () => {
      await log.append(change(1, { subject: 'lead of lc-2022/19' }));
      await log.append(change(2, { subject: 'deputy of lc-2022/W1' }));
      await log.append(change(3, { subject: 'lead of lc-2022/7' }));
      await log.append(change(4, { subject: 'managers' }));
      await log.append(change(5, { subject: 'leadership' }));
      assert.deepEqual(
        (await log.list('leicester-city', { subjectPrefix: 'lead of ' })).map((c) => c.subject),
        ['lead of lc-2022/7', 'lead of lc-2022/19'],
      );
      assert.deepEqual(
        (await log.list('leicester-city', { limit: 2 })).map((c) => c.subject),
        ['leadership', 'managers'],
      );
      assert.deepEqual(
        (await log.list('leicester-city', { subjectPrefix: 'lead', limit: 1 })).map((c) => c.subject),
        ['leadership'],
      );
      assert.deepEqual(await log.list('leicester-city', { limit: 0 }), []);
    });

    it('keeps two changes made in the same millisecond, and any text as written', async () => {
      const odd = "Kay O'Darby / #2 ? \\ \u2028 & <b>";
      await log.append(change(1, { after: odd }));
      await log.append(change(1, { after: 'other' }));
      const read = await log.list('leicester-city');
      assert.equal(read.length, 2);
      assert.deepEqual(read.map((c) => c.after).sort(), [odd, 'other'].sort());
    });

    it('takes board keys and subjects that are not safe as table keys', async () => {
      await log.append(change(1, { boardKey: 'a/b#c?d', subject: 'lead of a/b#1' }));
      assert.equal((await log.list('a/b#c?d', { subjectPrefix: 'lead of a/b' }))[0]?.subject, 'lead of a/b#1');
    });
  });
}
