import type { Logger } from 'pino';
import type { Request } from 'restify';
import type { AppDeps } from '../../app/deps';
import { editCheckIn, startFromLastAnswer, submitCheckIn } from '../../app/check-in';
import type { Identity, Person } from '../../domain/person';
import { checkInCard, FROM_LAST_VERB, SUBMIT_VERB } from '../../cards/check-in-card';
import type { Card } from '../../cards/elements';
import { messageCard } from '../../cards/message-card';
import { EDIT_VERB, receiptCard } from '../../cards/receipt-card';
import { CHECKIN_LINK_EXPIRED, CHECKIN_LINK_INVALID, checkInLinkOtherPriority, REQUEST_REFUSED } from '../../bot/user-messages';
import { verifyCheckInLink, type CheckInLinkClaims } from '../../links/check-in-links';
import { cardPage, refusalPage } from '../../web/check-in-page';
import { type Answer, pageHeaders } from '../answer';
import { handled, type Refusal } from '../errors';
import { crossSite } from '../origin';
import type { RouteModule } from '../route-module';

/**
 * The web check-in behind the emailed link (GET /checkin, POST /checkin/submit): the same card
 * as Teams, rendered in the browser by the adaptivecards bundle (the page is drawn by
 * src/web/check-in-page.ts), answering through the same use cases (submitCheckIn, editCheckIn)
 * as the person the link names. The link is the only credential, and it is checked on every request.
 */
export interface CheckInRouteDeps {
  app: AppDeps;
  linkSecret: string;
}

type SubmitJson = { kind: 'receipt' | 'invalid' | 'stale' | 'form' | 'refused'; card: Card; message?: string };

/** No inline script anywhere; the card renderer's styles are set through the CSSOM, which CSP allows. */
const SECURITY_HEADERS = pageHeaders("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");

const html = (status: number, body: string): Answer => ({ status, contentType: 'text/html; charset=utf-8', body, headers: SECURITY_HEADERS });
const json = (status: number, body: SubmitJson): Answer => ({ status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(body), headers: SECURITY_HEADERS });

/** A refusal on the page: the page itself, saying it. */
const pageRefusal = (r: Refusal): Answer => html(r.status, refusalPage(r));
/** A refusal of an answer: the card is replaced by one saying it (the card's banner says it once: no message beside it). */
const submitRefusal = (r: Refusal): Answer => json(r.status, { kind: 'refused', card: messageCard(r.title, r.text) });
/** A refusal of the link or the request, with its title beside the card. */
const refused = (r: Refusal): Answer => json(r.status, { kind: 'refused', card: messageCard(r.title, r.text), message: r.title });

/** What the page may do, for the link in hand: a person and the claims, or why not. */
async function holderOf(deps: CheckInRouteDeps, log: Logger, token: string): Promise<{ ok: true; person: Person; claims: CheckInLinkClaims } | { ok: false; refusal: Refusal }> {
  const check = await verifyCheckInLink(token, deps.linkSecret, deps.app.clock.now());
  const person = check.ok ? await deps.app.people.getPerson(check.claims.personId) : undefined;
  if (check.ok && person) return { ok: true, person, claims: check.claims };
  const reason = check.ok ? 'person no longer on the board' : check.reason;
  // One line per refusal, without the token: enough to see a pattern of forged links.
  log.info({ reason, tokenLength: token.length }, 'check-in link refused');
  return { ok: false, refusal: !check.ok && check.reason === 'expired' ? CHECKIN_LINK_EXPIRED : CHECKIN_LINK_INVALID };
}

function who(person: Person): Identity {
  return { known: person };
}

function tokenOf(req: Request): string {
  return new URL(req.url ?? '', 'http://localhost').searchParams.get('token') ?? '';
}

