import * as restify from 'restify';
import type { CloudAdapter } from 'botbuilder';
import type { Logger } from 'pino';
import type { HealthProbe } from '../domain/ports';
import { HANDLED_INVOKES, type HwbBot } from './hwb-bot';
import type { TokenCheck } from './adapter';
import { withDeadline } from './deadline';
import { httpError, REQUEST_REFUSED } from './user-messages';

/** POST /api/messages for the Bot Connector, GET /healthz for probes. */
export type ReportFileHandler = (token: string) => Promise<{ status: number; body: Buffer | string; contentType: string; fileName?: string }>;

/**
 * The Entra tenant an activity comes from, as Teams states it (in the conversation and in
 * channelData), or 'disagree' when it states two: the gate must not read one and the handlers
 * the other.
 */
export function tenantOf(body: unknown): string | undefined | 'disagree' {
  const a = body as { conversation?: { tenantId?: unknown }; channelData?: { tenant?: { id?: unknown } } } | undefined;
  const text = (t: unknown) => (typeof t === 'string' && t !== '' ? t : undefined);
  const inConversation = text(a?.conversation?.tenantId);
  const inChannelData = text(a?.channelData?.tenant?.id);
  if (inConversation && inChannelData && inConversation.toLowerCase() !== inChannelData.toLowerCase()) return 'disagree';
  return inConversation ?? inChannelData;
}

/** A refusal in our words, as plain text; `close` ends the connection so an unread body is not waited for. */
export function refuse(res: restify.Response, refusal: { status: number; body: string }, headers: Record<string, string> = {}): void {
  res.writeHead(refusal.status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers });
  res.end(refusal.body);
}

/** Seconds a sender is asked to wait when the key service cannot be reached. */
const TOKEN_RETRY_AFTER_S = 10;

/** Activities and check-in answers are a few KB; Teams' own limit for a bot message is about 100 KB. */
const MAX_BODY_BYTES = 256 * 1024;

/**
 * The JSON body of a POST, PUT or PATCH, read by us rather than restify's parser (whose refusals
 * are in its own words and which also parsed forms). The limit counts the bytes read, which are
 * the bytes parsed (nothing is inflated: see refuseEncodedBodies).
 */
