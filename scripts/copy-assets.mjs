/**
 * Part of `npm run build`: tsc compiles only TypeScript, so the pages' own scripts and styles
 * (src/web/*-assets/) are copied beside the compiled code, where the routes read them
 * (`npm start` runs dist/, and the Azure zip deploy leaves src/ out).
 */
import { cpSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const web = join(root, 'src', 'web');
for (const entry of readdirSync(web, { withFileTypes: true })) {
  if (!entry.isDirectory() || !entry.name.endsWith('-assets')) continue;
  cpSync(join(web, entry.name), join(root, 'dist', 'src', 'web', entry.name), { recursive: true });
}
