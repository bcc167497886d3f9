import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A directory user's fields, as Graph names them. */
export interface GraphUserFields {
  displayName: string;
  mail?: string;
  userPrincipalName: string;
  companyName?: string;
  department?: string;
}

/**
 * Microsoft Graph's Teams app installation endpoints, as Graph answers them, on loopback:
 *   GET  /appCatalogs/teamsApps?$filter=externalId eq '<id>'   → { value: [{ id }] }
 *   POST /users/{id}/teamwork/installedApps                      → 201, or 409 when installed
 *   GET  /users/{id}/teamwork/installedApps?$filter=teamsApp/id eq '<id>' → { value: [{ id }] }
 *   GET  /users/{id}/teamwork/installedApps/{installation}/chat  → { id: '19:…' }
 * and a user of the directory, by object id, with only the fields `$select` asks for (null where
 * the directory has nothing), as the people picker's lookup asks for them:
 *   GET  /users/{id}?$select=id,displayName,…                    → 200, or 404 Request_ResourceNotFound
 * A request without a bearer token gets 401. `consent = false` answers 403 as Graph does without
 * admin consent (for the directory: `directoryConsent`); `throttle(n, seconds)` answers the next n
 * requests 429 with Retry-After; `outage(n)` answers them 503 as Graph does when a service is down.
 */
export class GraphStandIn {
  private server: Server | undefined;
  url = '';
  consent = true;
  /** Manifest id → catalogue id. */
  readonly catalogue = new Map<string, string>();
  /** User object id → installation id. */
  readonly installed = new Map<string, string>();
  /** The directory: object id → the user's fields as Graph names them. */
  readonly users = new Map<string, GraphUserFields>();
  directoryConsent = true;
  readonly requests: { method: string; path: string; body?: unknown }[] = [];
  private throttled = 0;
  private retryAfter = 1;
  private down = 0;

  outage(times: number): void {
    this.down = times;
  }

  throttle(times: number, seconds: number): void {
    this.throttled = times;
    this.retryAfter = seconds;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1.0`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let raw = '';
    for await (const chunk of req) raw += String(chunk);
    const url = new URL(req.url ?? '/', 'http://graph');
    const path = url.pathname.replace(/^\/v1\.0/, '');
    this.requests.push({ method: req.method ?? '', path: `${path}${url.search}`, ...(raw ? { body: JSON.parse(raw) as unknown } : {}) });
    const send = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    const error = (status: number, code: string, message: string, headers: Record<string, string> = {}) => send(status, { error: { code, message } }, headers);
    if (!/^Bearer \S+$/.test(req.headers.authorization ?? '')) return error(401, 'InvalidAuthenticationToken', 'Access token is empty.');
    if (this.throttled > 0) {
      this.throttled -= 1;
      return error(429, 'TooManyRequests', 'Too many requests.', { 'retry-after': String(this.retryAfter) });
    }
    if (this.down > 0) {
      this.down -= 1;
      return error(503, 'serviceNotAvailable', 'The service is temporarily unavailable. Try again later.');
    }
    const userPath = /^\/users\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && userPath) {
      if (!this.directoryConsent) return error(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
      const id = decodeURIComponent(userPath[1]!);
      const user = [...this.users.entries()].find(([key]) => key.toLowerCase() === id.toLowerCase());
      if (!user) return error(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
      const fields = { id: user[0], ...user[1] } as Record<string, string | undefined>;
      const select = (url.searchParams.get('$select') ?? 'id,displayName,mail,userPrincipalName').split(',');
      return send(200, { '@odata.context': `https://graph.microsoft.com/v1.0/$metadata#users(${select.join(',')})/$entity`, ...Object.fromEntries(select.map((f) => [f, fields[f] ?? null])) });
    }
    const filter = url.searchParams.get('$filter') ?? '';
    if (req.method === 'GET' && path === '/appCatalogs/teamsApps') {
      const external = /externalId eq '([^']+)'/.exec(filter)?.[1] ?? '';
      const id = this.catalogue.get(external);
      return send(200, { value: id ? [{ id, externalId: external, distributionMethod: 'organization' }] : [] });
    }
    const m = /^\/users\/([^/]+)\/teamwork\/installedApps(?:\/([^/]+)(\/chat)?)?$/.exec(path);
    if (!m) return error(404, 'NotFound', 'Resource not found.');
    const user = decodeURIComponent(m[1]!);
    if (!this.consent) return error(403, 'Forbidden', 'Missing role permissions on the request. API requires one of TeamsAppInstallation.ReadWriteSelfForUser.All.');
    if (req.method === 'POST' && !m[2]) {
      const bind = String((JSON.parse(raw || '{}') as Record<string, unknown>)['teamsApp@odata.bind'] ?? '');
      if (![...this.catalogue.values()].some((id) => bind.endsWith(`/appCatalogs/teamsApps/${id}`))) return error(404, 'NotFound', 'The app is not in the catalogue.');
      if (this.installed.has(user)) return error(409, 'Conflict', 'App is already installed.');
      this.installed.set(user, `inst-${user}`);
      return send(201);
    }
    if (req.method === 'GET' && !m[2]) return send(200, { value: this.installed.has(user) ? [{ id: this.installed.get(user) }] : [] });
    if (req.method === 'GET' && m[3] && this.installed.get(user) === decodeURIComponent(m[2]!)) return send(200, { id: `19:${user}_bot@unq.gbl.spaces` });
    return error(404, 'NotFound', 'Resource not found.');
  }
}
