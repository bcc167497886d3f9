import { ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import type { Activity } from 'botbuilder';
import type { AuthenticateRequestResult, ClaimsIdentity, ConnectorClient, ConnectorFactory } from 'botframework-connector';
import type { RateLimiter } from './rate-limiter';

/**
 * The part of @azure/core-rest-pipeline's Pipeline we use. The SDK keeps it on a private field:
 * the public hook (ConnectorClientOptions.requestPolicyFactories) is overwritten by the SDK's own
 * ConnectorFactoryImpl. test/bot/paced-connector.test.ts fails if either fact changes.
 */
interface PipelineLike {
  addPolicy(policy: { name: string; sendRequest(request: { url: string }, next: (request: { url: string }) => Promise<unknown>): Promise<unknown> }, options: { afterPhase: 'Retry' }): void;
  getOrderedPolicies(): { name: string }[];
}

const POLICY = 'hwbTeamsRateLimit';

/** `/v3/conversations/{id}/…` → id; calls about no conversation (create one) count app-wide only. */
export function conversationOfUrl(url: string): string | undefined {
  const m = /\/v3\/conversations\/([^/?]+)/.exec(url);
  if (!m) return undefined;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return m[1];
  }
}

let anonymous = 0;

/**
 * Adds the rate limiter to a connector client's HTTP pipeline after the Retry phase, so every
 * request that leaves (first attempts, the SDK's own retries after 429/5xx, turn replies and
 * proactive sends alike) waits its turn under Teams' limits.
 */
export function paceConnectorClient(client: ConnectorClient, limiter: RateLimiter): ConnectorClient {
  const pipeline = (client as unknown as { client?: { pipeline?: PipelineLike } }).client?.pipeline;
  // A botbuilder upgrade that moves the pipeline must not silently drop the pacing.
  if (!pipeline) throw new Error('botbuilder changed: the connector client has no HTTP pipeline to add rate limiting to');
  if (pipeline.getOrderedPolicies().some((p) => p.name === POLICY)) return client;
  pipeline.addPolicy(
    {
      name: POLICY,
      async sendRequest(request, next) {
        const permit = await limiter.take(conversationOfUrl(request.url) ?? `(no conversation ${++anonymous})`);
        try {
          return await next(request);
        } finally {
          // The connector saw the request no later than now: its place in the window is counted from here.
          permit.done();
        }
      },
    },
    { afterPhase: 'Retry' },
  );
  return client;
}

function pacedFactory(inner: ConnectorFactory, limiter: RateLimiter): ConnectorFactory {
  return {
    async create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
      return paceConnectorClient(await inner.create(serviceUrl, audience), limiter);
    },
  };
}

/**
 * The SDK's configuration-driven authentication, whose connector clients are all rate limited:
 * those for proactive sends (createConnectorFactory) and those a turn replies with, which the SDK
 * builds inside authenticateRequest without going through createConnectorFactory.
 */
export class PacedBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  constructor(
    options: ConfigurationBotFrameworkAuthenticationOptions,
    private readonly limiter: RateLimiter,
  ) {
    super(options);
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return pacedFactory(super.createConnectorFactory(claimsIdentity), this.limiter);
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    return result.connectorFactory ? { ...result, connectorFactory: pacedFactory(result.connectorFactory, this.limiter) } : result;
  }

  override async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateStreamingRequest(authHeader, channelIdHeader);
    return result.connectorFactory ? { ...result, connectorFactory: pacedFactory(result.connectorFactory, this.limiter) } : result;
  }
}
