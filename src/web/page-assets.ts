import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The check-in page's script and styles (src/web/assets: files the linter reads; `npm run build`
 * copies them beside the compiled code) and the adaptivecards browser bundle, read once when the
 * bot starts. Each is served at an address holding its content's hash, so a browser may keep it
 * for a year: a changed file is a new address, and the page names the new one.
 */
export const ASSET_PATH = '/checkin/assets';

/** A file the bot serves as it is: the check-in page's, the board page's, the tab's. */
export interface PageAsset {
  /** The address the page names, e.g. /checkin/assets/check-in.1a2b3c4d5e6f.js */
  url: string;
  contentType: string;
  body: Buffer;
  /** How long a browser may keep it: a year at a hashed address (its content never changes there), else an hour. */
  cacheControl: string;
}

const CONTENT_TYPES: Record<string, string> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' };

/** Read now, so that a missing file stops the start rather than a reader's page. */
function readAsset(file: string): Buffer {
  if (!existsSync(file)) throw new Error(`${relative(process.cwd(), file)} is missing: run \`npm run build\` (it copies the pages' files beside the compiled code)`);
  return readFileSync(file);
}

/**
 * Files at fixed addresses under `base` (`name` → file), read now. The board page and the tabs
 * name theirs by name; a browser keeps them an hour.
 */
export function fixedAddressAssets(base: string, files: Record<string, string>): PageAsset[] {
  return Object.entries(files).map(([name, file]) => ({ url: `${base}/${name}`, contentType: CONTENT_TYPES[name.split('.').pop() ?? ''] ?? 'application/octet-stream', body: readAsset(file), cacheControl: 'public, max-age=3600' }));
}

export interface PageAssets {
  script: PageAsset;
  styles: PageAsset;
  adaptiveCards: PageAsset;
}

/** Beside this module: src/web/assets under tsx, dist/src/web/assets after `npm run build`. */
const ASSETS_DIR = join(__dirname, 'assets');

/**
 * A file of the web pages' own (src/web/assets, src/web/tab-assets), found beside this module as
 * the build copies them: src/web under tsx, dist/src/web after `npm run build`, beside the bundle
 * in the slow tests. Routes in src/http find their pages' files here, not by a path of their own.
 */
export function webAssetFile(folder: 'assets' | 'tab-assets', name: string): string {
  return join(__dirname, folder, name);
}

function asset(file: string, name: string, extension: 'js' | 'css'): PageAsset {
  const body = readAsset(file);
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { url: `${ASSET_PATH}/${name}.${hash}.${extension}`, contentType: CONTENT_TYPES[extension]!, body, cacheControl: 'public, max-age=31536000, immutable' };
}

let loaded: PageAssets | undefined;

/** The page's files, read on the first call (the bot makes it at start, so a missing file stops the start). */
export function pageAssets(): PageAssets {
  loaded ??= {
    script: asset(join(ASSETS_DIR, 'check-in.js'), 'check-in', 'js'),
    styles: asset(join(ASSETS_DIR, 'check-in.css'), 'check-in', 'css'),
    adaptiveCards: asset(require.resolve('adaptivecards/dist/adaptivecards.min.js'), 'adaptivecards', 'js'),
  };
  return loaded;
}
