import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const CRUISE = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

/** Removes terminal colour codes (SGR sequences), so the report reads the same in any terminal. */
function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

/** Runs the project's dependency rules (the ones `npm run lint` runs) over a small tree of files. */
function cruise(files: Record<string, string>): { status: number | null; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'hwb-layers-'));
  try {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    cpSync(join(ROOT, '.dependency-cruiser.cjs'), join(dir, '.dependency-cruiser.cjs'));
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'commonjs', esModuleInterop: true }, include: ['src'] }));
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    // CI may force colour (FORCE_COLOR): the report's file names then come wrapped in escape codes.
    const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
    const r = spawnSync(process.execPath, [CRUISE, '--config', '.dependency-cruiser.cjs', 'src'], { cwd: dir, encoding: 'utf8', env });
    return { status: r.status, out: stripAnsi(`${r.stdout}${r.stderr}`) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const LAYERS = {
  'src/domain/rag.ts': 'export const RAGS = ["red", "amber", "green"];\n',
  'src/app/deps.ts': "import { RAGS } from '../domain/rag';\nexport const n = RAGS.length;\n",
  'src/cards/check-in-card.ts': "import { n } from '../app/deps';\nexport const card = { n };\n",
  'src/bot/reply.ts': "import { card } from '../cards/check-in-card';\nexport const reply = card;\n",
  'src/store/azure-tables/tables.ts': "import { RAGS } from '../../domain/rag';\nexport const t = RAGS;\n",
  'src/links/signed-token.ts': "import { RAGS } from '../domain/rag';\nexport const sign = RAGS;\n",
  'src/web/page.ts': "import { card } from '../cards/check-in-card';\nexport const page = card;\n",
  'src/bot/links.ts': "import { sign } from '../links/signed-token';\nexport const link = sign;\n",
  'src/http/host.ts': "import { reply } from '../bot/reply';\nimport { page } from '../web/page';\nimport { sign } from '../links/signed-token';\nexport const host = [reply, page, sign];\n",
};

/** The layer rule fails the build: shown here on a wrong import added to an otherwise clean tree. */
describe('the layer rule (dependency-cruiser, run by npm run lint)', function () {
  this.timeout(60_000);

  it('a clean tree passes', () => {
    const r = cruise(LAYERS);
    assert.equal(r.status, 0, r.out);
  });

  it('each wrong import fails, named with its file (one run over a tree with all of them)', () => {
    const wrong: [string, string, string][] = [
      ['the domain importing a use case', 'src/domain/a.ts', "import '../app/deps';"],
      ['the domain importing docx', 'src/domain/b.ts', "import 'docx';"],
      ['the domain importing a card', 'src/domain/c.ts', "import '../cards/check-in-card';"],
      ['the domain importing the Azure Tables adapter', 'src/domain/d.ts', "import '../store/azure-tables/tables';"],
      ['a use case importing a card', 'src/app/e.ts', "import '../cards/check-in-card';"],
      ['a use case importing storage', 'src/app/f.ts', "import '../store/azure-tables/tables';"],
      ['a use case importing pino', 'src/app/g.ts', "import 'pino';"],
      ['an adapter importing another adapter', 'src/store/h.ts', "import '../bot/reply';"],
      ['a card importing an adapter', 'src/cards/k.ts', "import '../store/azure-tables/tables';"],
      ['a card importing a package', 'src/cards/l.ts', "import 'docx';"],
      ['a card imported from under an adapter (src/bot/cards)', 'src/bot/m.ts', "import './cards/old-card';"],
      ['botbuilder outside src/bot', 'src/store/i.ts', "import 'botbuilder';"],
      ['the bot importing the HTTP host', 'src/bot/n.ts', "import '../http/host';"],
      ['the web pages importing the HTTP host', 'src/web/o.ts', "import '../http/host';"],
      ['the web pages importing the bot', 'src/web/p.ts', "import '../bot/reply';"],
      ['signed links importing the bot', 'src/links/q.ts', "import '../bot/reply';"],
    ];
    const oldCard = { 'src/bot/cards/old-card.ts': 'export const old = 1;\n' };
    const r = cruise({ ...LAYERS, ...oldCard, ...Object.fromEntries(wrong.map(([, file, line]) => [file, `${line}\nexport {};\n`])) });
    assert.notEqual(r.status, 0, r.out);
    for (const [what, file] of wrong) assert.match(r.out, new RegExp(`(not-in-allowed|botbuilder-in-bot|cards-in-src-cards): ${file.replace(/[./]/g, '\\$&')} →`), `${what} was not reported:\n${r.out}`);
  });
});
