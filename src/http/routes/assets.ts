import { readFileSync } from 'node:fs';
import { ASSET_PATH } from '../../web/check-in-page';
import { CHECK_IN_PAGE_CSS, CHECK_IN_PAGE_JS } from '../../web/page-assets';
import { handled, plainRefusal } from '../errors';
import type { RouteModule } from '../route-module';

let adaptiveCardsBundle: string | undefined;
function adaptiveCardsJs(): string {
  adaptiveCardsBundle ??= readFileSync(require.resolve('adaptivecards/dist/adaptivecards.min.js'), 'utf8');
  return adaptiveCardsBundle;
}

/** The check-in page's static files under /checkin/assets: the card renderer, the page's script and styles. */
export function assetRoutes(): RouteModule {
  const files: [path: string, type: string, body: () => string][] = [
    ['adaptivecards.min.js', 'text/javascript', adaptiveCardsJs],
    ['check-in-page.js', 'text/javascript', () => CHECK_IN_PAGE_JS],
    ['check-in-page.css', 'text/css', () => CHECK_IN_PAGE_CSS],
  ];
  return {
    paths: `GET ${ASSET_PATH}/*`,
    register(server, { log }) {
      for (const [path, type, body] of files) {
        server.get(
          `${ASSET_PATH}/${path}`,
          handled(log, `${ASSET_PATH}/${path}`, plainRefusal, async () => ({ status: 200, contentType: `${type}; charset=utf-8`, body: body(), headers: { 'cache-control': 'public, max-age=3600' } })),
        );
      }
    },
  };
}
