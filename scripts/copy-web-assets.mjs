/**
 * Part of `npm run build`: tsc compiles only TypeScript, so the web pages' own scripts and styles
 * (src/web/assets and every src/web/*-assets folder) are copied beside the compiled code
 * (dist/src/web/...), where the routes read them when the bot starts (`npm start` runs dist/, and
 * the Azure zip deploy leaves src/ out). Each folder is replaced, so a file removed from src is
 * gone from dist too.
 */
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const web = join(root, 'src', 'web');
for (const entry of readdirSync(web, { withFileTypes: true })) {
  if (!entry.isDirectory() || !(entry.name === 'assets' || entry.name.endsWith('-assets'))) continue;
  const to = join(root, 'dist', 'src', 'web', entry.name);
  rmSync(to, { recursive: true, force: true });
  // Only what the bot serves: a folder's tsconfig.json is for the type check.
  cpSync(join(web, entry.name), to, { recursive: true, filter: (file) => !file.endsWith('tsconfig.json') });
}
