import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the Bot Connector service (the one part of Teams that cannot run here).
 * It speaks the same REST surface the SDK uses, answers as the real one does (201 + resource id
 * for sends, 200 for updates, 404 for unknown members), and records everything it is sent.
 */
export interface RecordedCall {
  method: string;
  path: string;
  conversationId: string;
  /** For replies and updates: the activity id in the URL. */
  activityId?: string;
  body: Record<string, unknown>;
}

export interface Member {
  id: string;
  name: string;
  aadObjectId?: string;
  email?: string;
  userPrincipalName?: string;
  /** In a roster: a guest from another tenant, whom a bot may not open a 1:1 with (403). */
  outsideTenant?: boolean;
}

/** Teams serves at most this many members a page, whatever page size the bot asks for. */
export const MAX_ROSTER_PAGE = 50;

/** A fault the stand-in answers the next POSTs with, as the real service can. */
/** `hold`: the request is read and never answered, as when the sender dies mid-request. */
export type Fault = { status: 429; retryAfterSeconds?: number } | { status: 502 | 503 | 500 } | { drop: true } | { hold: true };

/** Teams' published limits for one bot, enforced the way the service does: 429 + Retry-After. */
export interface Limits {
  perAppPerSecond: number;
  perConversationPerSecond: number;
}

export class ConnectorStandIn {
  readonly calls: RecordedCall[] = [];
  /** When set, sends over these limits (sliding one-second windows) are refused with 429. */
  limits: Limits | undefined;
  /** Sends the limits refused: each one is the bot going over a published limit. */
  overLimit = 0;
  /** Random faults: the share of sends answered 429 (half with Retry-After), 502, or dropped. */
  chaos: { p429: number; p502: number; pDrop: number } | undefined;
  private readonly appWindow: number[] = [];
  private readonly conversationWindows = new Map<string, number[]>();
  constructor(private readonly random: () => number = Math.random) {}
  /** Answered, in order, to the next POSTs instead of accepting them (nothing is recorded). */
  readonly faults: Fault[] = [];
  /** POSTs refused with a fault, for assertions. */
  refused = 0;
  /** POSTs held open by a `hold` fault. */
  held = 0;
  readonly members = new Map<string, Member>();
  /** Team rosters by team id, served by GET …/pagedmembers. */
  readonly rosters = new Map<string, Member[]>();
  /** Every roster page read: the team, the page size asked for, the members given. */
  readonly rosterReads: { teamId: string; pageSize?: number; served: number }[] = [];
  /** Every POST /v3/conversations (create a 1:1), refused ones included, with the answer's status. */
  readonly creates: { body: Record<string, unknown>; status: number; id?: string }[] = [];
  private server: Server | undefined;
  private counter = 0;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** What the bot sent (new messages and replies), in order. */
  sent(): RecordedCall[] {
    return this.calls.filter((c) => c.method === 'POST');
  }

  /** Messages sent into one conversation (new messages and replies). */
  sentTo(conversationId: string): RecordedCall[] {
    return this.sent().filter((c) => c.conversationId === conversationId || c.conversationId.startsWith(`${conversationId};`));
  }

