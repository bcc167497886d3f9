import { html, raw, webPage } from '../../web/html';
import type { Logger } from 'pino';
import type * as restify from 'restify';
import type { RouteModule } from '../route-module';
import { TEAMS_FRAME_ANCESTORS, pageHeaders, send } from '../answer';
import { registerAssets } from './assets';
import { fixedAddressAssets, webAssetFile } from '../../web/page-assets';
import type { AppDeps } from '../../app/deps';
import { tabBoardChoices, tabSession } from '../../app/tab-session';
import { TAB_PAGE, TAB_SIGN_IN, tabOtherBoard } from '../../bot/user-messages';
import { EntraKeysUnavailable, type EntraTokenVerifier, type EntraUser } from '../entra-token';

/**
 * The Teams tabs: the personal "Boards" tab and a channel tab for one board (manifest
 * `staticTabs` / `configurableTabs`), served by the bot. The page signs in with TeamsJS
 * (`authentication.getAuthToken()`), posts the Entra token to `POST /tab/session`, and goes to
 * the board page's own link for that person, which the board page checks as any other.
 */
export interface TabRouteDeps {
  app: Pick<AppDeps, 'people' | 'strategies' | 'clock'>;
  log: Logger;
  /** Absent: tab single sign-on is not set up (TAB_SSO=off, or local mode). */
  verifier?: Pick<EntraTokenVerifier, 'verify'>;
  /** A short-lived link to the board page for this person (the board page's own signed link). */
  issueBoardLink: (personId: string, boardKey: string) => Promise<string>;
}

export interface TabAnswer {
  status: number;
  json: Record<string, unknown>;
  headers?: Record<string, string>;
}

export const TAB_ASSET_PATH = '/tab/assets';

/** Seconds the tab is asked to wait when Entra's keys cannot be had. */
const KEYS_RETRY_AFTER_S = 10;

/**
 * No inline script or style; scripts only from the bot itself. TeamsJS reads its list of Teams
 * origins from Microsoft's CDN (and falls back to the list it ships), hence that one connect-src.
 */
const TAB_SECURITY_HEADERS = pageHeaders(
  `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' https://res.cdn.office.net; base-uri 'none'; form-action 'none'; frame-ancestors 'self' ${TEAMS_FRAME_ANCESTORS}`,
);

type Refusal = { status: number; title: string; text: string };

function refusal(r: Refusal, headers?: Record<string, string>): TabAnswer {
  return { status: r.status, json: { title: r.title, text: r.text }, ...(headers ? { headers } : {}) };
}

function bearerOf(header: unknown): string {
  const match = typeof header === 'string' ? /^Bearer ([^\s]+)$/i.exec(header.trim()) : null;
  return match ? match[1]! : '';
}

/** A board key as the board pages write them: lower-case letters, digits and dashes. */
function boardKeyOf(body: unknown): string | undefined {
  const board = typeof body === 'object' && body !== null ? (body as { board?: unknown }).board : undefined;
  return typeof board === 'string' && /^[a-z0-9-]{1,80}$/.test(board) ? board : undefined;
}

/** The user the token names, or the answer refusing it. */
async function signedIn(deps: TabRouteDeps, authorization: unknown): Promise<{ user: EntraUser } | { answer: TabAnswer }> {
  if (!deps.verifier) return { answer: refusal(TAB_SIGN_IN.notSetUp) };
  try {
    const verdict = await deps.verifier.verify(bearerOf(authorization), deps.app.clock.now());
    if (verdict.ok) return { user: verdict.user };
    // One line per refusal, never the token: enough to see a pattern.
    deps.log.warn({ reason: verdict.reason, detail: verdict.detail }, 'tab sign-in refused');
    return { answer: refusal(verdict.reason === 'tenant' ? TAB_SIGN_IN.otherTenant : TAB_SIGN_IN.tokenRefused) };
  } catch (e) {
    if (!(e instanceof EntraKeysUnavailable)) throw e;
    const cause = e.cause instanceof Error ? `${e.cause.name}: ${e.cause.message}` : String(e.cause);
    deps.log.error({ reason: cause.slice(0, 200) }, 'tab sign-in could not be checked: Entra keys unavailable');
    return { answer: refusal(TAB_SIGN_IN.unavailable, { 'retry-after': String(KEYS_RETRY_AFTER_S) }) };
  }
}

/** `POST /tab/session`: the board page's link for the signed-in person, or the boards to choose from. */
export async function tabSessionAnswer(deps: TabRouteDeps, authorization: unknown, body: unknown): Promise<TabAnswer> {
  const who = await signedIn(deps, authorization);
  if ('answer' in who) return who.answer;
  const session = await tabSession(deps.app, who.user.oid, boardKeyOf(body));
  switch (session.kind) {
    case 'unknown-person':
      deps.log.warn({ reason: 'no person with this Entra object id' }, 'tab sign-in refused');
      return refusal(TAB_SIGN_IN.unknownPerson);
    case 'no-board':
      return refusal(TAB_SIGN_IN.noBoard);
    case 'not-your-board':
      deps.log.warn({ reason: 'board not theirs', person: session.person.id }, 'tab sign-in refused');
      return refusal(tabOtherBoard(session.boards.map((b) => b.name)));
    case 'choose':
      return { status: 200, json: { boards: session.boards.map((b) => ({ key: b.key, name: b.name })) } };
    case 'open':
      try {
        return { status: 200, json: { url: await deps.issueBoardLink(session.person.id, session.board.key) } };
      } catch (e) {
        deps.log.error({ err: e }, 'tab: the board link could not be made');
        return refusal(TAB_SIGN_IN.linkFailed);
      }
  }
}

