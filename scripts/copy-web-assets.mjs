/**
 * Part of `npm run build`: the web pages' script and styles (src/web/assets) beside the compiled
 * code (dist/src/web/assets), where src/web/page-assets.ts reads them from when the bot starts.
 * The folder is replaced, so a file removed from src is gone from dist too.
 */
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const from = join(root, 'src', 'web', 'assets');
const to = join(root, 'dist', 'src', 'web', 'assets');
rmSync(to, { recursive: true, force: true });
// Only what the bot serves: the folder's tsconfig.json is for the type check.
cpSync(from, to, { recursive: true, filter: (file) => !file.endsWith('tsconfig.json') });