  /** The adaptive cards the bot sent, in order. */
  cards(): Record<string, unknown>[] {
    return this.sent().flatMap((c) => ((c.body.attachments as { contentType: string; content: Record<string, unknown> }[] | undefined) ?? []).filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive').map((a) => a.content));
  }

  lastCard(): Record<string, unknown> {
    const cards = this.cards();
    if (cards.length === 0) throw new Error(`the bot sent no card; it sent: ${JSON.stringify(this.sent().map((c) => c.body.text ?? c.body.type))}`);
    return cards[cards.length - 1]!;
  }

  reset(): void {
    this.calls.length = 0;
  }

  /**
   * Teams' limits: every request counts against the app's rate, and a request about one
   * conversation (a send, a roster page) against that conversation's too. Creating a
   * conversation concerns none yet. Over a limit: 429 with Retry-After, as the service answers.
   */
  private refusedByLimits(res: ServerResponse, conversationId: string | undefined): boolean {
    if (!this.limits) return false;
    const now = performance.now();
    const prune = (w: number[]) => {
      while (w.length > 0 && w[0]! <= now - 1000) w.shift();
    };
    prune(this.appWindow);
    let conv: number[] | undefined;
    if (conversationId !== undefined) {
      conv = this.conversationWindows.get(conversationId) ?? [];
      this.conversationWindows.set(conversationId, conv);
      prune(conv);
    }
    if (this.appWindow.length >= this.limits.perAppPerSecond || (conv && conv.length >= this.limits.perConversationPerSecond)) {
      this.overLimit += 1;
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' });
      res.end(JSON.stringify({ error: { code: 'TooManyRequests', message: 'Rate limit exceeded' } }));
      return true;
    }
    this.appWindow.push(now);
    conv?.push(now);
    return false;
  }

  /**
   * GET /v3/conversations/{teamId}/pagedmembers?pageSize=&continuationToken=: the roster in pages
   * of at most 50 (Teams' cap), with an opaque token for the next page and none on the last.
   */
  private pagedMembers(res: ServerResponse, teamId: string, query: URLSearchParams): void {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const roster = this.rosters.get(teamId);
    if (!roster) return send(404, { error: { code: 'ConversationNotFound', message: 'Conversation not found.' } });
    const asked = query.get('pageSize') === null ? undefined : Number(query.get('pageSize'));
    const size = Math.min(asked && asked > 0 ? asked : MAX_ROSTER_PAGE, MAX_ROSTER_PAGE);
    const token = query.get('continuationToken');
    const start = token ? Number(Buffer.from(token, 'base64url').toString('utf8').replace(/^offset:/, '')) : 0;
    if (!Number.isInteger(start) || start < 0 || start > roster.length) return send(400, { error: { code: 'BadArgument', message: 'Invalid continuation token.' } });
    const page = roster.slice(start, start + size).map(({ outsideTenant: _x, ...m }) => ({ ...m, tenantId: '00000000-0000-0000-0000-000000000001', userRole: 'user' }));
    this.rosterReads.push({ teamId, ...(asked !== undefined ? { pageSize: asked } : {}), served: page.length });
    const next = start + size < roster.length ? Buffer.from(`offset:${start + size}`).toString('base64url') : undefined;
    return send(200, { ...(next ? { continuationToken: next } : {}), members: page });
  }

  /**
   * POST /v3/conversations: a 1:1 with one member of a roster the stand-in serves. Teams returns
   * the same id for the same user every time (the personal chat), here `a:personal-<user id>` as
   * in test/support/activities.ts; a member from another tenant gets 403.
   */
  private createConversation(res: ServerResponse, body: Record<string, unknown>): void {
    const answer = (status: number, payload: Record<string, unknown>) => {
      this.creates.push({ body, status, ...(typeof payload.id === 'string' ? { id: payload.id } : {}) });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    const members = body.members as { id?: string }[] | undefined;
    const tenant = (body.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? body.tenantId;
    if (body.isGroup !== false || !Array.isArray(members) || members.length !== 1 || !members[0]?.id || !(body.bot as { id?: string } | undefined)?.id || !tenant) {
      return answer(400, { error: { code: 'BadArgument', message: 'A 1:1 needs isGroup false, one member, the bot and the tenant.' } });
    }
    const member = [...this.rosters.values()].flat().find((m) => m.id === members[0]!.id);
    if (!member) return answer(404, { error: { code: 'MemberNotFound', message: 'The user is not a member of any team the bot is in.' } });
    if (member.outsideTenant) return answer(403, { error: { code: 'Forbidden', message: 'The user is not in the tenant of the team.' } });
    return answer(201, { id: `a:personal-${member.id}` });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const path = decodeURIComponent((req.url ?? '').split('?')[0]!);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const query = new URL(req.url ?? '', 'http://stand-in').searchParams;
    const paged = /^\/v3\/conversations\/([^/]+)\/pagedmembers$/.exec(path);
    if (req.method === 'GET' && paged) {
      if (this.refusedByLimits(res, paged[1]!)) return;
      return this.pagedMembers(res, paged[1]!, query);
    }
    if (req.method === 'POST' && path === '/v3/conversations') {
      if (this.refusedByLimits(res, undefined)) return;
      try {
        return this.createConversation(res, JSON.parse(raw) as Record<string, unknown>);
      } catch {
        return send(400, { error: { code: 'BadArgument', message: 'body is not JSON' } });
      }
    }
    const member = /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && member) {
      const m = this.members.get(member[2]!);
      return m ? send(200, m) : send(404, { error: { code: 'MemberNotFoundInConversation', message: 'The member was not found' } });
    }
    const activity = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
    if (!activity || (req.method !== 'POST' && req.method !== 'PUT')) return send(404, { error: { code: 'NotFound', message: `${req.method} ${path}` } });
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return send(400, { error: { code: 'BadArgument', message: 'body is not JSON' } });
    }
    if (req.method === 'POST' && this.faults.length > 0) {
      const fault = this.faults.shift()!;
      this.refused += 1;
      if ('drop' in fault) {
        req.socket.destroy();
        return;
      }
      if ('hold' in fault) {
        this.held += 1;
        return;
      }
      if (fault.status === 429) {
        res.writeHead(429, { 'content-type': 'application/json', ...(fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {}) });
        res.end(JSON.stringify({ error: { code: 'TooManyRequests', message: 'Too many requests' } }));
        return;
      }
      return send(fault.status, { error: { code: 'ServiceError', message: 'Bad gateway' } });
    }
    if (req.method === 'POST' && this.refusedByLimits(res, activity[1]!)) return;
    if (req.method === 'POST' && this.chaos) {
      const r = this.random();
      const { p429, p502, pDrop } = this.chaos;
      if (r < pDrop) {
        this.refused += 1;
        req.socket.destroy();
        return;
      }
      if (r < pDrop + p429) {
        this.refused += 1;
        res.writeHead(429, { 'content-type': 'application/json', ...(r < pDrop + p429 / 2 ? { 'retry-after': '1' } : {}) });
        res.end(JSON.stringify({ error: { code: 'TooManyRequests', message: 'Too many requests' } }));
        return;
      }
      if (r < pDrop + p429 + p502) {
        this.refused += 1;
        return send(502, { error: { code: 'ServiceError', message: 'Bad gateway' } });
      }
    }
    const call: RecordedCall = { method: req.method, path, conversationId: activity[1]!, body };
    if (activity[2]) call.activityId = activity[2];
    this.calls.push(call);
    if (req.method === 'PUT') return send(200, { id: activity[2] });
    this.counter += 1;
    return send(201, { id: `sent-${this.counter}` });
  }
}
