import html from 'html-template-tag';
import type { Logger } from 'pino';
import type * as restify from 'restify';
import type { AppDeps } from '../app/deps';
import { editCheckIn, startFromLastAnswer, submitCheckIn } from '../app/check-in';
import { isDomainError } from '../domain/errors';
import type { Identity, Person } from '../domain/person';
import { checkInCard, ERROR_ID_SUFFIX, FROM_LAST_VERB, NOTICE_IDS, SUBMIT_VERB } from '../cards/check-in-card';
import type { Card } from '../cards/elements';
import { messageCard } from '../cards/message-card';
import { EDIT_VERB, receiptCard } from '../cards/receipt-card';
import { CHECKIN_LINK_EXPIRED, CHECKIN_LINK_INVALID, checkInLinkOtherPriority, errorCard, httpError, REQUEST_REFUSED, UNEXPECTED, userMessage } from '../bot/user-messages';
import { verifyCheckInLink, type CheckInLinkClaims } from './check-in-links';
import { pageAssets } from './page-assets';

/**
 * The web check-in behind the emailed link: the same card as Teams, rendered in the browser by
 * the adaptivecards bundle, answering through the same use cases (submitCheckIn, editCheckIn)
 * as the person the link names. The link is the only credential, and it is checked on every request.
 */
export interface CheckInPageDeps {
  app: AppDeps;
  secret: string;
  log: Logger;
  /** The bot's own origin (PUBLIC_URL's, else the address it listens on): answers come only from its page. */
  ownOrigin: () => string | undefined;
}

export interface PageAnswer {
  status: number;
  html: string;
}

export interface SubmitAnswer {
  status: number;
  json: { kind: 'receipt' | 'invalid' | 'stale' | 'form' | 'refused'; card: Card; message?: string };
}

type Refusal = { status: number; title: string; text: string };

/** What the page may do, for the link in hand: a person and the claims, or why not. */
async function holderOf(deps: CheckInPageDeps, token: string): Promise<{ ok: true; person: Person; claims: CheckInLinkClaims } | { ok: false; refusal: Refusal }> {
  const check = await verifyCheckInLink(token, deps.secret, deps.app.clock.now());
  const person = check.ok ? await deps.app.people.getPerson(check.claims.personId) : undefined;
  if (check.ok && person) return { ok: true, person, claims: check.claims };
  const reason = check.ok ? 'person no longer on the board' : check.reason;
  // One line per refusal, without the token: enough to see a pattern of forged links.
  deps.log.info({ reason, tokenLength: token.length }, 'check-in link refused');
  return { ok: false, refusal: !check.ok && check.reason === 'expired' ? CHECKIN_LINK_EXPIRED : CHECKIN_LINK_INVALID };
}

function who(person: Person): Identity {
  return { known: person };
}

export async function checkInPage(deps: CheckInPageDeps, token: string): Promise<PageAnswer> {
  const holder = await holderOf(deps, token);
  if (!holder.ok) return { status: holder.refusal.status, html: refusalPage(holder.refusal) };
  try {
    const form = await editCheckIn(deps.app, who(holder.person), holder.claims.priority, holder.claims.period);
    return { status: 200, html: cardPage(`Check-in for ${form.period.label}: ${form.priority.number}. ${form.priority.title}`, checkInCard(form)) };
  } catch (e) {
    return { status: httpError(e).status, html: refusalPage(refusalOf(deps, e)) };
  }
}

