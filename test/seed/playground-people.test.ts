import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSeedSet, seedFilesIn } from '../../src/seed/seed-files';
import { toPeople } from '../../src/seed/load-seeds';
import { FIXTURE_SEEDS } from '../support/bot-harness';

const ROOT = join(__dirname, '..', '..');

/** The playground's users (scripts/playground/m365agentsplayground.yml), read field by field. */
function playgroundUsers(): { name: string; aadObjectId: string; email: string }[] {
  const yml = readFileSync(join(ROOT, 'scripts', 'playground', 'm365agentsplayground.yml'), 'utf8');
  return [...yml.matchAll(/^\s+(?:- )?id: user-id-\d+\n\s+name: (.+)\n[\s\S]*?aadObjectId: (\S+)\n[\s\S]*?email: (\S+)/gm)].map((m) => ({ name: m[1]!, aadObjectId: m[2]!, email: m[3]! }));
}

describe("the playground's people and the seeds' (README: three people the bot does not know)", () => {
  const seeded = [join(ROOT, 'seeds'), FIXTURE_SEEDS].flatMap((dir) => toPeople(readSeedSet(seedFilesIn(dir)).people!.seed));

  it('the people the README says the bot knows are seeded with the same object id and email; the three it does not know share neither with anyone seeded', () => {
    const users = playgroundUsers();
    assert.equal(users.length, 6, 'the current user and exactly five others');
    for (const name of ['Alex Wilber', 'Megan Bowen', 'Adele Vance']) {
      const u = users.find((x) => x.name === name)!;
      assert.ok(seeded.some((p) => p.name === name && p.aadObjectId === u.aadObjectId && p.email === u.email), name);
    }
    const unknown = users.filter((u) => !['Alex Wilber', 'Megan Bowen', 'Adele Vance'].includes(u.name));
    assert.deepEqual(unknown.map((u) => u.name), ['Isaiah Langer', 'Patti Fernandez', 'Lynne Robbins']);
    for (const u of unknown) {
      const clash = seeded.find((p) => p.aadObjectId === u.aadObjectId || p.email?.toLowerCase() === u.email.toLowerCase());
      assert.equal(clash, undefined, `${u.name} shares an object id or email with ${clash?.name}`);
    }
  });
});