function readJsonBody(maxBytes: number): restify.RequestHandler {
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

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Why a body cannot be handled as an activity, or undefined. The SDK assumes these shapes (a
 * text `type`, an http(s) `serviceUrl` to answer, an object `conversation` with a text id) and
 * failed with its own messages and a 5xx when they were otherwise.
 */
export function activityProblem(body: unknown, localMode = false): { status: number; body: string } | undefined {
  if (!isObject(body) || typeof body.type !== 'string' || body.type === '') return REQUEST_REFUSED.notActivity;
  for (const part of ['from', 'recipient', 'channelData'] as const) if (body[part] !== undefined && !isObject(body[part])) return REQUEST_REFUSED.notActivity;
  if (!isObject(body.conversation) || typeof body.conversation.id !== 'string') return REQUEST_REFUSED.notActivity;
  if (typeof body.serviceUrl !== 'string' || !/^https?:\/\//i.test(body.serviceUrl) || !URL.canParse(body.serviceUrl)) return REQUEST_REFUSED.badServiceUrl;
  // With no app id nobody's token is checked, so the activity may not send the bot's answers
  // (with whatever they carry) to another machine: only to the local client on this one.
  if (localMode && !isLoopback(new URL(body.serviceUrl).hostname)) return REQUEST_REFUSED.serviceUrlNotLoopback;
  if (body.type === 'invoke' && (typeof body.name !== 'string' || !HANDLED_INVOKES.has(body.name))) return REQUEST_REFUSED.unknownInvoke;
  return undefined;
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** `Content-Encoding` absent or `identity` (which means "not encoded") passes; anything else is 415. */
function refuseEncodedBodies(req: restify.Request, res: restify.Response, next: restify.Next): void {
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

export function createServer(adapter: CloudAdapter, checkToken: TokenCheck, bot: HwbBot, health: HealthProbe, log: Logger, reportFile: ReportFileHandler, allowedTenants: readonly string[] = [], options: { localMode: boolean } = { localMode: false }): restify.Server {
  const server = restify.createServer({ name: 'hwb-progress-bot' });
  // Before routing, so on every route and before any body is read: restify 11's body parser
  // inflates gzip with no error handler (one garbage body ended the process) and counts its size
  // limit on the compressed bytes (a 200 KB bomb became 200 MiB). Nothing is ever inflated.
  server.pre(refuseEncodedBodies);
  // botbuilder reads the parsed body: without this every activity gets 400.
  server.use(readJsonBody(MAX_BODY_BYTES));

  server.post('/api/messages', async (req, res) => {
    // What the sender got wrong is refused in our words before the token is checked: the SDK
    // answered such bodies with 500/501/503 and its own messages.
    const problem = activityProblem(req.body, options.localMode);
    if (problem) {
      log.info({ reason: problem.body }, 'inbound request refused: not a usable activity');
      refuse(res, problem);
      return;
    }
    const header = req.headers.authorization;
    // A bad token is the caller's problem: one warning, a short 401, no library message or stack.
    const verdict = await checkToken(req.body, typeof header === 'string' ? header : '').catch((e: unknown) => {
      // One line, without the stack: during an outage every request would print one.
      const cause = e instanceof Error && e.cause instanceof Error ? e.cause : e;
      log.error({ reason: cause instanceof Error ? `${cause.name}: ${cause.message}`.slice(0, 200) : String(cause).slice(0, 200) }, 'inbound token could not be checked: key service unavailable');
      return 'unavailable' as const;
    });
    if (verdict === 'refused') {
      log.warn({ remote: req.socket.remoteAddress, scheme: typeof header === 'string' ? header.split(' ')[0]!.slice(0, 20) : 'none' }, 'inbound request refused: token not valid');
      refuse(res, REQUEST_REFUSED.tokenRefused);
      return;
    }
    if (verdict === 'unavailable') {
      // Teams retries; Retry-After tells it when, and a 503 (not 401) says the token was not judged.
      refuse(res, REQUEST_REFUSED.tokenUnavailable, { 'retry-after': String(TOKEN_RETRY_AFTER_S) });
      return;
    }
    // Another organisation's tenant may not talk to this board's bot: refused before anything is stored.
    const tenant = tenantOf(req.body);
    if (tenant === 'disagree') {
      log.warn({ reason: 'conversation.tenantId and channelData.tenant.id differ' }, 'inbound activity refused: two tenants');
      refuse(res, REQUEST_REFUSED.tenantDisagrees);
      return;
    }
    if (allowedTenants.length > 0 && (tenant === undefined || !allowedTenants.includes(tenant.toLowerCase()))) {
      log.warn({ tenant: tenant?.slice(0, 64) ?? 'none' }, 'inbound activity refused: tenant not allowed');
      refuse(res, REQUEST_REFUSED.tenantNotAllowed);
      return;
    }
    await adapter.process(req, res, (context) => bot.run(context));
  });

  // Board report files behind signed, expiring links (see app/report.ts). The token travels in the
  // query string: restify's router refuses path parameters longer than 100 characters.
  server.get('/reports', async (req, res) => {
    const token = new URL(req.url ?? '', 'http://localhost').searchParams.get('token') ?? '';
    const file: Awaited<ReturnType<ReportFileHandler>> = await reportFile(token).catch((e: unknown) => {
      log.error({ err: e }, 'report file failed');
      return { ...httpError(e), contentType: 'text/plain; charset=utf-8' };
    });
    res.writeHead(file.status, {
      'content-type': file.contentType,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...(file.fileName ? { 'content-disposition': `attachment; filename="${file.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"` } : {}),
    });
    res.end(file.body);
  });

  server.get('/healthz', async (_req, res) => {
    const started = Date.now();
    try {
      await withDeadline(health.ping(), 3000, () => {
        throw new Error('no answer within 3000 ms');
      });
      res.json(200, { status: 'ok', storage: 'reachable', latencyMs: Date.now() - started });
    } catch (e) {
      log.warn({ err: e }, 'health check: storage unreachable');
      res.json(503, { status: 'unavailable', storage: 'unreachable', error: (e as Error).message });
    }
  });
  return server;
}
