import type * as restify from 'restify';
import { REQUEST_REFUSED } from '../bot/user-messages';
import { refuse } from './answer';

/**
 * What every request passes before it is routed: no compressed bodies, and a JSON body read by
 * us, within its limit. Installed once, by the host (src/http/host.ts), for every route.
 */

/** Activities and check-in answers are a few KB; Teams' own limit for a bot message is about 100 KB. */
export const MAX_BODY_BYTES = 256 * 1024;

/**
 * The JSON body of a POST, PUT or PATCH, read by us rather than restify's parser (whose refusals
 * are in its own words and which also parsed forms). The limit counts the bytes read, which are
 * the bytes parsed (nothing is inflated: see refuseEncodedBodies).
 */
export function readJsonBody(maxBytes: number): restify.RequestHandler {
  return (req: restify.Request, res: restify.Response, next: restify.Next) => {
    if (req.method !== 'POST' && req.method !== 'PUT' && req.method !== 'PATCH') return next();
    const declared = req.headers['content-length'];
    if (declared === '0' || (declared === undefined && req.headers['transfer-encoding'] === undefined)) return next();
    const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') {
      refuse(res, REQUEST_REFUSED.notJson, { connection: 'close' });
      return next(false);
    }
    if (declared !== undefined && Number(declared) > maxBytes) {
      refuse(res, REQUEST_REFUSED.tooLarge, { connection: 'close' });
      return next(false);
    }
    const chunks: Buffer[] = [];
    let bytes = 0;
    let done = false;
    const finish = (refusal?: { status: number; body: string }) => {
      if (done) return;
      done = true;
      if (refusal) {
        refuse(res, refusal, { connection: 'close' });
        return next(false);
      }
      try {
        req.body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
      } catch {
        refuse(res, REQUEST_REFUSED.badJson);
        return next(false);
      }
      next();
    };
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      bytes += chunk.length;
      if (bytes > maxBytes) finish(REQUEST_REFUSED.tooLarge);
      else chunks.push(chunk);
    });
    req.once('end', () => finish());
    // A client that gives up mid-body: nothing to answer, nothing kept.
    req.once('aborted', () => {
      done = true;
      chunks.length = 0;
    });
    req.once('error', () => {
      done = true;
      chunks.length = 0;
    });
  };
}

/** `Content-Encoding` absent or `identity` (which means "not encoded") passes; anything else is 415. */
export function refuseEncodedBodies(req: restify.Request, res: restify.Response, next: restify.Next): void {
  const encoding = req.headers['content-encoding'];
  if (encoding === undefined) return next();
  const codings = String(encoding)
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '');
  if (codings.every((c) => c === 'identity')) {
    // restify's reader would call `identity` unsupported in its own words: it means no coding at all.
    delete req.headers['content-encoding'];
    return next();
  }
  refuse(res, REQUEST_REFUSED.encoded, { 'accept-encoding': 'identity', connection: 'close' });
  next(false);
}
