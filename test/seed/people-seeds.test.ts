import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { changeBoardPeople } from '../../src/app/board-people';
import { exportPeople } from '../../src/seed/export-people';
import { loadSeeds, toPeople } from '../../src/seed/load-seeds';
import { proposeRetirement, retirePerson } from '../../src/app/retire-person';
import { peopleSeedSchema, type PeopleSeed } from '../../src/seed/schema';
import { readSeedSet, seedFilesIn } from '../../src/seed/seed-files';
import { inMemoryApp } from '../app/in-memory-app';
import { runCli } from '../support/cli-runner';
import { freshStorage, testConnectionString, uniquePrefix } from '../support/storage';

const SEEDS = join(__dirname, '..', '..', 'seeds');
const S = 'leicester-2022-27';
const ALEX = { aadObjectId: '00000000-0000-0000-0000-0000000000020' };

/** The people file in a canonical order, for comparing two that mean the same. */
function canonical(seed: PeopleSeed): PeopleSeed {
  const key = (a: { strategy: string; priority: string; project?: string }) => `${a.strategy}|${a.priority}|${a.project ?? ''}`;
  return {
    boards: [...(seed.boards ?? [])].sort((a, b) => a.key.localeCompare(b.key)),
    people: [...seed.people].sort((a, b) => a.id.localeCompare(b.id)),
    assignments: seed.assignments.filter((a) => a.leads.length + a.deputies.length > 0 || a.project !== undefined).sort((a, b) => key(a).localeCompare(key(b))),
  };
}

