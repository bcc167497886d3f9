import type { Logger } from 'pino';
import type { Request, RequestHandler, Response, Server } from 'restify';
import { isDomainError, type DomainErrorCode } from '../domain/errors';
import { REQUEST_REFUSED, UNEXPECTED, userMessage } from '../bot/user-messages';
import { DEFAULT_HEADERS, PLAIN_TEXT, send, type Answer } from './answer';

/**
 * The one place where an error thrown while answering an HTTP request becomes an answer: the
 * status comes from the error's code (here), the words from src/bot/user-messages.ts, and a
 * failure that is not a domain error (a bug) is logged once, with its stack, and answered 500
 * without its message. Each route family says only how a refusal looks on it (plain text, a
 * page, the check-in page's JSON): see `handled`.
 */
export interface Refusal {
  status: number;
  title: string;
  text: string;
}

const HTTP_STATUS: Partial<Record<DomainErrorCode, number>> = {
  UNKNOWN_PERSON: 403,
  NOT_A_LEAD: 403,
  NOT_LEAD_FOR_PRIORITY: 403,
  NOT_BOARD_MANAGER: 403,
  PRIORITY_NOT_FOUND: 404,
  PROJECT_NOT_FOUND: 404,
  NO_PROJECTS: 403,
  WORKSTREAM_NOT_FOUND: 404,
  STRATEGY_NOT_FOUND: 404,
  BOARD_NOT_FOUND: 404,
  PERIOD_CLOSED: 409,
  PERIOD_MISMATCH: 409,
  STRATEGY_CLOSED: 409,
  STALE_ANSWER: 409,
  PERSON_NOT_FOUND: 404,
  NOT_IN_DIRECTORY: 404,
  DIRECTORY_UNAVAILABLE: 503,
  LAST_MANAGER: 409,
  STORAGE_UNAVAILABLE: 503,
};

export function refusalOf(e: unknown): Refusal {
  if (!isDomainError(e)) return { status: 500, ...UNEXPECTED };
  return { status: HTTP_STATUS[e.code] ?? 400, ...userMessage(e) };
}

/** A refusal as one plain sentence (report files, the bot's endpoint, anything with no page of its own). */
export function plainRefusal(r: Refusal): Answer {
  return { status: r.status, contentType: PLAIN_TEXT, body: `${r.title}. ${r.text}` };
}

/** How a route family shows a refusal. */
export type RefusalView = (r: Refusal) => Answer;

/**
 * A route's handler with its errors mapped here. The handler either answers (returns an Answer,
 * or writes the response itself and returns undefined: the bot's adapter does) or throws.
 */
export function handled(log: Logger, route: string, view: RefusalView, handler: (req: Request, res: Response) => Promise<Answer | undefined>): RequestHandler {
  return async (req: Request, res: Response) => {
    let answer: Answer | undefined;
    try {
      answer = await handler(req, res);
    } catch (e) {
      if (!isDomainError(e)) log.error({ err: e, route }, 'HTTP request failed');
      // Half an answer already on its way (the adapter wrote it): only the connection can be ended.
      if (res.headersSent) return void res.end();
      answer = view(refusalOf(e));
    }
    if (answer) send(res, answer);
  };
}

/**
 * restify's own refusals (no route for the address, a method the address does not take) and
 * anything thrown outside `handled`: our words in plain text, where restify answered JSON in its
 * own (`{"code":"ResourceNotFound",…}`). Installed once by the host.
 */
export function answerServerErrors(server: Server, log: Logger): void {
  server.on('restifyError', (req: Request, res: Response, err: Error & { statusCode?: unknown }, done: () => void) => {
    if (!res.headersSent) {
      const answer = serverErrorAnswer(err, log, req.getPath());
      res.sendRaw(answer.status, answer.body, { 'content-type': answer.contentType, ...DEFAULT_HEADERS });
    }
    done();
  });
}

function serverErrorAnswer(err: Error & { statusCode?: unknown }, log: Logger, path: string): Answer {
  const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
  const text = (r: { status: number; body: string }): Answer => ({ status: r.status, contentType: PLAIN_TEXT, body: r.body });
  if (status === 404) return text(REQUEST_REFUSED.notFound);
  if (status === 405) return text(REQUEST_REFUSED.methodNotAllowed);
  if (status >= 400 && status < 500) return text({ status, body: REQUEST_REFUSED.otherwise.body });
  log.error({ err, route: path }, 'HTTP request failed');
  return plainRefusal(refusalOf(err));
}
