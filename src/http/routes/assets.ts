import { ASSET_PATH, pageAssets } from '../../web/page-assets';
import { handled, plainRefusal } from '../errors';
import type { RouteModule } from '../route-module';

/**
 * The check-in page's static files under /checkin/assets (the card renderer, the page's script and
 * styles), each at its hashed address, which never changes content: a browser may keep it a year.
 * Any other address there is restify's 404, in our words.
 */
export function assetRoutes(): RouteModule {
  return {
    paths: `GET ${ASSET_PATH}/*`,
    register(server, { log }) {
      // Read once, here at start: a missing file stops the start, not a reader's page.
      for (const asset of Object.values(pageAssets())) {
        server.get(
          asset.url,
          handled(log, asset.url, plainRefusal, async () => ({ status: 200, contentType: asset.contentType, body: asset.body, headers: { 'cache-control': 'public, max-age=31536000, immutable' } })),
        );
      }
    },
  };
}
