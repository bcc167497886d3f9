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
export function createAdapter(config: Config, log: Logger, limiter: RateLimiter): { adapter: CloudAdapter; checkToken: TokenCheck } {
  const auth = new PacedBotFrameworkAuthentication(config.bot as ConfigurationBotFrameworkAuthenticationOptions, limiter);
  const adapter = new CloudAdapter(auth);
  const checkToken: TokenCheck = async (activity, authHeader) => {
    try {
      await auth.authenticateRequest(activity as Activity, authHeader);
      return 'ok';
    } catch (e) {
      if (!isTokenFailure(e)) throw e;
      return 'refused';
    }
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

const TOKEN_FAILURES = new Set(['AuthenticationError', 'JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

function isTokenFailure(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const { name, statusCode } = e as { name?: unknown; statusCode?: unknown };
  return (typeof name === 'string' && TOKEN_FAILURES.has(name)) || statusCode === 401 || statusCode === 403;
}