/** `POST /tab/my-boards`: the boards the signed-in person may pin as a channel tab (the configuration page). */
export async function tabBoardsAnswer(deps: TabRouteDeps, authorization: unknown): Promise<TabAnswer> {
  const who = await signedIn(deps, authorization);
  if ('answer' in who) return who.answer;
  const choices = await tabBoardChoices(deps.app, who.user.oid);
  if (choices.kind === 'unknown-person') return refusal(TAB_SIGN_IN.unknownPerson);
  if (choices.kind === 'no-board') return refusal(TAB_SIGN_IN.noBoard);
  return { status: 200, json: { boards: choices.boards.map((b) => ({ key: b.key, name: b.name })) } };
}

type Notice = { title: string; text: string };

function notice(id: string, n: Notice): string {
  return html`<div id="${id}" class="notice" role="alert" hidden><h2>${n.title}</h2><p>${n.text}</p></div>`;
}

function tabPage(title: string, script: string, main: string): string {
  return webPage({
    title: `${title} · HWB Progress Bot`,
    stylesheets: [`${TAB_ASSET_PATH}/tab-page.css`],
    body: html`<main id="main">
<h1>${title}</h1>
<noscript><div class="notice"><h2>${TAB_PAGE.noScript.title}</h2><p>${TAB_PAGE.noScript.text}</p></div></noscript>
<p id="status" role="status" aria-live="polite"></p>
${raw(main)}
${raw(notice('outside-teams', TAB_PAGE.outsideTeams))}
${raw(notice('sign-in-failed', TAB_PAGE.signInFailed))}
${raw(notice('no-connection', TAB_PAGE.noConnection))}
<div id="refused" class="notice" role="alert" hidden><h2 id="refused-title"></h2><p id="refused-text"></p></div>
</main>
<script src="${raw(TAB_ASSET_PATH)}/teams-js.min.js"></script>
<script src="${raw(TAB_ASSET_PATH)}/tab-common.js"></script>
<script src="${raw(TAB_ASSET_PATH)}/${raw(script)}"></script>`,
  });
}

/** The personal "Boards" tab and each channel's board tab (`?board=<key>`). */
export function boardsTabPage(): string {
  return tabPage('Health and Wellbeing Board', 'tab-page.js', html`<section id="choose" hidden aria-labelledby="choose-title"><h2 id="choose-title">Which board?</h2><p>You belong to more than one board. Choose the one to open:</p><ul id="choices"></ul></section>`);
}

/** The channel tab's configuration page: the user picks the board the tab shows. */
export function configTabPage(): string {
  return tabPage(
    'Add a board tab',
    'tab-config.js',
    html`<form id="pick" hidden><label for="board">Board to show in this channel</label><select id="board" name="board"><option value="">Choose a board</option></select><p class="hint">Members see the board as their own rights allow: managers all of it, leads the counts and their own priorities.</p></form>`,
  );
}

/** The tab's script and styles (src/web/tab-assets) and TeamsJS, pinned, from node_modules. */
function tabAssets() {
  return fixedAddressAssets(TAB_ASSET_PATH, {
    'teams-js.min.js': require.resolve('@microsoft/teams-js/dist/umd/MicrosoftTeams.min.js'),
    'tab-common.js': webAssetFile('tab-assets', 'tab-common.js'),
    'tab-page.js': webAssetFile('tab-assets', 'tab-page.js'),
    'tab-config.js': webAssetFile('tab-assets', 'tab-config.js'),
    'tab-page.css': webAssetFile('tab-assets', 'tab-page.css'),
  });
}

/** GET /tab/boards, GET /tab/config, their assets, POST /tab/session and POST /tab/my-boards. */
function registerTabRoutes(server: restify.Server, deps: TabRouteDeps): void {
  const page = (body: () => string) => async (_req: restify.Request, res: restify.Response) => send(res, { status: 200, contentType: 'text/html; charset=utf-8', body: body(), headers: TAB_SECURITY_HEADERS });
  server.get('/tab/boards', page(boardsTabPage));
  server.get('/tab/config', page(configTabPage));
  const sendJson = (res: restify.Response, answer: TabAnswer) => send(res, { status: answer.status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(answer.json), ...(answer.headers ? { headers: answer.headers } : {}) });
  server.post('/tab/session', async (req, res) => sendJson(res, await tabSessionAnswer(deps, req.headers.authorization, req.body)));
  server.post('/tab/my-boards', async (req, res) => sendJson(res, await tabBoardsAnswer(deps, req.headers.authorization)));
  registerAssets(server, deps.log, tabAssets());
}

/** The Teams tabs' pages, their files and their sign-in, as one of the host's route families. */
export function tabRoutes(deps: TabRouteDeps): RouteModule {
  return {
    paths: 'GET /tab/boards, /tab/config, /tab/assets/*; POST /tab/session, /tab/my-boards',
    register: (server) => registerTabRoutes(server, deps),
  };
}
