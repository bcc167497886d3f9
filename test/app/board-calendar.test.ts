import { strict as assert } from 'node:assert';
import { readBoardCalendar, saveBoardCalendar, calendarViews, type CalendarSubmit } from '../../src/app/board-calendar';
import { loadCycleSnapshot } from '../../src/app/cycle-snapshot';
import { CALENDAR_INPUTS, type BoardCalendar } from '../../src/domain/board-calendar';
import { WEEKDAYS_ONLY } from '../../src/domain/calendar';
import { DEFAULT_ESCALATION_RULES } from '../../src/domain/escalation';
import { isDomainError } from '../../src/domain/errors';
import type { Person } from '../../src/domain/person';
import { aPerson, aPriority, aStrategy } from '../domain/builders';
import { inMemoryApp } from './in-memory-app';

/**
 * A board's calendar set by its managers, and the cycle following it at the next tick: no
 * restart, the test clock moved by hand. Board "test" (the builders' strategy) and "other".
 */
const MANAGER = aPerson('mo').manager().build();
const OTHER_MANAGER: Person = { ...aPerson('olga').build(), boardManager: true, manages: ['other'] };
const LEAD = aPerson('lead').build();
const who = (p: Person) => ({ aadObjectId: p.aadObjectId! });

async function app(now: string) {
  const a = await inMemoryApp({
    now,
    strategies: [aStrategy('s').build(), { ...aStrategy('o').build(), board: 'Other Health and Wellbeing Board' }],
    priorities: [aPriority('1', 's').ledBy('lead').build(), aPriority('2', 's').ledBy('lead').build(), aPriority('9', 'o').ledBy('lead').build()],
    people: [{ ...MANAGER, manages: ['test'] }, OTHER_MANAGER, LEAD],
  });
  // As the composition root wires it: the install's settings are every board's defaults.
  const defaults = { meetingDates: [], papersDeadlineWorkingDays: 10, digest: { weekday: 1, time: '09:00' }, rules: DEFAULT_ESCALATION_RULES, managersAfterWorkingDaysOverdue: 5 };
  for (const d of [a.deps, a.cycle]) Object.assign(d, { calendars: a.stores.calendars, changes: a.stores.changes, board: { ...d.board, calendar: { defaults, working: WEEKDAYS_ONLY } } });
  return a;
}

/** What the card would send back for `calendar`, with some inputs changed. */
function submitOf(view: { board: { key: string }; etag: string; calendar: BoardCalendar; priorities: { ref: string; frequency: string }[] }, change: Record<string, string> = {}): CalendarSubmit {
  const c = view.calendar;
  const inputs: Record<string, unknown> = {
    [CALENDAR_INPUTS.meetings]: c.meetingDates.join(', '),
    [CALENDAR_INPUTS.papersDeadline]: String(c.papersDeadlineWorkingDays),
    [CALENDAR_INPUTS.digestDay]: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][c.digest.weekday],
    [CALENDAR_INPUTS.digestTime]: c.digest.time,
    [CALENDAR_INPUTS.amber]: String(c.rules.amberPeriodsRunning),
    [CALENDAR_INPUTS.managersAfter]: String(c.managersAfterWorkingDaysOverdue),
    rule_red: String(c.rules.red),
    rule_worsened: String(c.rules.worsened),
    rule_escalationPoint: String(c.rules.escalationPoint),
    rule_overdue: String(c.rules.overdue),
    rule_kpiWorsened: String(c.rules.kpiWorsened),
    rule_kpiOffTarget: String(c.rules.kpiOffTarget),
    ...Object.fromEntries(view.priorities.map((p, i) => [CALENDAR_INPUTS.frequency(i), p.frequency])),
    ...change,
  };
  return { board: view.board.key, etag: view.etag, refs: view.priorities.map((p) => p.ref), inputs };
}

const digestsDue = async (a: Awaited<ReturnType<typeof app>>, at: string) => {
  a.clock.set(at);
  const snapshot = await loadCycleSnapshot(a.cycle, a.clock.now());
  return (snapshot?.due ?? []).filter((m) => m.kind === 'digest' && m.boardKey === 'test').map((m) => `${m.localDate} ${m.localTime}`);
};

