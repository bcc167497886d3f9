import { dirname, join } from 'node:path';
import type { Logger } from 'pino';
import type { Request } from 'restify';
import type { AppDeps } from '../../app/deps';
import { boardPage, priorityPage, viewerOf, type BoardPageRequest, type CellState, type Viewer } from '../../app/board-page';
import { BOARD_LINK_EXPIRED, BOARD_LINK_INVALID, BOARD_LINK_OTHER_BOARD } from '../../bot/user-messages';
import type { Board } from '../../domain/board';
import { priorityRef } from '../../domain/strategy';
import { verifyBoardLink } from '../../links/board-links';
import { boardGridCsv } from '../../web/board-page-csv';
import { BOARD_ASSETS, boardPageHtml, printCss, refusalHtml } from '../../web/board-page-html';
import { priorityPageHtml } from '../../web/board-page-priority-html';
import { fixedAddressAssets, webAssetFile, type PageAsset } from '../../web/page-assets';
import { type Answer, pageHeaders, TEAMS_FRAME_ANCESTORS } from '../answer';
import { handled, type Refusal } from '../errors';
import type { RouteModule } from '../route-module';
import { registerAssets } from './assets';

/**
 * GET /boards/<board> (the page), its priority pages, its CSV and print header, and the pages'
 * static files. The signed link names a person and a board; what that person may see is read
 * from storage on every request (src/app/board-page.ts).
 */
export interface BoardPageRouteDeps {
  app: AppDeps;
  linkSecret: string;
}

/** No inline script or style; Chart.js and the page's files come from the bot itself. Teams may frame it (the tab). */
const SECURITY_HEADERS = pageHeaders(`default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self' ${TEAMS_FRAME_ANCESTORS}`);

const answer = (status: number, type: string, body: string, extra: Record<string, string> = {}): Answer => ({ status, contentType: `${type}; charset=utf-8`, body, headers: { ...SECURITY_HEADERS, ...extra } });
/** A refusal on these pages: a page saying it, with nothing of the board. */
const pageRefusal = (r: Refusal): Answer => answer(r.status, 'text/html', refusalHtml(r.title, r.text));
/** The print header's refusal: an empty stylesheet (the page itself says why). */
const cssRefusal = (r: Refusal): Answer => answer(r.status, 'text/css', '');

type Holder = { viewer: Viewer; board: Board; token: string };

function query(req: Request): URLSearchParams {
  return new URL(req.url ?? '', 'http://localhost').searchParams;
}

async function holderOf(deps: BoardPageRouteDeps, log: Logger, req: Request): Promise<Holder | Refusal> {
  const token = query(req).get('token') ?? '';
  const check = await verifyBoardLink(token, deps.linkSecret, deps.app.clock.now());
  if (!check.ok) {
    // One line per refusal, without the token: enough to see a pattern of forged links.
    log.info({ reason: check.reason, tokenLength: token.length }, 'board page link refused');
    return check.reason === 'expired' ? BOARD_LINK_EXPIRED : BOARD_LINK_INVALID;
  }
  if (check.claims.board !== String(req.params.board ?? '')) return BOARD_LINK_OTHER_BOARD;
  // Not a manager, lead or deputy of this board (any more): a domain error, answered by `handled`.
  const { viewer, board } = await viewerOf(deps.app, check.claims.personId, check.claims.board);
  return { viewer, board, token };
}

function requestOf(req: Request): BoardPageRequest {
  const q = query(req);
  const get = (k: string) => q.get(k) ?? undefined;
  const periods = Number(q.get('periods') ?? '');
  return {
    ...(get('asAt') ? { asAt: get('asAt')! } : {}),
    ...(get('strategy') ? { strategy: get('strategy')! } : {}),
    ...(get('theme') ? { theme: get('theme')! } : {}),
    ...(get('lead') ? { lead: get('lead')! } : {}),
    ...(get('status') ? { status: get('status') as CellState } : {}),
    ...(Number.isInteger(periods) && periods > 0 ? { periods } : {}),
  };
}

/** The pages' files; Chart.js is its own UMD build from node_modules: no CDN, works offline. */
function boardAssets(): PageAsset[] {
  return fixedAddressAssets(BOARD_ASSETS, {
    'board-page.css': webAssetFile('assets', 'board-page.css'),
    'board-page.js': webAssetFile('assets', 'board-page.js'),
    'chart.umd.min.js': join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'),
  });
}

export function boardPageRoutes(deps: BoardPageRouteDeps): RouteModule {
  return {
    paths: 'GET /boards/:board, /boards/:board/grid.csv, /boards/:board/print.css, /boards/:board/priorities/*, /boards-assets/*',
    register(server, { log }) {
      /** A page behind the link: refusals of the link as pages, anything thrown through the one mapping. */
      const withHolder = (route: string, view: (r: Refusal) => Answer, page: (h: Holder, req: Request) => Promise<Answer>) =>
        handled(log, route, view, async (req) => {
          const h = await holderOf(deps, log, req);
          return 'viewer' in h ? page(h, req) : view(h);
        });
      server.get(
        '/boards/:board',
        withHolder('/boards/:board', pageRefusal, async (h, req) => answer(200, 'text/html', boardPageHtml(await boardPage(deps.app, h.viewer, h.board, requestOf(req)), h.token))),
      );
      server.get(
        '/boards/:board/grid.csv',
        withHolder('/boards/:board/grid.csv', pageRefusal, async (h, req) => {
          const view = await boardPage(deps.app, h.viewer, h.board, requestOf(req));
          return answer(200, 'text/csv', boardGridCsv(view), { 'content-disposition': `attachment; filename="${h.board.key}-${view.asAt}.csv"` });
        }),
      );
      server.get(
        '/boards/:board/print.css',
        withHolder('/boards/:board/print.css', cssRefusal, async (h, req) => {
          const asAt = requestOf(req).asAt ?? '';
          return answer(200, 'text/css', printCss(h.board.name, /^\d{4}-\d{2}-\d{2}$/.test(asAt) ? asAt : ''));
        }),
      );
      server.get(
        '/boards/:board/priorities/:strategy/:priority',
        withHolder('/boards/:board/priorities', pageRefusal, async (h, req) => {
          const ref = priorityRef({ strategyKey: String(req.params.strategy), key: String(req.params.priority) });
          return answer(200, 'text/html', priorityPageHtml(await priorityPage(deps.app, h.viewer, h.board, ref, requestOf(req).asAt), h.token));
        }),
      );
      registerAssets(server, log, boardAssets());
    },
  };
}
