import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { z } from 'zod';
import { formatPath, peopleSeedSchema, strategySeedSchema, type PeopleSeed, type StrategySeed } from './schema';

export const PEOPLE_FILE = 'people.json';

export class SeedError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'SeedError';
  }
}

export interface SeedSet {
  strategies: { file: string; seed: StrategySeed }[];
  people: { file: string; seed: PeopleSeed } | undefined;
  /** Content hash of every file, so a second load of the same files can do nothing. */
  hash: string;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_value':
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' | ')}`;
    case 'invalid_type':
      return issue.input === undefined ? `required (${issue.expected})` : `expected ${issue.expected}`;
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    default:
      return issue.message;
  }
}

function parseWith<T>(schema: z.ZodType<T>, file: string, raw: string): { seed?: T; problems: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (e) {
    return { problems: [`${file}: not valid JSON: ${(e as Error).message}`] };
  }
  const result = schema.safeParse(json);
  if (result.success) return { seed: result.data, problems: [] };
  return { problems: result.error.issues.map((i) => `${file}: ${formatPath(i.path)}: ${describeIssue(i)}`) };
}

/** Validates one file on its own (the people file is recognised by its name). */
export function checkSeedFile(path: string, displayRoot = process.cwd()): { problems: string[]; strategy?: StrategySeed; people?: PeopleSeed } {
  const file = relative(displayRoot, path) || path;
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (e) {
    return { problems: [`${file}: cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`] };
  }
  if (basename(path) === PEOPLE_FILE) {
    const r = parseWith(peopleSeedSchema, file, raw);
    return { problems: r.problems, people: r.seed };
  }
  const r = parseWith(strategySeedSchema, file, raw);
  const problems = [...r.problems];
  const expectedKey = basename(path, '.json');
  if (r.seed && r.seed.key !== expectedKey) problems.push(`${file}: key: "${r.seed.key}" should match the file name "${expectedKey}"`);
  return { problems, strategy: problems.length === 0 ? r.seed : undefined };
}

export function seedFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * Reads and validates a set of seed files, including the references between them (the people
 * file names strategies and priorities). Throws a SeedError listing every problem; nothing is
 * returned, so nothing can be half-loaded.
 */
export function readSeedSet(paths: string[], displayRoot = process.cwd()): SeedSet {
  const problems: string[] = [];
  const strategies: SeedSet['strategies'] = [];
  let people: SeedSet['people'];
  const hash = createHash('sha256');
  for (const path of [...paths].sort()) {
    const file = relative(displayRoot, path) || path;
    const checked = checkSeedFile(path, displayRoot);
    problems.push(...checked.problems);
    try {
      hash.update(file).update('\0').update(readFileSync(path)).update('\0');
    } catch {
      // Unreadable files are already reported as problems above.
    }
    if (checked.strategy) strategies.push({ file, seed: checked.strategy });
    if (checked.people) people = { file, seed: checked.people };
  }
  const keys = new Map<string, string>();
  for (const s of strategies) {
    const other = keys.get(s.seed.key);
    if (other) problems.push(`${s.file}: key: strategy "${s.seed.key}" is also defined in ${other}`);
    keys.set(s.seed.key, s.file);
  }
  if (people?.seed.boards) {
    const names = new Set(people.seed.boards.map((b) => b.name));
    for (const s of strategies) if (!names.has(s.seed.board)) problems.push(`${s.file}: board: "${s.seed.board}" is not one of the boards in ${people.file}`);
  }
  if (people) {
    people.seed.assignments.forEach((a, i) => {
      const s = strategies.find((x) => x.seed.key === a.strategy);
      if (!s) problems.push(`${people!.file}: assignments[${i}].strategy: unknown strategy "${a.strategy}"`);
      else if (!s.seed.priorities.some((p) => p.key === a.priority)) problems.push(`${people!.file}: assignments[${i}].priority: no priority "${a.priority}" in ${a.strategy}`);
      else if (a.project !== undefined && !(s.seed.priorities.find((p) => p.key === a.priority)!.projects ?? []).some((x) => x.key === a.project)) problems.push(`${people!.file}: assignments[${i}].project: no project "${a.project}" in ${a.strategy} ${a.priority}`);
    });
  }
  if (problems.length > 0) throw new SeedError(problems);
  return { strategies, people, hash: hash.digest('hex') };
}
