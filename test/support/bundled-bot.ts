import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const ROOT = join(__dirname, '..', '..');

/**
 * src/index.ts compiled by esbuild (what tsx does per file) into one file, packages left as
 * imports: the same program, which starts in about 60% of the time tsx takes to load it file by
 * file. For tests that start the bot many times. It lives under node_modules/.cache so that its
 * imports resolve to the project's packages, with the web pages' files beside it (as `npm run build`
 * puts them beside the compiled code). Returns node's arguments and a clean-up.
 */
export async function bundledBot(): Promise<{ entry: string[]; remove(): void }> {
  const cache = join(ROOT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'hwb-bot-'));
  const outfile = join(dir, 'index.js');
  await build({ entryPoints: [join(ROOT, 'src', 'index.ts')], bundle: true, platform: 'node', format: 'cjs', packages: 'external', target: 'node20', outfile, logLevel: 'warning' });
  const web = join(ROOT, 'src', 'web');
  for (const entry of readdirSync(web, { withFileTypes: true })) {
    if (entry.isDirectory() && (entry.name === 'assets' || entry.name.endsWith('-assets'))) cpSync(join(web, entry.name), join(dir, entry.name), { recursive: true });
  }
  return { entry: [outfile], remove: () => rmSync(dir, { recursive: true, force: true }) };
}
