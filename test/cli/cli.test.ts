import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli-runner';
import { FIXTURE_SEEDS } from '../support/bot-harness';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'hwb-bot.js');

describe('the hwb-bot command line', function () {
  this.timeout(60_000);
  // Each test has its own storage folder, so each passes alone and in any order.
  let dataDir: string;
  const run = (...args: string[]) => runCli({ DATA_DIR: dataDir, SEEDS_DIR: FIXTURE_SEEDS, LOG_LEVEL: 'silent' }, ...args);
  /** The fixture seeds loaded into this test's storage, as `hwb-bot seed load` does. */
  const seedsLoaded = async () => {
    const load = await run('seed', 'load');
    assert.equal(load.code, 0, load.err);
    return load;
  };
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'hwb-cli-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('seed check: 0 for good files, 1 with file and path for a bad one', async () => {
    const good = await run('seed', 'check', join(FIXTURE_SEEDS, 'test-board-2025-28.json'), join(FIXTURE_SEEDS, 'people.json'));
    assert.equal(good.code, 0, good.err);
    assert.match(good.out, /ok {2}.*test-board-2025-28\.json: test-board-2025-28, 2 themes, 4 priorities, 3 indicators, 1 check-in/);
    const bad = await run('seed', 'check', join(ROOT, 'test', 'fixtures', 'bad-seeds', 'bad-board.json'));
    assert.equal(bad.code, 1);
    assert.match(bad.err, /bad-board\.json: priorities\[0\]\.theme: unknown theme "nope"/);
  });

  it('seed load, strategies and summary --json work against the same storage as the bot', async () => {
    const load = await seedsLoaded();
    assert.match(load.out, /Loaded 1 strategies, 4 priorities, 4 people, 1 new historical check-ins\./);
    assert.match((await run('seed', 'load')).out, /unchanged since the last load: nothing written/);
    assert.match((await run('strategies')).out, /test-board-2025-28\s+Test Board Health and Wellbeing Strategy 2025-2028/);
    // A live strategy's period is a picture as at that period's last day for answers (30 Sep 2026).
    const summary = await run('summary', '--strategy', 'test-board-2025-28', '--period', '2026-Q2', '--json');
    assert.equal(summary.code, 0, summary.err);
    assert.deepEqual(JSON.parse(summary.out), { strategy: 'test-board-2025-28', period: '2026-Q2', asAt: '2026-09-30', rag: { red: 0, amber: 0, green: 1, notReported: 3 }, notYetDue: 0, overdue: 2, noLead: 1, directionOfTravel: { improved: 1, same: 0, worsened: 1, notComparable: 0 } });
  });

  it('reach lists every lead, deputy and board manager of the live priorities with a route or a reason', async () => {
    // Seeds just loaded: nobody has opened the bot in this storage, and everyone has an email address.
    await seedsLoaded();
    const json = await run('reach', '--json');
    assert.equal(json.code, 0, json.err);
    const rows = JSON.parse(json.out) as { name: string; organisation: string | null; roles: string[]; route: { kind: string }; reachedBy: string }[];
    assert.deepEqual(rows.map((r) => [r.name, r.organisation, r.roles, r.reachedBy]), [
      ['Adele Vance', 'Test City Council', ['deputy 9. We will take action to reduce levels of…, 19. We will reduce the number of falls for people…'], 'email (adelev@example.com)'],
      ['Alex Wilber', null, ['lead 19. We will reduce the number of falls for people…', 'board manager, Test City'], 'email (alexw@example.com)'],
      ['Megan Bowen', null, ['lead 9. We will take action to reduce levels of…, W2. Healthy Weight'], 'email (meganb@example.com)'],
    ]);
    const text = await run('reach');
    assert.equal(
      text.out,
      [
        '3 people: Teams chat 0, email 3, not reachable 0.',
        'Person       Organisation       Roles                                     Reached by',
        'Adele Vance  Test City Council  deputy 9. We will take action to reduce levels of…, 19. We will reduce the number of falls for people…  email (adelev@example.com)',
        'Alex Wilber                     lead 19. We will reduce the number of falls for people…; board manager, Test City  email (alexw@example.com)',
        'Megan Bowen                     lead 9. We will take action to reduce levels of…, W2. Healthy Weight  email (meganb@example.com)',
        '',
      ].join('\n'),
    );
  });

  it('schedule for April 2026 to March 2027: working days only, 09:30 local on both sides of DST', async () => {
    await seedsLoaded(); // the schedule is of the loaded strategies' periods
    const r = await run('schedule', '--from', '2026-04-01', '--to', '2027-03-31', '--json');
    assert.equal(r.code, 0, r.err);
    const { messages } = JSON.parse(r.out) as { messages: { date: string; time: string; utc: string; kind: string }[] };
    const holidays = ['2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28', '2027-01-01', '2027-03-26', '2027-03-29'];
    const reminders = messages.filter((m) => m.kind !== 'digest');
    assert.ok(reminders.length > 40);
    for (const m of messages) {
      const day = new Date(`${m.date}T12:00:00Z`).getUTCDay();
      assert.ok(day !== 0 && day !== 6, `${m.kind} on a weekend: ${m.date}`);
      assert.ok(!holidays.includes(m.date), `${m.kind} on a bank holiday: ${m.date}`);
    }
    assert.ok(reminders.every((m) => m.time === '09:30'));
    assert.ok(reminders.some((m) => m.date < '2026-10-25' && m.utc.slice(11, 16) === '08:30'));
    assert.ok(reminders.some((m) => m.date > '2026-10-25' && m.utc.slice(11, 16) === '09:30'));
    const text = await run('schedule', '--from', '2026-12-20', '--to', '2027-01-08');
    assert.match(text.out, /Mon, 04 Jan 2027\n {2}09:00 {2}digest[\s\S]*09:30 {2}reminder/);
  });

  it('schedule on an empty store says nothing is loaded and how to load it', async () => {
    const r = await run('schedule', '--from', '2026-10-01', '--to', '2026-10-31');
    assert.equal(r.code, 1);
    assert.equal(r.out, '');
    assert.match(r.err, new RegExp(`^Nothing is loaded in ${dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, so nothing would be sent\\. Load the boards' seed data first: npx hwb-bot seed load \\(it reads [^)]*fixtures[/\\\\]seeds\\)\\.`));
  });

  it('schedule on the real seeds: people by name, a lead\'s projects in one line, each digest\'s board', async () => {
    const real = (...args: string[]) => runCli({ DATA_DIR: dataDir, SEEDS_DIR: join(ROOT, 'seeds'), LOG_LEVEL: 'silent' }, ...args);
    assert.equal((await real('seed', 'load')).code, 0);
    const r = await real('schedule', '--from', '2026-10-01', '--to', '2026-10-05');
    assert.equal(r.code, 0, r.err);
    assert.doesNotMatch(r.out, / lead /, 'people by name, not "lead"');
    const day = /Thu, 01 Oct 2026\n([\s\S]*?)\n\n/.exec(r.out)![1]!.split('\n');
    assert.deepEqual(day.map((l) => l.replace(/\s+/g, ' ').trim()), [
      '09:30 reminder Megan Bowen W1. Childhood Immunisations, 2026-Q3 (due 2026-10-15)',
      '09:30 reminder Kay Darby W1. Childhood Immunisations, 2026-Q3 (due 2026-10-15)',
      '09:30 reminder Alex Wilber W2. Healthy Weight, 2026-Q3 (due 2026-10-15)',
      '09:30 reminder Amy Hathway W2 projects: Social care learning disability focused work; LNDS nutrition training for workforces; Establishing local opportunity to improving healthy weight in pregnancy, 2026-Q3 (due 2026-10-15)',
    ]);
    assert.match(r.out, /Mon, 05 Oct 2026\n {2}09:00 {2}digest {12}Leicester City Health and Wellbeing Board's channel\n {2}09:00 {2}digest {12}Leicestershire Health and Wellbeing Board's channel\n/);
    assert.match(r.out, /\n6 messages\.\n$/);
    const json = JSON.parse((await real('schedule', '--from', '2026-10-01', '--to', '2026-10-05', '--json')).out) as { messages: { kind: string; to: string; board?: string }[] };
    assert.deepEqual(json.messages.filter((m) => m.kind === 'digest').map((m) => m.board), ['Leicester City Health and Wellbeing Board', 'Leicestershire Health and Wellbeing Board']);
  });

  it('usage errors say what is wrong', async () => {
    const r = await run('summary');
    assert.equal(r.code, 2);
    assert.match(r.err, /summary needs --strategy <key>/);
    assert.match((await run('frobnicate')).err, /unknown command "frobnicate"/);
  });

  it('the installed binary runs the same command line, with its exit code', () => {
    const r = spawnSync(process.execPath, [BIN, 'frobnicate'], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'silent' } });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /unknown command "frobnicate"/);
  });
});
