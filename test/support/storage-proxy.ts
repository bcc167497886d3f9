import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A proxy in front of Azurite that misbehaves on demand, as storage does in real life:
 * - `slow`: every request waits `delayMs` before it is forwarded;
 * - `down`: connections are dropped without an answer;
 * - `drop-reply-after-write`: writes are forwarded and committed, then the reply is lost.
 */
export type ProxyMode = { kind: 'pass' } | { kind: 'slow'; delayMs: number } | { kind: 'down' } | { kind: 'drop-reply-after-write' };

export class StorageProxy {
  mode: ProxyMode = { kind: 'pass' };
  private server: Server | undefined;
  private readonly upstream: URL;
  private readonly timers = new Set<NodeJS.Timeout>();
  port = 0;

  constructor(azuriteConnectionString: string) {
    const endpoint = /TableEndpoint=(http:\/\/[^;]+)/.exec(azuriteConnectionString)?.[1];
    if (!endpoint) throw new Error('no TableEndpoint in the connection string');
    this.upstream = new URL(endpoint);
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server!.address() as AddressInfo).port;
    return this;
  }

  /** The same account as the upstream, reached through the proxy. */
  connectionString(upstream: string): string {
    return upstream.replace(/TableEndpoint=http:\/\/[^/;]+/, `TableEndpoint=http://127.0.0.1:${this.port}`);
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const mode = this.mode;
    if (mode.kind === 'down') {
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (mode.kind === 'slow') await new Promise<void>((r) => this.timers.add(setTimeout(r, mode.delayMs)));
    const isWrite = req.method !== 'GET' && req.method !== 'HEAD';
    const up = request({ host: this.upstream.hostname, port: this.upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: this.upstream.host } }, (upRes) => {
      if (mode.kind === 'drop-reply-after-write' && isWrite) {
        upRes.resume();
        upRes.on('end', () => req.socket.destroy());
        return;
      }
      res.writeHead(upRes.statusCode ?? 502, upRes.headers);
      upRes.pipe(res);
    });
    up.on('error', () => req.socket.destroy());
    up.end(Buffer.concat(chunks));
  }
}
