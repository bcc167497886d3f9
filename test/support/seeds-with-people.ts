import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_SEEDS } from './bot-harness';

/** The test board's seeds in a new folder, with people.json changed by `edit` (the caller removes the folder). */
export function seedsWithPeople(edit: (people: { people: Record<string, unknown>[] }) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'hwb-seeds-'));
  cpSync(FIXTURE_SEEDS, dir, { recursive: true });
  const people = JSON.parse(readFileSync(join(dir, 'people.json'), 'utf8')) as { people: Record<string, unknown>[] };
  edit(people);
  writeFileSync(join(dir, 'people.json'), JSON.stringify(people));
  return dir;
}
