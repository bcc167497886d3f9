import { CardFactory, CloudAdapter, type Activity, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import { chatCard } from './user-messages';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { PacedBotFrameworkAuthentication } from './paced-connector';
import type { RateLimiter } from './rate-limiter';

/**
 * The Bot Framework adapter. With an app id it checks every inbound token (signature, issuer,
 * audience, expiry) and signs outbound calls; without one (local mode) authentication is off,
 * which is why local mode only listens on loopback. Every call it makes to the Bot Connector is
 * paced by the rate limiter.
 */
export function createAdapter(config: Config, log: Logger, limiter: RateLimiter, connectTimeoutMs?: number): { adapter: CloudAdapter; checkToken: TokenCheck } {
  const auth = new PacedBotFrameworkAuthentication(config.bot as ConfigurationBotFrameworkAuthenticationOptions, limiter, connectTimeoutMs);
  const adapter = new CloudAdapter(auth);
  const checkToken: TokenCheck = async (activity, authHeader) => {
    try {
      await auth.authenticateRequest(activity as Activity, authHeader);
    } catch (e) {
      if (!isTokenFailure(e)) throw new KeyServiceUnavailable(e);
      return 'refused';
    }
    // The JWT library checks `exp` only when it is there: a signed token without one would never
    // expire. (`nbf`, when present, it checks, with the SDK's five minutes' tolerance.)
    if (!config.localMode && !expires(authHeader)) return 'refused';
    return 'ok';
  };
  adapter.onTurnError = async (context, error) => {
    log.error({ err: error, activityType: context.activity.type, conversation: context.activity.conversation?.id }, 'turn failed');
    // Invokes answer through their own response; a message here would duplicate it.
    if (context.activity.type === 'message') {
      await context
        .sendActivity({ attachments: [CardFactory.adaptiveCard(chatCard(error))] })
        .catch((e: unknown) => log.warn({ err: e }, 'could not tell the user about the failure'));
    }
  };
  return { adapter, checkToken };
}

/**
 * Checks an inbound request's token before the adapter sees it. The adapter answers 401 only
 * for its own AuthenticationError; a token the JWT library rejects (bad signature, malformed)
 * escaped as a 500 carrying the library's message. Every token failure is a 401 here.
 * Anything else (the key service unreachable) is thrown: it is not the caller's fault.
 */
export type TokenCheck = (activity: unknown, authHeader: string) => Promise<'ok' | 'refused'>;

/** The token could not be checked (the OpenID metadata or signing keys did not load): not the caller's fault. */
export class KeyServiceUnavailable extends Error {
  constructor(cause: unknown) {
    super('the Bot Framework key service could not be reached', { cause });
    this.name = 'KeyServiceUnavailable';
  }
}

const TOKEN_FAILURES = new Set(['AuthenticationError', 'JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

function isTokenFailure(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const { name, statusCode } = e as { name?: unknown; statusCode?: unknown };
  // The SDK reports a failed key download as an AuthenticationError too, with status 500.
  if (typeof statusCode === 'number' && statusCode >= 500) return false;
  return (typeof name === 'string' && TOKEN_FAILURES.has(name)) || statusCode === 401 || statusCode === 403;
}

/** Whether the bearer token (already verified) carries a numeric `exp`. */
function expires(authHeader: string): boolean {
  const payload = authHeader.split(' ')[1]?.split('.')[1];
  if (!payload) return false;
  try {
    const { exp } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof exp === 'number' && Number.isFinite(exp);
  } catch {
    return false;
  }
}
