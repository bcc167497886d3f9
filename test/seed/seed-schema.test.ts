import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSeeds } from '../../src/seed/load-seeds';
import { checkSeedFile, readSeedSet, SeedError } from '../../src/seed/seed-files';
import { peopleSeedSchema } from '../../src/seed/schema';
import { toBoards } from '../../src/seed/load-seeds';
import { FIXTURE_SEEDS } from '../support/bot-harness';
import { freshStorage } from '../support/storage';

// Tests mutate arbitrary seed JSON on purpose, including into invalid shapes.
/* eslint-disable @typescript-eslint/no-explicit-any */
/** A copy of the fixture strategy with one change applied, written to a temp folder. */
function withChange(change: (seed: Record<string, any>) => void, name = 'test-board-2025-28.json'): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'hwb-seed-'));
  const seed = JSON.parse(readFileSync(join(FIXTURE_SEEDS, 'test-board-2025-28.json'), 'utf8'));
  change(seed);
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(seed, null, 2));
  writeFileSync(join(dir, 'people.json'), readFileSync(join(FIXTURE_SEEDS, 'people.json')));
  return { dir, file };
}

function problemsOf(change: (seed: Record<string, any>) => void): string[] {
  const { dir, file } = withChange(change);
  try {
    return checkSeedFile(file, dir).problems;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('seed schema', () => {
  it('accepts the fixture files', () => {
    for (const f of ['test-board-2025-28.json', 'people.json']) assert.deepEqual(checkSeedFile(join(FIXTURE_SEEDS, f), FIXTURE_SEEDS).problems, []);
  });

  it('a wrong polarity names the file, the path and the allowed values', () => {
    assert.deepEqual(
      problemsOf((s) => (s.indicators[1].polarity = 'up-is-good')),
      ['test-board-2025-28.json: indicators[1].polarity: expected "high-is-good" | "low-is-good"'],
    );
  });

  it('a duplicate priority key is rejected at the duplicate', () => {
    assert.deepEqual(
      problemsOf((s) => (s.priorities[2].key = '19')),
      ['test-board-2025-28.json: priorities[2].key: duplicate priority key "19"'],
    );
  });

  it('a KPI without baseline is rejected', () => {
    assert.deepEqual(
      problemsOf((s) => delete s.indicators[0].baseline),
      ['test-board-2025-28.json: indicators[0].baseline: required (object)'],
    );
  });

  it('broken references, unknown keys, bad periods and bad JSON are each named', () => {
    assert.deepEqual(problemsOf((s) => (s.indicators[0].priority = '99')), ['test-board-2025-28.json: indicators[0].priority: unknown priority "99"']);
    assert.deepEqual(problemsOf((s) => (s.priorities[0].colour = 'red')), ['test-board-2025-28.json: priorities[0]: unknown key "colour"']);
    assert.deepEqual(problemsOf((s) => (s.checkIns[0].period = 'Q3 2026')), ['test-board-2025-28.json: checkIns[0].period: expected a period like 2024, 2024-H1, 2024-Q3 or 2024-07']);
    assert.deepEqual(problemsOf((s) => (s.checkIns[0].rag = 'purple')), ['test-board-2025-28.json: checkIns[0].rag: expected "red" | "amber" | "green"']);
    assert.deepEqual(problemsOf((s) => (s.key = 'other-key')), ['test-board-2025-28.json: key: "other-key" should match the file name "test-board-2025-28"']);
    const dir = mkdtempSync(join(tmpdir(), 'hwb-seed-'));
    writeFileSync(join(dir, 'broken.json'), '{ "key": ');
    assert.match(checkSeedFile(join(dir, 'broken.json'), dir).problems[0]!, /^broken\.json: not valid JSON/);
    rmSync(dir, { recursive: true, force: true });
  });

  it('an indicator may bound its readings with min and max (kept on the stored KPI); max below min is refused', async () => {
    assert.deepEqual(problemsOf((s) => Object.assign(s.indicators[1], { min: 10, max: 5 })), ['test-board-2025-28.json: indicators[1].max: max must not be below min']);
    assert.match(problemsOf((s) => (s.indicators[1].max = 'lots')).join('\n'), /^test-board-2025-28\.json: indicators\[1\]\.max: [^\n]*number\)?$/);
    const { dir, file } = withChange((s) => Object.assign(s.indicators[1], { min: -10, max: 10 }));
    const storage = await freshStorage();
    try {
      await loadSeeds(storage, readSeedSet([file, join(dir, 'people.json')], dir), new Date('2026-01-01T00:00:00Z'));
      const kpi = (await storage.strategies.getPriority('test-board-2025-28', '19'))?.kpis.find((k) => k.key === 'strength');
      assert.deepEqual([kpi?.min, kpi?.max], [-10, 10]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await storage.tables.dropTables();
    }
  });

  it('the people file must name known strategies, priorities and people', () => {
    const { dir } = withChange(() => undefined);
    const people = JSON.parse(readFileSync(join(dir, 'people.json'), 'utf8'));
    people.assignments.push({ strategy: 'test-board-2025-28', priority: '404', leads: ['nobody'], deputies: [] });
    writeFileSync(join(dir, 'people.json'), JSON.stringify(people));
    try {
      assert.throws(
        () => readSeedSet([join(dir, 'people.json'), join(dir, 'test-board-2025-28.json')], dir),
        (e: unknown) => e instanceof SeedError && e.problems.includes('people.json: assignments[3].leads[0]: unknown person "nobody"'),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a bad file stops the whole load: nothing of any file is stored', async () => {
    const { dir, file } = withChange((s) => (s.indicators[1].polarity = 'sideways'));
    writeFileSync(join(dir, 'second-board.json'), readFileSync(join(FIXTURE_SEEDS, 'test-board-2025-28.json'), 'utf8').replace(/test-board-2025-28/g, 'second-board'));
    const storage = await freshStorage();
    try {
      assert.throws(() => readSeedSet([file, join(dir, 'second-board.json'), join(dir, 'people.json')], dir), SeedError);
      assert.deepEqual(await storage.strategies.listStrategies(), []);
      assert.deepEqual(await storage.people.listPeople(), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await storage.tables.dropTables();
    }
  });

  it('loading twice writes nothing the second time, and never overwrites a live answer', async () => {
    const storage = await freshStorage();
    try {
      const set = readSeedSet([join(FIXTURE_SEEDS, 'test-board-2025-28.json'), join(FIXTURE_SEEDS, 'people.json')], FIXTURE_SEEDS);
      const first = await loadSeeds(storage, set, new Date('2026-01-01T00:00:00Z'));
      assert.deepEqual(first, { skipped: false, strategies: 1, priorities: 4, people: 4, checkInsCreated: 1, keptFromTeams: [] });
      assert.equal((await loadSeeds(storage, set, new Date())).skipped, true);
      const live = await storage.checkIns.get('test-board-2025-28', '19', '2026-Q2');
      await storage.checkIns.save({ ...live!, update: 'Edited live', submissionId: 'live-edit-aaaaaaaa' }, 1);
      const forced = await loadSeeds(storage, set, new Date(), { force: true });
      assert.equal(forced.checkInsCreated, 0);
      assert.equal((await storage.checkIns.get('test-board-2025-28', '19', '2026-Q2'))?.update, 'Edited live');
    } finally {
      await storage.tables.dropTables();
    }
  });

  it("a board's digest time follows the configuration's rules: HH:MM, and never in the hour clocks change", () => {
    const board = (digestTime: string) => ({ boards: [{ key: 'hwb', name: 'HWB', digestDay: 'Friday', digestTime }], people: [], assignments: [] });
    const problems = (digestTime: string) => (peopleSeedSchema.safeParse(board(digestTime)).error?.issues ?? []).map((i) => i.message);
    assert.deepEqual(problems('9:30'), ['expected HH:MM, 24-hour']);
    assert.deepEqual(problems('01:30'), ['nothing is scheduled between 01:00 and 02:00, where clocks change on DST days. Choose another time.']);
    assert.deepEqual(problems('00:59'), []);
    assert.deepEqual(problems('02:00'), []);
    const parsed = peopleSeedSchema.parse(board('02:00'));
    assert.deepEqual(toBoards(parsed), [{ key: 'hwb', name: 'HWB', digestWeekday: 5, digestTime: '02:00' }]);
  });
});
