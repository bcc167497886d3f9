import type { Request } from 'restify';

/**
 * Why a request did not come from the bot's own pages, or undefined. Browsers send `Origin` with
 * every POST and `Sec-Fetch-Site` when they know it; a client with neither (a script holding a
 * link) is not a cross-site browser request, and its link still has to be valid.
 */
export function crossSite(req: Request, ownOrigin: string): string | undefined {
  if (String(req.headers['sec-fetch-site'] ?? '').toLowerCase() === 'cross-site') return 'Sec-Fetch-Site: cross-site';
  const origin = req.headers.origin;
  if (origin === undefined) return undefined;
  return origin === ownOrigin ? undefined : 'another origin';
}
