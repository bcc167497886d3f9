import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The check-in page's script and styles (src/web/assets: files the linter reads; `npm run build`
 * copies them beside the compiled code) and the adaptivecards browser bundle, read once when the
 * bot starts. Each is served at an address holding its content's hash, so a browser may keep it
 * for a year: a changed file is a new address, and the page names the new one.
 */
export const ASSET_PATH = '/checkin/assets';

export interface PageAsset {
  /** The address the page names, e.g. /checkin/assets/check-in.1a2b3c4d5e6f.js */
  url: string;
  contentType: string;
  body: Buffer;
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
  const body = readFileSync(file);
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { url: `${ASSET_PATH}/${name}.${hash}.${extension}`, contentType: extension === 'js' ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8', body };
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
