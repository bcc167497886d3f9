import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const KNIP = join(ROOT, 'node_modules', 'knip', 'bin', 'knip.js');

/** What knip reads: the configuration, the manifests and every source folder (not node_modules, dist or .git). */
const COPIED = ['knip.jsonc', 'package.json', 'tsconfig.json', 'eslint.config.mjs', '.dependency-cruiser.cjs', '.mocharc.json', '.mocharc.slow.json', 'src', 'test', 'scripts', 'bench', 'bin', 'test-browser'];

/** Runs knip as `npm run lint` does, on a copy of this repository with `change` applied. */
function knipOnCopy(change: (dir: string) => void): { status: number | null; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'hwb-knip-'));
  try {
    for (const p of COPIED) cpSync(join(ROOT, p), join(dir, p), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    change(dir);
    const r = spawnSync(process.execPath, [KNIP, '--no-progress', '--no-config-hints'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
    return { status: r.status, out: `${r.stdout}${r.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('dead code is a lint failure (knip, run by npm run lint)', function () {
  this.timeout(120_000);

  it('npm run lint runs eslint, the layer rule (dependency-cruiser) and knip', () => {
    const lint = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.lint!;
    for (const tool of [/\beslint\b/, /\bdepcruise --config \.dependency-cruiser\.cjs src\b/, /\bknip\b/]) assert.match(lint, tool);
  });

  it('an export nobody imports fails it, named with its file; it is the only thing reported', () => {
    const r = knipOnCopy((dir) => appendFileSync(join(dir, 'src', 'domain', 'rag.ts'), '\n/** Nobody imports this. */\nexport const NOBODY_USES_THIS = 1;\n'));
    assert.notEqual(r.status, 0, r.out);
    assert.match(r.out, /Unused exports \(1\)\s+NOBODY_USES_THIS\s+src\/domain\/rag\.ts/, r.out);
    assert.doesNotMatch(r.out, /Unused (files|dependencies|devDependencies)|Unlisted/, r.out);
  });
});