describe('the people file: first import, kept once changed in Teams, exported back', function () {
  this.timeout(60_000);

  it('export --people gives back seeds/people.json as loaded (a valid file with the same boards, people and assignments)', async () => {
    const storage = await freshStorage();
    try {
      await loadSeeds(storage, readSeedSet(seedFilesIn(SEEDS), SEEDS), new Date('2026-11-24T10:00:00Z'));
      const exported = await exportPeople(storage);
      assert.ok(peopleSeedSchema.safeParse(exported).success, 'the export is a valid people file');
      const file = JSON.parse(readFileSync(join(SEEDS, 'people.json'), 'utf8')) as PeopleSeed;
      assert.deepEqual(canonical(exported), canonical(file));
    } finally {
      await storage.tables.dropTables();
    }
  });

  it('a board changed in Teams keeps its people when a changed file is loaded, the other board takes the file\'s; --people --force replaces them; the export carries the Teams changes', async () => {
    const { deps, stores } = await inMemoryApp({ now: '2026-11-24T10:00:00Z', strategies: [], priorities: [], people: [] });
    await loadSeeds(stores, readSeedSet(seedFilesIn(SEEDS), SEEDS), new Date('2026-11-24T10:00:00Z'));
    const version = (await stores.boardPeople.get('leicester-city'))!.version;
    const saved = await changeBoardPeople(deps, ALEX, { unitRef: `${S}/1`, role: 'lead', op: 'set', person: { email: 'kay.darby@example.org' }, baseVersion: version });
    assert.equal(saved.kind, 'saved');

    const dir = mkdtempSync(join(tmpdir(), 'hwb-seeds-'));
    try {
      cpSync(SEEDS, dir, { recursive: true });
      const file = JSON.parse(readFileSync(join(dir, 'people.json'), 'utf8')) as PeopleSeed;
      file.assignments.push({ strategy: S, priority: '1', leads: ['amy-hathway'], deputies: [] });
      file.assignments.push({ strategy: 'leicestershire-2022-32', priority: 'ie-shared-care-record', leads: ['amy-hathway'], deputies: [] });
      file.people.find((p) => p.id === 'megan-bowen')!.manages = ['leicestershire', 'leicester-city'];
      writeFileSync(join(dir, 'people.json'), JSON.stringify(file));
      const changed = readSeedSet(seedFilesIn(dir), dir);

      const report = await loadSeeds(stores, changed, new Date('2026-11-25T10:00:00Z'));
      assert.deepEqual(report.keptFromTeams.map((k) => k.boardKey), ['leicester-city']);
      assert.deepEqual((await stores.strategies.getPriority(S, '1'))?.leads, ['kay-darby'], 'Teams\' lead kept');
      assert.deepEqual((await stores.people.getPerson('megan-bowen'))?.manages, ['leicestershire'], 'Teams\' managers kept for Leicester City');
      assert.deepEqual((await stores.strategies.getPriority('leicestershire-2022-32', 'ie-shared-care-record'))?.leads, ['amy-hathway'], 'the other board takes the file');
      const exported = await exportPeople(stores);
      assert.deepEqual(exported.assignments.find((a) => a.strategy === S && a.priority === '1'), { strategy: S, priority: '1', leads: ['kay-darby'], deputies: [] });
      assert.ok(exported.people.some((p) => p.id === 'kay-darby'));

      const forced = await loadSeeds(stores, changed, new Date('2026-11-26T10:00:00Z'), { force: true, forcePeople: true });
      assert.deepEqual(forced.keptFromTeams, []);
      assert.deepEqual((await stores.strategies.getPriority(S, '1'))?.leads, ['amy-hathway']);
      assert.deepEqual((await stores.people.getPerson('megan-bowen'))?.manages, ['leicestershire', 'leicester-city']);
      assert.equal((await stores.boardPeople.get('leicester-city'))?.source, 'seed');
      // A card made before the forced load is out of date: its change is refused as stale.
      const stale = await changeBoardPeople(deps, ALEX, { unitRef: `${S}/2`, role: 'lead', op: 'set', person: { personId: 'kay-darby' }, baseVersion: version });
      assert.equal(stale.kind, 'stale');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('no board is left without a manager, and a change that changes nothing is said so', async () => {
    const { deps, stores } = await inMemoryApp({ now: '2026-11-24T10:00:00Z', strategies: [], priorities: [], people: [] });
    await loadSeeds(stores, readSeedSet(seedFilesIn(SEEDS), SEEDS), new Date('2026-11-24T10:00:00Z'));
    const v = async () => (await stores.boardPeople.get('leicestershire'))!.version;
    const megan = { aadObjectId: '00000000-0000-0000-0000-0000000000021' };
    const removeAlex = await changeBoardPeople(deps, megan, { boardKey: 'leicestershire', role: 'manager', op: 'remove', person: { personId: 'alex-wilber' }, baseVersion: await v() });
    assert.equal(removeAlex.kind, 'saved');
    assert.deepEqual((await stores.people.getPerson('alex-wilber'))?.manages, ['leicester-city']);
    await assert.rejects(changeBoardPeople(deps, megan, { boardKey: 'leicestershire', role: 'manager', op: 'remove', person: { personId: 'megan-bowen' }, baseVersion: await v() }), { code: 'LAST_MANAGER' });
    await assert.rejects(changeBoardPeople(deps, ALEX, { unitRef: `${S}/19`, role: 'lead', op: 'set', person: { personId: 'alex-wilber' }, baseVersion: '' }), { code: 'NOTHING_TO_CHANGE' });
    const trail = await stores.changes.list('leicestershire');
    assert.deepEqual(trail.map((c) => [c.by, c.subject, c.before, c.after]), [['megan-bowen', 'managers', 'Alex Wilber, Megan Bowen', 'Megan Bowen']]);
  });

  it('a retired person is exported as retired (kept, with the date) and loads back so', async () => {
    const { deps, stores } = await inMemoryApp({ now: '2026-11-24T10:00:00Z', strategies: [], priorities: [], people: [] });
    await loadSeeds(stores, readSeedSet(seedFilesIn(SEEDS), SEEDS), new Date('2026-11-24T10:00:00Z'));
    const proposal = await proposeRetirement(deps, ALEX, { text: 'Amy Hathway' });
    assert.equal((await retirePerson(deps, ALEX, { personId: 'amy-hathway', versions: Object.fromEntries(proposal.boards.map((b) => [b.key, b.version])) })).kind, 'saved');
    const exported = await exportPeople(stores);
    assert.ok(peopleSeedSchema.safeParse(exported).success, 'the export is a valid people file');
    const amy = exported.people.find((p) => p.id === 'amy-hathway');
    assert.equal(amy?.retired, '2026-11-24');
    assert.equal(exported.assignments.some((a) => a.leads.includes('amy-hathway')), false);
    assert.equal(toPeople(exported).find((p) => p.id === 'amy-hathway')?.retired, '2026-11-24');
  });

  it('on the command line: export --people prints the people file; seed load --people needs --force, and then replaces the Teams changes', async () => {
    const env = { STORAGE_CONNECTION_STRING: testConnectionString(), TABLE_PREFIX: uniquePrefix(), SEEDS_DIR: SEEDS, LOG_LEVEL: 'silent' };
    assert.equal((await runCli(env, 'seed', 'load')).code, 0);
    const exported = await runCli(env, 'export', '--people');
    assert.equal(exported.code, 0, exported.err);
    assert.deepEqual(canonical(JSON.parse(exported.out) as PeopleSeed), canonical(JSON.parse(readFileSync(join(SEEDS, 'people.json'), 'utf8')) as PeopleSeed));
    const refused = await runCli(env, 'seed', 'load', '--people');
    assert.equal(refused.code, 2);
    assert.match(refused.err, /--force/);
    const forced = await runCli(env, 'seed', 'load', '--people', '--force');
    assert.equal(forced.code, 0, forced.err);
    assert.match(forced.out, /Loaded \d+ strategies/);
  });
});
