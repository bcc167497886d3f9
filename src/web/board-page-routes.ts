import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Logger } from 'pino';
import type * as restify from 'restify';
import type { AppDeps } from '../app/deps';
import { boardPage, priorityPage, viewerOf, type BoardPageRequest, type CellState, type Viewer } from '../app/board-page';
import { verifyBoardLink } from './board-links';
import { BOARD_LINK_EXPIRED, BOARD_LINK_INVALID, BOARD_LINK_OTHER_BOARD, httpError, UNEXPECTED, userMessage } from '../bot/user-messages';
import type { Board } from '../domain/board';
import { isDomainError } from '../domain/errors';
import { boardGridCsv } from './board-page-csv';
import { BOARD_ASSETS, boardPageHtml, printCss, refusalHtml } from './board-page-html';
import { priorityPageHtml } from './board-page-priority-html';

/**
 * GET /boards/<board> (the page), its priority pages, its CSV and print header, and the pages'
 * static files. The signed link names a person and a board; what that person may see is read
 * from storage on every request.
 */
export interface BoardPageDeps {
  app: AppDeps;
  secret: string;
  log: Logger;
}

/** No inline script or style; Chart.js and the page's files come from the bot itself. */
const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft",
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

type Refusal = { status: number; title: string; text: string };
type Holder = { ok: true; viewer: Viewer; board: Board; token: string } | { ok: false; refusal: Refusal };

function query(req: restify.Request): URLSearchParams {
  return new URL(req.url ?? '', 'http://localhost').searchParams;
}

async function holderOf(deps: BoardPageDeps, req: restify.Request): Promise<Holder> {
  const token = query(req).get('token') ?? '';
  const check = await verifyBoardLink(token, deps.secret, deps.app.clock.now());
  if (!check.ok) {
    deps.log.info({ reason: check.reason, tokenLength: token.length }, 'board page link refused');
    return { ok: false, refusal: check.reason === 'expired' ? BOARD_LINK_EXPIRED : BOARD_LINK_INVALID };
  }
  if (check.claims.board !== String(req.params.board ?? '')) return { ok: false, refusal: BOARD_LINK_OTHER_BOARD };
  try {
    const { viewer, board } = await viewerOf(deps.app, check.claims.personId, check.claims.board);
    return { ok: true, viewer, board, token };
  } catch (e) {
    return { ok: false, refusal: refusalOf(deps, e) };
  }
}

function refusalOf(deps: BoardPageDeps, e: unknown): Refusal {
  if (!isDomainError(e)) {
    deps.log.error({ err: e }, 'board page failed');
    return { status: 500, ...UNEXPECTED };
  }
  return { status: httpError(e).status, ...userMessage(e) };
}

function requestOf(req: restify.Request): BoardPageRequest {
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

/** The page's files are real files (linted), beside this module in src, and found from dist too. */
function assetFile(name: string): string {
  const candidates = [join(__dirname, 'assets', name), join(__dirname, '..', '..', '..', 'src', 'web', 'assets', name)];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`the board page's ${name} is missing (looked in ${candidates.join(', ')})`);
  return found;
}

const assets = new Map<string, { type: string; body: () => Buffer }>();
function cached(read: () => Buffer): () => Buffer {
  let body: Buffer | undefined;
  return () => (body ??= read());
}
assets.set('board-page.css', { type: 'text/css', body: cached(() => readFileSync(assetFile('board-page.css'))) });
assets.set('board-page.js', { type: 'text/javascript', body: cached(() => readFileSync(assetFile('board-page.js'))) });
// Chart.js's own UMD build from node_modules: no CDN, works offline.
assets.set('chart.umd.min.js', { type: 'text/javascript', body: cached(() => readFileSync(join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'))) });

export function registerBoardPageRoutes(server: restify.Server, deps: BoardPageDeps): void {
  const send = (res: restify.Response, status: number, type: string, body: string, extra: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, ...SECURITY_HEADERS, ...extra });
    res.end(body);
  };
  const refuse = (res: restify.Response, r: Refusal) => send(res, r.status, 'text/html', refusalHtml(r.title, r.text));

  server.get('/boards/:board', async (req, res) => {
    const h = await holderOf(deps, req);
    if (!h.ok) return refuse(res, h.refusal);
    try {
      send(res, 200, 'text/html', boardPageHtml(await boardPage(deps.app, h.viewer, h.board, requestOf(req)), h.token));
    } catch (e) {
      refuse(res, refusalOf(deps, e));
    }
  });
  server.get('/boards/:board/grid.csv', async (req, res) => {
    const h = await holderOf(deps, req);
    if (!h.ok) return refuse(res, h.refusal);
    try {
      const view = await boardPage(deps.app, h.viewer, h.board, requestOf(req));
      send(res, 200, 'text/csv', boardGridCsv(view), { 'content-disposition': `attachment; filename="${h.board.key}-${view.asAt}.csv"` });
    } catch (e) {
      refuse(res, refusalOf(deps, e));
    }
  });
  server.get('/boards/:board/print.css', async (req, res) => {
    const h = await holderOf(deps, req);
    if (!h.ok) return send(res, h.refusal.status, 'text/css', '');
    const asAt = requestOf(req).asAt ?? '';
    send(res, 200, 'text/css', printCss(h.board.name, /^\d{4}-\d{2}-\d{2}$/.test(asAt) ? asAt : ''));
  });
  server.get('/boards/:board/priorities/:strategy/:priority', async (req, res) => {
    const h = await holderOf(deps, req);
    if (!h.ok) return refuse(res, h.refusal);
    try {
      const ref = `${String(req.params.strategy)}/${String(req.params.priority)}`;
      send(res, 200, 'text/html', priorityPageHtml(await priorityPage(deps.app, h.viewer, h.board, ref, requestOf(req).asAt), h.token));
    } catch (e) {
      refuse(res, refusalOf(deps, e));
    }
  });
  server.get(`${BOARD_ASSETS}/:file`, async (req, res) => {
    const asset = assets.get(String(req.params.file));
    if (!asset) return send(res, 404, 'text/plain', 'Not found.');
    res.writeHead(200, { 'content-type': `${asset.type}; charset=utf-8`, 'cache-control': 'public, max-age=3600', 'x-content-type-options': 'nosniff' });
    res.end(asset.body());
  });
}
