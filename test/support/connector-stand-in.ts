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
}

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

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const path = decodeURIComponent((req.url ?? '').split('?')[0]!);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
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
    if (req.method === 'POST' && this.limits) {
      const now = performance.now();
      const prune = (w: number[]) => {
        while (w.length > 0 && w[0]! <= now - 1000) w.shift();
      };
      const conv = this.conversationWindows.get(activity[1]!) ?? [];
      this.conversationWindows.set(activity[1]!, conv);
      prune(this.appWindow);
      prune(conv);
      if (this.appWindow.length >= this.limits.perAppPerSecond || conv.length >= this.limits.perConversationPerSecond) {
        this.overLimit += 1;
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' });
        res.end(JSON.stringify({ error: { code: 'TooManyRequests', message: 'Rate limit exceeded' } }));
        return;
      }
      this.appWindow.push(now);
      conv.push(now);
    }
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
