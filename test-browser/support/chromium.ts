import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium (`apt-get install -y chromium`); never a browser downloaded by a test tool. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Flags for this machine's closed network: without the background-networking ones Chromium
 * keeps trying Google's services. The host resolver rule makes any name but loopback fail
 * inside the browser, so nothing can leave the machine even if a page asks.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];

export interface Browser {
  context: BrowserContext;
  /** Requests the page tried to send off the machine (web fonts from a CDN), all refused. */
  refused: string[];
  close(): Promise<void>;
}

/** A fresh profile in a temporary --user-data-dir, deleted on close. */
export async function launchChromium(viewport = { width: 1400, height: 1000 }): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing. Install Debian's Chromium: apt-get update && apt-get install -y chromium (or set CHROMIUM_PATH).`);
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'hwb-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  });
  const refused: string[] = [];
  await context.route('**/*', (route) => {
    const { hostname, protocol } = new URL(route.request().url());
    if (protocol === 'data:' || protocol === 'blob:' || hostname === '127.0.0.1') return route.continue();
    refused.push(route.request().url());
    return route.abort('blockedbyclient');
  });
  return {
    context,
    refused,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
