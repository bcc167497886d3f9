import type { Logger } from 'pino';
import type { Server } from 'restify';
import { ASSET_PATH, pageAssets, type PageAsset } from '../../web/page-assets';
import { handled, plainRefusal } from '../errors';
import type { RouteModule } from '../route-module';

/** Each file at its address, as read at start; any other address is restify's 404, in our words. */
export function registerAssets(server: Server, log: Logger, assets: readonly PageAsset[]): void {
  for (const asset of assets) {
    server.get(asset.url, handled(log, asset.url, plainRefusal, async () => ({ status: 200, contentType: asset.contentType, body: asset.body, headers: { 'cache-control': asset.cacheControl } })));
  }
}

/**
 * The check-in page's static files under /checkin/assets (the card renderer, the page's script and
 * styles), each at its hashed address, which never changes content: a browser may keep it a year.
 */
export function assetRoutes(): RouteModule {
  return {
    paths: `GET ${ASSET_PATH}/*`,
    register: (server, { log }) => registerAssets(server, log, Object.values(pageAssets())),
  };
}
