import type { CloudAdapter, Request, Response } from 'botbuilder';
import type { Logger } from 'pino';
import type { TokenCheck } from './adapter';
import { HANDLED_INVOKES, type HwbBot } from './hwb-bot';
import { REQUEST_REFUSED } from './user-messages';

/**
 * What POST /api/messages hands to the bot (src/http/routes/messages.ts is the route): the gate
 * a Bot Framework activity passes (its shape, its token, its tenant) and the turn itself. The
 * gate answers in our words, before the SDK sees anything: the SDK answered bad bodies and bad
 * tokens with 500/501/503 and its own messages.
 */
export interface MessageEndpoint {
  /** Undefined when the activity may reach the bot; otherwise the refusal (logged here once). */
  admit(inbound: { body: unknown; authorization: unknown; remoteAddress?: string | undefined }): Promise<InboundRefusal | undefined>;
  /** Runs the turn; the adapter writes the answer. */
  process(req: Request, res: Response): Promise<void>;
}

export interface InboundRefusal {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

/** Seconds a sender is asked to wait when the key service cannot be reached. */
const TOKEN_RETRY_AFTER_S = 10;

export function messageEndpoint(adapter: CloudAdapter, checkToken: TokenCheck, bot: HwbBot, log: Logger, allowedTenants: readonly string[], localMode: boolean): MessageEndpoint {
  return {
    async admit({ body, authorization, remoteAddress }) {
      const problem = activityProblem(body, localMode);
      if (problem) {
        log.info({ reason: problem.body }, 'inbound request refused: not a usable activity');
        return problem;
      }
      const header = typeof authorization === 'string' ? authorization : '';
      // A bad token is the caller's problem: one warning, a short 401, no library message or stack.
      const verdict = await checkToken(body, header).catch((e: unknown) => {
        // One line, without the stack: during an outage every request would print one.
        const cause = e instanceof Error && e.cause instanceof Error ? e.cause : e;
        log.error({ reason: cause instanceof Error ? `${cause.name}: ${cause.message}`.slice(0, 200) : String(cause).slice(0, 200) }, 'inbound token could not be checked: key service unavailable');
        return 'unavailable' as const;
      });
      if (verdict === 'refused') {
        log.warn({ remote: remoteAddress, scheme: typeof authorization === 'string' ? authorization.split(' ')[0]!.slice(0, 20) : 'none' }, 'inbound request refused: token not valid');
        return REQUEST_REFUSED.tokenRefused;
      }
      // Teams retries; Retry-After tells it when, and a 503 (not 401) says the token was not judged.
      if (verdict === 'unavailable') return { ...REQUEST_REFUSED.tokenUnavailable, headers: { 'retry-after': String(TOKEN_RETRY_AFTER_S) } };
      // Another organisation's tenant may not talk to this board's bot: refused before anything is stored.
      const tenant = tenantOf(body);
      if (tenant === 'disagree') {
        log.warn({ reason: 'conversation.tenantId and channelData.tenant.id differ' }, 'inbound activity refused: two tenants');
        return REQUEST_REFUSED.tenantDisagrees;
      }
      if (allowedTenants.length > 0 && (tenant === undefined || !allowedTenants.includes(tenant.toLowerCase()))) {
        log.warn({ tenant: tenant?.slice(0, 64) ?? 'none' }, 'inbound activity refused: tenant not allowed');
        return REQUEST_REFUSED.tenantNotAllowed;
      }
      return undefined;
    },
    process: (req, res) => adapter.process(req, res, (context) => bot.run(context)),
  };
}

/**
 * The Entra tenant an activity comes from, as Teams states it (in the conversation and in
 * channelData), or 'disagree' when it states two: the gate must not read one and the handlers
 * the other.
 */
function tenantOf(body: unknown): string | undefined | 'disagree' {
  const a = body as { conversation?: { tenantId?: unknown }; channelData?: { tenant?: { id?: unknown } } } | undefined;
  const text = (t: unknown) => (typeof t === 'string' && t !== '' ? t : undefined);
  const inConversation = text(a?.conversation?.tenantId);
  const inChannelData = text(a?.channelData?.tenant?.id);
  if (inConversation && inChannelData && inConversation.toLowerCase() !== inChannelData.toLowerCase()) return 'disagree';
  return inConversation ?? inChannelData;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Why a body cannot be handled as an activity, or undefined. The SDK assumes these shapes (a
 * text `type`, an http(s) `serviceUrl` to answer, an object `conversation` with a text id) and
 * failed with its own messages and a 5xx when they were otherwise.
 */
function activityProblem(body: unknown, localMode: boolean): InboundRefusal | undefined {
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