async function checkInPage(deps: CheckInRouteDeps, log: Logger, token: string): Promise<Answer> {
  const holder = await holderOf(deps, log, token);
  if (!holder.ok) return pageRefusal(holder.refusal);
  const form = await editCheckIn(deps.app, who(holder.person), holder.claims.priority, holder.claims.period);
  return html(200, cardPage(`Check-in for ${form.period.label}: ${form.priority.number}. ${form.priority.title}`, checkInCard(form)));
}

async function checkInSubmit(deps: CheckInRouteDeps, log: Logger, token: string, body: unknown): Promise<Answer> {
  const holder = await holderOf(deps, log, token);
  if (!holder.ok) return refused(holder.refusal);
  const { verb, data } = (typeof body === 'object' && body !== null ? body : {}) as { verb?: unknown; data?: unknown };
  const fields = (typeof data === 'object' && data !== null && !Array.isArray(data) ? data : {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  // The link answers one priority for one period: a card for anything else is refused here,
  // before the use case (which would allow any priority the person leads).
  if (str(fields.priority) !== holder.claims.priority || str(fields.period) !== holder.claims.period) {
    log.info({ reason: 'priority or period differs from the link', person: holder.person.id }, 'check-in link refused');
    return refused(checkInLinkOtherPriority(holder.claims.priority, holder.claims.period));
  }
  if (verb === EDIT_VERB) return json(200, { kind: 'form', card: checkInCard(await editCheckIn(deps.app, who(holder.person), holder.claims.priority, holder.claims.period)) });
  if (verb === FROM_LAST_VERB) {
    const form = await startFromLastAnswer(deps.app, who(holder.person), { priority: holder.claims.priority, period: holder.claims.period, submissionId: fields.submissionId });
    return json(200, { kind: 'form', card: checkInCard(form), message: 'The inputs now hold the last answer: change what has changed, then submit.' });
  }
  if (verb !== SUBMIT_VERB) return refused({ status: 400, title: 'Unknown button', text: 'That button is not one this page knows, so nothing was saved. Reload the page.' });
  const result = await submitCheckIn(deps.app, who(holder.person), {
    unit: holder.claims.priority,
    period: holder.claims.period,
    baseVersion: typeof fields.baseVersion === 'number' ? fields.baseVersion : Number(fields.baseVersion),
    submissionId: str(fields.submissionId),
    inputs: fields,
    channel: 'web',
  });
  if (result.kind === 'receipt') return json(200, { kind: 'receipt', card: receiptCard(result.view), message: 'Your answer is saved.' });
  // No message beside the card: the card's own banner says nothing was saved, and says it once.
  return json(200, { kind: result.kind, card: checkInCard(result.view) });
}

/** GET /checkin and POST /checkin/submit (the page's static files: src/http/routes/assets.ts). */
export function checkInRoutes(deps: CheckInRouteDeps): RouteModule {
  return {
    paths: 'GET /checkin, POST /checkin/submit',
    register(server, { log, ownOrigin }) {
      server.get(
        '/checkin',
        handled(log, '/checkin', pageRefusal, (req) => checkInPage(deps, log, tokenOf(req))),
      );
      server.post(
        '/checkin/submit',
        handled(log, '/checkin/submit', submitRefusal, async (req) => {
          // The page posts JSON with fetch. A form on another site (holding a forwarded link) can send
          // neither JSON without a CORS preflight nor this site's Origin: both are refused, nothing stored.
          const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
          if (type !== 'application/json') return refused({ status: REQUEST_REFUSED.notJson.status, title: 'Not sent by the check-in page', text: REQUEST_REFUSED.notJson.body });
          const why = crossSite(req, ownOrigin());
          if (why) {
            log.warn({ reason: why, origin: String(req.headers.origin ?? '').slice(0, 100) }, 'check-in answer refused: not from the check-in page');
            return refused({ status: REQUEST_REFUSED.crossSite.status, title: 'Not sent by the check-in page', text: REQUEST_REFUSED.crossSite.body });
          }
          return checkInSubmit(deps, log, tokenOf(req), req.body);
        }),
      );
    },
  };
}
