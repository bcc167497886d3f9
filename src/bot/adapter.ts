import { CardFactory, CloudAdapter, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
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
export function createAdapter(config: Config, log: Logger, limiter: RateLimiter): CloudAdapter {
  const auth = new PacedBotFrameworkAuthentication(config.bot as ConfigurationBotFrameworkAuthenticationOptions, limiter);
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    log.error({ err: error, activityType: context.activity.type, conversation: context.activity.conversation?.id }, 'turn failed');
    // Invokes answer through their own response; a message here would duplicate it.
    if (context.activity.type === 'message') {
      await context
        .sendActivity({ attachments: [CardFactory.adaptiveCard(chatCard(error))] })
        .catch((e: unknown) => log.warn({ err: e }, 'could not tell the user about the failure'));
    }
  };
  return adapter;
}
