import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import * as restify from 'restify';
import type { Logger } from 'pino';
import { ConfigError, type Config } from '../config';
import { answerServerErrors } from './errors';
import { MAX_BODY_BYTES, readJsonBody, refuseEncodedBodies } from './request-body';
import type { RouteModule } from './route-module';

/**
 * The one HTTP server: the bot's endpoint, the check-in page, report files, health, and any page
 * added later, each a route module (src/http/routes.ts). Made in two steps because the public
 * address is needed before it listens (the bot and the email sign links with it) and, with PORT=0,
 * known only after: `publicUrl()` is PUBLIC_URL, else the address listened on once known.
 */
export interface HttpHost {
  /** PUBLIC_URL, else the address listened on (before listening: HOST and PORT as configured). */
  publicUrl(): string;
  /** Registers every route module, then listens. */
  listen(routes: readonly RouteModule[]): Promise<RunningHttp>;
}

export interface RunningHttp {
  /** The address listened on (with PORT=0, the port the system chose). */
  url: string;
  close(): Promise<void>;
}

/** Requests in flight get this long to finish when the app stops; the whole stop stays under 5 s. */
const CLOSE_GRACE_MS = 3_000;

export function createHttpHost(config: Pick<Config, 'host' | 'port' | 'reports'>, log: Logger, options: { closeGraceMs?: number } = {}): HttpHost {
  let listening: string | undefined;
  const urlOf = (port: number) => `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  const publicUrl = () => config.reports.publicUrl ?? listening ?? urlOf(config.port);
  return {
    publicUrl,
    async listen(routes) {
      const server = restify.createServer({ name: 'hwb-progress-bot' });
      // Before routing, so on every route and before any body is read: restify 11's body parser
      // inflates gzip with no error handler (one garbage body ended the process) and counts its size
      // limit on the compressed bytes (a 200 KB bomb became 200 MiB). Nothing is ever inflated.
      server.pre(refuseEncodedBodies);
      // botbuilder reads the parsed body: without this every activity gets 400.
      server.use(readJsonBody(MAX_BODY_BYTES));
      const context = { log, ownOrigin: () => new URL(publicUrl()).origin };
      for (const module of routes) module.register(server, context);
      answerServerErrors(server, log);
      const close = closableServer(server.server, options.closeGraceMs ?? CLOSE_GRACE_MS);
      await new Promise<void>((resolve, reject) => {
        server.once('error', (e: NodeJS.ErrnoException) => reject(listenError(e, config)));
        server.listen(config.port, config.host, () => resolve());
      });
      listening = urlOf(server.address().port);
      log.debug({ url: listening, routes: routes.map((r) => r.paths) }, 'HTTP host listening');
      return { url: listening, close };
    },
  };
}

/** A port that cannot be had is the configuration's problem: one line naming it and PORT=, no stack. */
function listenError(e: NodeJS.ErrnoException, config: Pick<Config, 'host' | 'port'>): Error {
  if (e.code === 'EADDRINUSE') return new ConfigError(`Port ${config.port} on ${config.host} is in use by another program (another bot?). Stop it, or choose another port with PORT= (e.g. PORT=${config.port + 1}).`);
  if (e.code === 'EACCES') return new ConfigError(`Port ${config.port} on ${config.host} may not be used by this user. Choose another port with PORT= (above 1023).`);
  if (e.code === 'EADDRNOTAVAIL') return new ConfigError(`HOST=${config.host} is not an address of this machine.`);
  return e;
}

/**
 * Closing that ends every connection. `close()` alone waits for clients' connections: Node
 * closes idle keep-alive ones, but not one a browser opened and never used (its spare,
 * preconnected socket), nor one whose request is still arriving, so Ctrl-C hung for minutes.
 * Connections with no request running are destroyed at once; busy ones as soon as their answer
 * is sent, and at the latest when the grace period ends.
 */
function closableServer(http: HttpServer, graceMs: number): () => Promise<void> {
  const open = new Set<Socket>();
  const busy = new Set<Socket>();
  let closing = false;
  http.on('connection', (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  });
  http.on('request', (req: IncomingMessage, res: ServerResponse) => {
    busy.add(req.socket);
    res.once('close', () => {
      busy.delete(req.socket);
      if (closing) req.socket.destroy();
    });
  });
  return () =>
    new Promise<void>((resolve) => {
      closing = true;
      const grace = setTimeout(() => http.closeAllConnections(), graceMs);
      http.close(() => {
        clearTimeout(grace);
        resolve();
      });
      for (const socket of open) if (!busy.has(socket)) socket.destroy();
    });
}
