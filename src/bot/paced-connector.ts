import { ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import type { Activity } from 'botbuilder';
import type { AuthenticateRequestResult, ClaimsIdentity, ConnectorClient, ConnectorFactory } from 'botframework-connector';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { Socket } from 'node:net';
import type { RateLimiter } from './rate-limiter';

/**
 * The part of @azure/core-rest-pipeline's Pipeline we use. The SDK keeps it on a private field:
 * the public hook (ConnectorClientOptions.requestPolicyFactories) is overwritten by the SDK's own
 * ConnectorFactoryImpl. test/bot/paced-connector.test.ts fails if either fact changes.
 */
interface RequestLike {
  url: string;
  agent?: HttpAgent;
}

interface PipelineLike {
  addPolicy(policy: { name: string; sendRequest(request: RequestLike, next: (request: RequestLike) => Promise<unknown>): Promise<unknown> }, options: { afterPhase: 'Retry' }): void;
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

/** How long a connector call may take to connect; a reply to a dead address then fails within it. */
export const CONNECT_TIMEOUT_MS = 1_500;

/**
 * Agents whose sockets are destroyed when they have not connected in time. Only the connect is
 * timed: a slow answer from a connected Bot Connector is not cut short (it may have sent).
 */
function withConnectTimeout<A extends HttpAgent>(agent: A, ms: number): A & { connectTimeoutMs: number } {
  const create = (agent as unknown as { createConnection: (...args: unknown[]) => Socket }).createConnection.bind(agent);
  (agent as unknown as { createConnection: (...args: unknown[]) => Socket }).createConnection = (...args: unknown[]) => {
    const socket = create(...args);
    const timer = setTimeout(() => socket.destroy(Object.assign(new Error(`could not connect within ${ms} ms`), { code: 'ECONNECTTIMEOUT' })), ms);
    timer.unref();
    socket.once('connect', () => clearTimeout(timer));
    socket.once('close', () => clearTimeout(timer));
    return socket;
  };
  return Object.assign(agent, { connectTimeoutMs: ms });
}

const agents = new Map<string, HttpAgent>();
/** One keep-alive agent per scheme and timeout, as the SDK's own HTTP client keeps one. */
export function connectorAgent(url: string, connectTimeoutMs: number): HttpAgent & { connectTimeoutMs?: number } {
  const https = url.startsWith('https:');
  const key = `${https ? 'https' : 'http'}:${connectTimeoutMs}`;
  let agent = agents.get(key);
  if (!agent) {
    agent = withConnectTimeout(https ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true }), connectTimeoutMs);
    agents.set(key, agent);
  }
  return agent;
}

/**
 * A call that never reached the Bot Connector (refused, unreachable, timed out connecting) is not
 * retried here: nothing was sent, and the SDK's retries (1, 2, 4 s) kept a turn against a dead
 * address waiting about 9 s. Proactive sends are retried by the outbox later instead.
 */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ECONNECTTIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

export class ConnectFailed extends Error {
  readonly code = 'CONNECT_FAILED';
  constructor(url: string, cause: { code?: string; message?: string }) {
    super(`could not connect to ${new URL(url).origin} (${cause.code ?? 'error'})`, { cause });
    this.name = 'ConnectFailed';
  }
}

/**
 * Adds the rate limiter to a connector client's HTTP pipeline after the Retry phase, so every
 * request that leaves (first attempts, the SDK's own retries after 429/5xx, turn replies and
 * proactive sends alike) waits its turn under Teams' limits.
 */
export function paceConnectorClient(client: ConnectorClient, limiter: RateLimiter, connectTimeoutMs = CONNECT_TIMEOUT_MS): ConnectorClient {
  const pipeline = (client as unknown as { client?: { pipeline?: PipelineLike } }).client?.pipeline;
  // A botbuilder upgrade that moves the pipeline must not silently drop the pacing.
  if (!pipeline) throw new Error('botbuilder changed: the connector client has no HTTP pipeline to add rate limiting to');
  if (pipeline.getOrderedPolicies().some((p) => p.name === POLICY)) return client;
  pipeline.addPolicy(
    {
      name: POLICY,
      async sendRequest(request, next) {
        const permit = await limiter.take(conversationOfUrl(request.url) ?? `(no conversation ${++anonymous})`);
        request.agent ??= connectorAgent(request.url, connectTimeoutMs);
        try {
          return await next(request);
        } catch (e) {
          const code = (e as { code?: unknown; cause?: { code?: unknown } }).code ?? (e as { cause?: { code?: unknown } }).cause?.code;
          if (typeof code === 'string' && NOT_CONNECTED.has(code)) throw new ConnectFailed(request.url, { code, message: (e as Error).message });
          throw e;
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

function pacedFactory(inner: ConnectorFactory, limiter: RateLimiter, connectTimeoutMs: number): ConnectorFactory {
  return {
    async create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
      return paceConnectorClient(await inner.create(serviceUrl, audience), limiter, connectTimeoutMs);
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
    private readonly connectTimeoutMs = CONNECT_TIMEOUT_MS,
  ) {
    super(options);
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return pacedFactory(super.createConnectorFactory(claimsIdentity), this.limiter, this.connectTimeoutMs);
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    return result.connectorFactory ? { ...result, connectorFactory: pacedFactory(result.connectorFactory, this.limiter, this.connectTimeoutMs) } : result;
  }

  override async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateStreamingRequest(authHeader, channelIdHeader);
    return result.connectorFactory ? { ...result, connectorFactory: pacedFactory(result.connectorFactory, this.limiter, this.connectTimeoutMs) } : result;
  }
}
