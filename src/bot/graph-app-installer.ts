import { ClientSecretCredential, DefaultAzureCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import type { Config } from '../config';
import type { AppInstaller, AppInstallOutcome, Clock, ConversationRecord, ConversationStore } from '../domain/ports';
import { personalChatKey } from '../domain/personal-chat';

/**
 * Installs the bot's Teams app for a person through Microsoft Graph, so that a lead in no chat
 * and no board team roster can still get a personal chat (README, "How leads are reached").
 * Needs the application permission TeamsAppInstallation.ReadWriteSelfForUser.All (admin consent)
 * and the app in the organisation's catalogue; Graph lets an app install only the Teams app whose
 * webApplicationInfo.id is its own, which the app package sets to the bot's app id.
 *
 * The reporting cycle calls it through the AppInstaller port (GraphTeamsInstaller below) for the
 * leads it is about to remind who have no chat (src/app/graph-install.ts).
 */
export type InstallOutcome =
  /** Installed now (201) or already (409): the personal chat's id. */
  | { kind: 'installed'; already: boolean; chatId: string }
  /** Graph refused for good (403 no consent, 404 app not in the catalogue, ...): why, in words. */
  | { kind: 'refused'; status: number; reason: string }
  /** Still throttled (429) after the retries: try again after this many seconds. */
  | { kind: 'throttled'; retryAfterSeconds: number };

export interface GraphInstallerOptions {
  credential: TokenCredential;
  /** The app's id in the Teams manifest (its external id in the org catalogue). */
  teamsAppId: string;
  /** https://graph.microsoft.com/v1.0 unless a test points it at a stand-in. */
  baseUrl?: string;
  /** How to wait for Retry-After (tests pass one that records and returns at once). */
  wait?: (ms: number) => Promise<void>;
  /** Retries of a 429 before giving up with `throttled`. */
  maxRetries?: number;
}

const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

export class GraphAppInstaller {
  private readonly baseUrl: string;
  private readonly wait: (ms: number) => Promise<void>;
  private catalogId: string | undefined;

  constructor(private readonly options: GraphInstallerOptions) {
    this.baseUrl = (options.baseUrl ?? 'https://graph.microsoft.com/v1.0').replace(/\/$/, '');
    this.wait = options.wait ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async install(userObjectId: string): Promise<InstallOutcome> {
    const user = encodeURIComponent(userObjectId);
    const catalog = await this.catalogAppId();
    if (typeof catalog !== 'string') return catalog;
    const post = await this.call('POST', `/users/${user}/teamwork/installedApps`, { 'teamsApp@odata.bind': `${this.baseUrl}/appCatalogs/teamsApps/${catalog}` });
    if ('kind' in post) return post;
    if (post.status !== 201 && post.status !== 409) return refused(post.status, post.body);
    const list = await this.call('GET', `/users/${user}/teamwork/installedApps?$expand=teamsApp&$filter=${encodeURIComponent(`teamsApp/id eq '${catalog}'`)}`);
    if ('kind' in list) return list;
    const installation = (list.body as { value?: { id: string }[] } | undefined)?.value?.[0]?.id;
    if (list.status !== 200 || !installation) return refused(list.status, list.body, 'the installation was not listed');
    const chat = await this.call('GET', `/users/${user}/teamwork/installedApps/${encodeURIComponent(installation)}/chat`);
    if ('kind' in chat) return chat;
    const chatId = (chat.body as { id?: string } | undefined)?.id;
    if (chat.status !== 200 || !chatId) return refused(chat.status, chat.body, 'no chat for the installation');
    return { kind: 'installed', already: post.status === 409, chatId };
  }

  /** The app's id in the org catalogue, looked up once by the manifest id. */
  private async catalogAppId(): Promise<string | InstallOutcome> {
    if (this.catalogId) return this.catalogId;
    const res = await this.call('GET', `/appCatalogs/teamsApps?$filter=${encodeURIComponent(`externalId eq '${this.options.teamsAppId}'`)}`);
    if ('kind' in res) return res;
    const id = (res.body as { value?: { id: string }[] } | undefined)?.value?.[0]?.id;
    if (res.status !== 200 || !id) return refused(res.status === 200 ? 404 : res.status, res.body, `the app ${this.options.teamsAppId} is not in the organisation's app catalogue`);
    this.catalogId = id;
    return id;
  }

  /** One Graph request, waiting out 429s as Retry-After says (up to maxRetries times). */
  private async call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: unknown } | InstallOutcome> {
    const retries = this.options.maxRetries ?? 3;
    for (let attempt = 0; ; attempt += 1) {
      const token = await this.options.credential.getToken(GRAPH_SCOPE);
      if (!token) return { kind: 'refused', status: 401, reason: 'no Graph token for the bot identity' };
      const res = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      if (res.status === 429) {
        const seconds = Math.max(1, Number(res.headers.get('retry-after')) || 10);
        if (attempt >= retries) return { kind: 'throttled', retryAfterSeconds: seconds };
        await this.wait(seconds * 1000);
        continue;
      }
      return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
    }
  }
}

function refused(status: number, body: unknown, fallback?: string): InstallOutcome {
  const message = (body as { error?: { message?: string } } | undefined)?.error?.message;
  const reason =
    status === 403
      ? `Graph refused (403): admin consent for TeamsAppInstallation.ReadWriteSelfForUser.All is missing${message ? ` (${message})` : ''}`
      : `Graph answered ${status}${fallback ? `: ${fallback}` : ''}${message ? ` (${message})` : ''}`;
  return { kind: 'refused', status, reason };
}

/**
 * The bot's own identity, for Graph: Graph lets an app install only its own Teams app, so the
 * token must be the bot's (the managed identity with UserAssignedMSI, else the app id and
 * password); in local mode (no app id) whatever DefaultAzureCredential finds.
 */
export function graphCredential(config: Pick<Config, 'bot'>): TokenCredential {
  const { MicrosoftAppId: appId, MicrosoftAppPassword: password, MicrosoftAppType: type, MicrosoftAppTenantId: tenant } = config.bot;
  if (appId && type === 'UserAssignedMSI') return new ManagedIdentityCredential({ clientId: appId });
  if (appId && password && tenant) return new ClientSecretCredential(tenant, appId, password);
  return new DefaultAzureCredential();
}

/** Teams' global Bot Connector address, used when no chat or team has told the bot its regional one yet. */
const TEAMS_SERVICE_URL = 'https://smba.trafficmanager.net/teams/';

/**
 * The AppInstaller port over Graph: installs, then stores nothing itself but hands back the
 * personal chat as a conversation record the notifier can send to. Graph gives the chat's id;
 * the Bot Connector address comes from the newest stored conversation (Teams serves a tenant from
 * one regional address), else the global one.
 */
export class GraphTeamsInstaller implements AppInstaller {
  constructor(
    private readonly graph: Pick<GraphAppInstaller, 'install'>,
    private readonly deps: { conversations: ConversationStore; clock: Clock },
    private readonly bot: { appId: string; tenantId: string },
  ) {}

  async install(person: { id: string; aadObjectId: string }): Promise<AppInstallOutcome> {
    const outcome = await this.graph.install(person.aadObjectId);
    if (outcome.kind !== 'installed') return outcome.kind === 'refused' ? { kind: 'refused', reason: outcome.reason } : outcome;
    const newest = (await this.deps.conversations.list()).filter((c) => (c.reference as { serviceUrl?: string } | undefined)?.serviceUrl).sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt))[0];
    const known = newest?.reference as { serviceUrl: string; conversation?: { tenantId?: string } } | undefined;
    const tenantId = this.bot.tenantId || known?.conversation?.tenantId;
    const reference = {
      channelId: 'msteams',
      serviceUrl: known?.serviceUrl ?? TEAMS_SERVICE_URL,
      conversation: { id: outcome.chatId, conversationType: 'personal', isGroup: false, ...(tenantId ? { tenantId } : {}) },
      bot: { id: `28:${this.bot.appId}` },
      // Teams names an Entra user "8:orgid:<object id>" until the chat's own activities give the "29:" id.
      user: { id: `8:orgid:${person.aadObjectId}`, aadObjectId: person.aadObjectId },
    };
    const record: ConversationRecord = { key: personalChatKey({ aadObjectId: person.aadObjectId }), personId: person.id, reference, updatedAt: this.deps.clock.now().toISOString(), origin: 'graph' };
    return { kind: 'installed', conversation: record };
  }
}