export async function checkInSubmit(deps: CheckInPageDeps, token: string, body: unknown): Promise<SubmitAnswer> {
  const holder = await holderOf(deps, token);
  if (!holder.ok) return refused(holder.refusal);
  const { verb, data } = (typeof body === 'object' && body !== null ? body : {}) as { verb?: unknown; data?: unknown };
  const fields = (typeof data === 'object' && data !== null && !Array.isArray(data) ? data : {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  // The link answers one priority for one period: a card for anything else is refused here,
  // before the use case (which would allow any priority the person leads).
  if (str(fields.priority) !== holder.claims.priority || str(fields.period) !== holder.claims.period) {
    deps.log.info({ reason: 'priority or period differs from the link', person: holder.person.id }, 'check-in link refused');
    return refused(checkInLinkOtherPriority(holder.claims.priority, holder.claims.period));
  }
  try {
    if (verb === EDIT_VERB) return { status: 200, json: { kind: 'form', card: checkInCard(await editCheckIn(deps.app, who(holder.person), holder.claims.priority, holder.claims.period)) } };
    if (verb === FROM_LAST_VERB) {
      const form = await startFromLastAnswer(deps.app, who(holder.person), { priority: holder.claims.priority, period: holder.claims.period, submissionId: fields.submissionId });
      return { status: 200, json: { kind: 'form', card: checkInCard(form), message: 'The inputs now hold the last answer: change what has changed, then submit.' } };
    }
    if (verb !== SUBMIT_VERB) return refused({ status: 400, title: 'Unknown button', text: 'That button is not one this page knows, so nothing was saved. Reload the page.' });
    const result = await submitCheckIn(deps.app, who(holder.person), {
      priority: holder.claims.priority,
      period: holder.claims.period,
      baseVersion: typeof fields.baseVersion === 'number' ? fields.baseVersion : Number(fields.baseVersion),
      submissionId: str(fields.submissionId),
      inputs: fields,
      channel: 'web',
    });
    if (result.kind === 'receipt') return { status: 200, json: { kind: 'receipt', card: receiptCard(result.view), message: 'Your answer is saved.' } };
    // No message beside the card: the card's own banner says nothing was saved, and says it once.
    return { status: 200, json: { kind: result.kind, card: checkInCard(result.view) } };
  } catch (e) {
    if (isDomainError(e)) return { status: httpError(e).status, json: { kind: 'refused', card: errorCard(e) } };
    deps.log.error({ err: e }, 'web check-in failed');
    return { status: 500, json: { kind: 'refused', card: messageCard(UNEXPECTED.title, UNEXPECTED.text) } };
  }
}

function refused(r: Refusal): SubmitAnswer {
  return { status: r.status, json: { kind: 'refused', card: messageCard(r.title, r.text), message: r.title } };
}

function refusalOf(deps: CheckInPageDeps, e: unknown): Refusal {
  if (isDomainError(e)) return { status: httpError(e).status, ...userMessage(e) };
  deps.log.error({ err: e }, 'web check-in page failed');
  return { status: 500, ...UNEXPECTED };
}

/**
 * The page around a card or a refusal. `html` escapes every interpolation; `$${…}` marks a
 * fragment already rendered by `html` (or, for the card JSON, made safe for its block).
 */
function page(title: string, main: string, scripts: string): string {
  const assets = pageAssets();
  return html`<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title} · HWB Progress Bot</title>
<link rel="stylesheet" href="$${assets.styles.url}">
</head>
<body>
<header><p>HWB Progress Bot · Health and Wellbeing Board check-in</p></header>
<main id="main">
$${main}
</main>
<footer><p>This page was opened from a personal link in a reminder email. It can answer only this priority for this period.</p></footer>
$${scripts}
</body>
</html>
`;
}

/**
 * The card JSON travels in a data block (not run as script, and not HTML-escaped: a script
 * element's text is never entity-decoded); `<` is written `\u003c` so no text in it can close the block.
 * The card ids the page's script looks for are handed to it as data attributes.
 */
export function cardPage(title: string, card: Card): string {
  const json = JSON.stringify(card).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  const assets = pageAssets();
  return page(
    title,
    html`<h1>${title}</h1>
<div id="status" role="status" aria-live="polite"></div>
<div id="card-host" data-error-id-suffix="${ERROR_ID_SUFFIX}" data-notice-ids="${NOTICE_IDS.join(' ')}"><noscript><p>This page needs JavaScript to show the check-in form.</p></noscript></div>
<script type="application/json" id="card-json">$${json}</script>`,
    html`<script src="$${assets.adaptiveCards.url}"></script>
<script src="$${assets.script.url}"></script>`,
  );
}

export function refusalPage(r: Refusal): string {
  return page(r.title, html`<div class="notice" role="alert"><h1>${r.title}</h1><p>${r.text}</p></div>`, '');
}

/** No inline script anywhere; the card renderer's styles are set through the CSSOM, which CSP allows. */
const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  // The token is in the address: never hand it to another site, never keep the page in a cache.
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

function tokenOf(req: restify.Request): string {
  return new URL(req.url ?? '', 'http://localhost').searchParams.get('token') ?? '';
}

/**
 * Why a request did not come from the bot's own page, or undefined. Browsers send `Origin` with
 * every POST and `Sec-Fetch-Site` when they know it; a client with neither (a script holding the
 * link) is not a cross-site browser request, and the link still has to be valid.
 */
function crossSite(req: restify.Request, ownOrigin: string | undefined): string | undefined {
  if (String(req.headers['sec-fetch-site'] ?? '').toLowerCase() === 'cross-site') return 'Sec-Fetch-Site: cross-site';
  const origin = req.headers.origin;
  if (origin === undefined) return undefined;
  return origin === ownOrigin ? undefined : 'another origin';
}

/** GET /checkin, POST /checkin/submit and the page's two static files, on the bot's own server. */
export function registerCheckInPage(server: restify.Server, deps: CheckInPageDeps): void {
  server.get('/checkin', async (req, res) => {
    const answer = await checkInPage(deps, tokenOf(req));
    res.writeHead(answer.status, { 'content-type': 'text/html; charset=utf-8', ...SECURITY_HEADERS });
    res.end(answer.html);
  });
  server.post('/checkin/submit', async (req, res) => {
    // The page posts JSON with fetch. A form on another site (holding a forwarded link) can send
    // neither JSON without a CORS preflight nor this site's Origin: both are refused, nothing stored.
    const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') return send(res, refused({ status: REQUEST_REFUSED.notJson.status, title: 'Not sent by the check-in page', text: REQUEST_REFUSED.notJson.body }));
    const why = crossSite(req, deps.ownOrigin());
    if (why) {
      deps.log.warn({ reason: why, origin: String(req.headers.origin ?? '').slice(0, 100) }, 'check-in answer refused: not from the check-in page');
      return send(res, refused({ status: REQUEST_REFUSED.crossSite.status, title: 'Not sent by the check-in page', text: REQUEST_REFUSED.crossSite.body }));
    }
    send(res, await checkInSubmit(deps, tokenOf(req), req.body));
  });
  const send = (res: restify.Response, answer: SubmitAnswer) => {
    res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS });
    res.end(JSON.stringify(answer.json));
  };
  // Read once, here at start; each at its hashed address, which never changes content.
  for (const asset of Object.values(pageAssets())) {
    server.get(asset.url, async (_req, res) => {
      res.writeHead(200, { 'content-type': asset.contentType, 'cache-control': 'public, max-age=31536000, immutable', 'x-content-type-options': 'nosniff' });
      res.end(asset.body);
    });
  }
}