describe('a board\'s calendar, set by its managers and read at every tick', () => {
  it('with nothing stored, the board runs on the install\'s settings: Monday 09:00 digests, answers due 14 days after opening', async () => {
    const a = await app('2026-10-05T08:30:00Z');
    const read = await readBoardCalendar(a.deps, { key: 'test' });
    assert.equal(read.etag, '');
    assert.deepEqual(read.calendar.digest, { weekday: 1, time: '09:00' });
    assert.deepEqual(await digestsDue(a, '2026-10-05T08:01:00Z'), ['2026-09-28 09:00', '2026-10-05 09:00']);
    a.clock.set('2026-10-01T08:31:00Z');
    const reminder = (await loadCycleSnapshot(a.cycle, a.clock.now()))!.due.find((m) => m.kind === 'reminder' && m.priorityKey === '1');
    assert.equal(reminder?.period?.due, '2026-10-15');
  });

  it('with nothing stored, the tick plans exactly what it planned before boards had calendars', async () => {
    const a = await app('2026-10-01T08:31:00Z');
    for (const at of ['2026-10-01T08:31:00Z', '2026-10-12T08:31:00Z', '2026-10-19T08:01:00Z', '2026-10-22T08:31:00Z']) {
      a.clock.set(at);
      const withCalendars = (await loadCycleSnapshot(a.cycle, a.clock.now()))!.due;
      const without = { ...a.cycle };
      delete without.calendars;
      const before = (await loadCycleSnapshot(without, a.clock.now()))!.due;
      assert.deepEqual(withCalendars, before, at);
      assert.ok(before.length > 0);
    }
  });

  it('a changed digest day and time: the next digest goes then, in London time on both sides of the clocks going back', async () => {
    const a = await app('2026-10-05T10:00:00Z');
    const [view] = await calendarViews(a.deps, who(MANAGER), '');
    const saved = await saveBoardCalendar(a.deps, who(MANAGER), submitOf(view!, { [CALENDAR_INPUTS.digestDay]: 'Thursday', [CALENDAR_INPUTS.digestTime]: '14:00' }));
    assert.equal(saved.outcome?.kind, 'saved');
    assert.deepEqual(saved.changes.map((c) => `${c.subject}: ${c.before} → ${c.after}`), ['calendar: digest day: Monday → Thursday', 'calendar: digest time: 09:00 → 14:00']);
    // The audit trail: who, when, before → after, one entry per setting.
    const log = await a.stores.changes.list('test', { subjectPrefix: 'calendar:' });
    assert.deepEqual(log.map((c) => [c.by, c.at.toISOString(), c.subject, c.before, c.after]).sort(), [
      ['mo', '2026-10-05T10:00:00.000Z', 'calendar: digest day', 'Monday', 'Thursday'],
      ['mo', '2026-10-05T10:00:00.000Z', 'calendar: digest time', '09:00', '14:00'],
    ]);
    // Thursday 8 Oct 14:00 BST (13:00Z), not before; no catch-up of 1 Oct's slot, set after it passed.
    assert.deepEqual(await digestsDue(a, '2026-10-08T12:59:00Z'), []);
    assert.deepEqual(await digestsDue(a, '2026-10-08T13:00:00Z'), ['2026-10-08 14:00']);
    // No Monday digest any more.
    assert.ok(!(await digestsDue(a, '2026-10-12T08:01:00Z')).includes('2026-10-12 09:00'));
    // After the clocks go back (25 Oct), 14:00 GMT is 14:00Z.
    assert.deepEqual(await digestsDue(a, '2026-10-29T13:59:00Z'), ['2026-10-22 14:00']);
    assert.deepEqual(await digestsDue(a, '2026-10-29T14:00:00Z'), ['2026-10-22 14:00', '2026-10-29 14:00']);
  });

  it('a changed meeting date: the due date, nudge and reminders are worked back from it at the next tick', async () => {
    const a = await app('2026-09-20T10:00:00Z');
    const [view] = await calendarViews(a.deps, who(MANAGER), 'test');
    // Meeting on Thursday 12 Nov 2026; papers 10 working days before: Thursday 29 Oct.
    const saved = await saveBoardCalendar(a.deps, who(MANAGER), submitOf(view!, { [CALENDAR_INPUTS.meetings]: '2026-11-12' }));
    assert.equal(saved.outcome?.kind, 'saved');
    assert.deepEqual(saved.coming, [{ meeting: '2026-11-12', due: '2026-10-29' }]);
    a.clock.set('2026-10-01T08:31:00Z');
    const reminder = (await loadCycleSnapshot(a.cycle, a.clock.now()))!.due.find((m) => m.kind === 'reminder' && m.priorityKey === '1');
    assert.equal(reminder?.period?.due, '2026-10-29');
    // The nudge 3 working days before that due date, 26 Oct, 09:30 GMT.
    a.clock.set('2026-10-26T09:30:00Z');
    const nudge = (await loadCycleSnapshot(a.cycle, a.clock.now()))!.due.find((m) => m.kind === 'nudge' && m.priorityKey === '1');
    assert.equal(nudge?.localDate, '2026-10-26');
    // The other board keeps the install's due date.
    a.clock.set('2026-10-01T08:31:00Z');
    const other = (await loadCycleSnapshot(a.cycle, a.clock.now()))!.due.find((m) => m.kind === 'reminder' && m.priorityKey === '9');
    assert.equal(other?.period?.due, '2026-10-15');
  });

  it('a changed frequency: that priority reports on monthly periods from the next tick; the others stay quarterly', async () => {
    const a = await app('2026-10-20T10:00:00Z');
    const [view] = await calendarViews(a.deps, who(MANAGER), '');
    const index = view!.priorities.findIndex((p) => p.ref === 's/2');
    const saved = await saveBoardCalendar(a.deps, who(MANAGER), submitOf(view!, { [CALENDAR_INPUTS.frequency(index)]: 'monthly' }));
    assert.deepEqual(saved.changes.map((c) => c.subject), ['calendar: frequency s/2']);
    a.clock.set('2026-11-02T09:31:00Z');
    const reminders = (await loadCycleSnapshot(a.cycle, a.clock.now()))!.due.filter((m) => m.kind === 'reminder').map((m) => `${m.priorityKey} ${m.period!.label}`);
    assert.deepEqual(reminders, ['2 2026-10']);
  });

  it('checks everything before saving anything: a bad date and a time in the DST hour are both named, and nothing is stored', async () => {
    const a = await app('2026-10-05T10:00:00Z');
    const [view] = await calendarViews(a.deps, who(MANAGER), '');
    const result = await saveBoardCalendar(a.deps, who(MANAGER), submitOf(view!, { [CALENDAR_INPUTS.meetings]: '2027-01-21, 2027-02-30', [CALENDAR_INPUTS.digestTime]: '01:30', [CALENDAR_INPUTS.digestDay]: 'Thursday' }));
    assert.equal(result.outcome?.kind, 'invalid');
    assert.deepEqual(result.outcome?.kind === 'invalid' ? result.outcome.problems.map((p) => p.code) : [], ['bad-date', 'time-in-dst-hour']);
    assert.equal(await a.stores.calendars.get('test'), undefined);
  });

  it('two managers from one card: the first save wins, the second is told and shown the first one\'s calendar', async () => {
    const a = await app('2026-10-05T10:00:00Z');
    const [view] = await calendarViews(a.deps, who(MANAGER), '');
    const first = await saveBoardCalendar(a.deps, who(MANAGER), submitOf(view!, { [CALENDAR_INPUTS.digestDay]: 'Tuesday' }));
    const second = await saveBoardCalendar(a.deps, who(MANAGER), submitOf(view!, { [CALENDAR_INPUTS.digestDay]: 'Friday' }));
    assert.equal(first.outcome?.kind, 'saved');
    assert.equal(second.outcome?.kind, 'stale');
    assert.equal(second.calendar.digest.weekday, 2);
    assert.deepEqual((await a.stores.changes.list('test')).map((c) => c.after), ['Tuesday'], 'only the save that won is in the audit trail');
    assert.equal((await a.stores.calendars.get('test'))?.calendar.digest.weekday, 2);
  });

  it('only that board\'s managers: the other board\'s manager and a lead are refused, whatever the card says', async () => {
    const a = await app('2026-10-05T10:00:00Z');
    const [view] = await calendarViews(a.deps, who(MANAGER), '');
    for (const p of [OTHER_MANAGER, LEAD]) {
      await assert.rejects(saveBoardCalendar(a.deps, who(p), submitOf(view!, { [CALENDAR_INPUTS.digestDay]: 'Friday' })), (e) => isDomainError(e) && e.code === 'NOT_BOARD_MANAGER');
    }
    await assert.rejects(calendarViews(a.deps, who(OTHER_MANAGER), 'test'), (e) => isDomainError(e) && e.code === 'NOT_BOARD_MANAGER');
    assert.equal(await a.stores.calendars.get('test'), undefined);
    assert.deepEqual(await a.stores.changes.list('test'), []);
    // Her own board's card is hers.
    assert.deepEqual((await calendarViews(a.deps, who(OTHER_MANAGER), '')).map((v) => v.board.key), ['other']);
  });

  it('a frequency for a priority of another board, slipped into the card\'s data, is ignored', async () => {
    const a = await app('2026-10-05T10:00:00Z');
    const [view] = await calendarViews(a.deps, who(MANAGER), '');
    const submit = submitOf(view!);
    submit.refs = [...submit.refs, 'o/9'];
    submit.inputs[CALENDAR_INPUTS.frequency(submit.refs.length - 1)] = 'monthly';
    submit.inputs[CALENDAR_INPUTS.digestTime] = '10:00';
    const saved = await saveBoardCalendar(a.deps, who(MANAGER), submit);
    assert.deepEqual(saved.calendar.frequencies, {});
  });
});
