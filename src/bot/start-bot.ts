import type { Logger } from 'pino';
import type { AppDeps } from '../app/deps';
import type { CycleDeps } from '../app/reporting-cycle';
import type { EscalationRules } from '../domain/escalation';
import type { AppInstaller, Notifier } from '../domain/ports';
import type { TokenCredential } from '@azure/identity';
import { GraphAppInstaller, GraphTeamsInstaller, graphCredential } from './graph-app-installer';
import { BotFrameworkNotifier } from './bot-framework-notifier';
import { RateLimiter, TEAMS_LIMITS } from './rate-limiter';
import { ConfigError, type Config } from '../config';
import type { HealthProbe } from '../domain/ports';
import { createAdapter } from './adapter';
import { HwbBot } from './hwb-bot';
import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { onReportDownload } from './handlers/report-command';
import type { Server } from 'restify';
import { createServer, type ReportFileHandler } from './server';
import { TeamsRosterSync } from './roster';

export interface RunningBot {
  url: string;
  /** Proactive sends through the same adapter (reminders, digests). */
  notifier: Notifier;
  /** Board teams' rosters: read on install and daily, opening chats with people who never opened the bot. */
  roster: TeamsRosterSync;
  /** GRAPH_ENABLED=true: installs the app for leads in no chat (the cycle calls it). */
  installer?: AppInstaller;
  close(): Promise<void>;
}

/** Timings tests shorten; production uses the defaults. */
export interface BotTimings {
  /** How long a card action may run before Teams is answered "still saving". */
  invokeDeadlineMs?: number;
  /** How long `close()` lets requests in flight finish before it cuts their connections. */
  closeGraceMs?: number;
  /** How long a call to the Bot Connector may take to connect (CONNECT_TIMEOUT_MS). */
  connectTimeoutMs?: number;
}

/** Requests in flight get this long to finish when the bot stops; the whole stop stays under 5 s. */
const CLOSE_GRACE_MS = 3_000;

export interface BotOptions {
  /** Signs report links (and, in the web adapter, check-in links): REPORT_LINK_SECRET or one made at start. */
  linkSecret: string;
  /** More routes on the same server (the web check-in page), added before it listens. */
  routes?: (server: Server) => void;
  timings?: BotTimings;
  /** The reporting cycle's parts (outbox, routes, email), for `chase`: wired once the app has built them. */
  cycle: () => CycleDeps;
  /** A signed, short-lived link to a board's page for one person (what `board` gives). */
  issueBoardLink(personId: string, boardKey: string): Promise<string>;
  /** Replaces the bot's own identity for Graph (tests, with the Graph stand-in). */
  graphCredential?: TokenCredential;
}

/** Starts the HTTP endpoint; the only place outside src/bot that needs to know botbuilder exists. */
export async function startBot(config: Config, deps: AppDeps, rules: EscalationRules, health: HealthProbe, log: Logger, options: BotOptions): Promise<RunningBot> {
  const timings = options.timings ?? {};
  const { adapter, checkToken } = createAdapter(config, log, new RateLimiter(TEAMS_LIMITS), timings.connectTimeoutMs);
  const notifier = new BotFrameworkNotifier(adapter, config.bot.MicrosoftAppId);
  const secret = options.linkSecret;
  const reportLinks = { baseUrl: config.reports.publicUrl ?? `http://${config.host}:${config.port}`, secret, minutes: config.reports.minutes };
  // Signed by the web page's module (the composition root hands it over): `board` only asks for one.
  const boardLinks = { issue: options.issueBoardLink, minutes: config.reports.boardMinutes };
  const roster = new TeamsRosterSync(adapter, config.bot.MicrosoftAppId, deps, log);
  // GRAPH_ENABLED=true: the app is installed through Graph for leads in no chat and no board team;
  // without it `reach` says "Graph not configured" for anyone with neither a chat nor an email.
  const installer = config.graph
    ? new GraphTeamsInstaller(new GraphAppInstaller({ credential: options.graphCredential ?? graphCredential(config), teamsAppId: config.graph.teamsAppId, baseUrl: config.graph.baseUrl }), deps, { appId: config.bot.MicrosoftAppId, tenantId: config.bot.MicrosoftAppTenantId })
    : undefined;
  const bot = new HwbBot({ ...deps, notifier, rules, reportLinks, boardLinks, roster, graphConfigured: installer !== undefined, cycle: options.cycle, emailOff: config.email.off === true }, log, timings.invokeDeadlineMs, config.localMode || config.allowedTenants.length > 0);
  const reportFile: ReportFileHandler = (token) => onReportDownload(deps, secret, token);
  const server = createServer(adapter, checkToken, bot, health, log, reportFile, config.allowedTenants, { localMode: config.localMode });
  options.routes?.(server);
  const closeServer = closableServer(server.server, timings.closeGraceMs ?? CLOSE_GRACE_MS);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => reject(listenError(e, config)));
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address();
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${address.port}`;
  // With PORT=0 the port is known only now.
  if (!config.reports.publicUrl) reportLinks.baseUrl = url;
  return {
    url,
    notifier,
    roster,
    ...(installer ? { installer } : {}),
    close: async () => {
      await closeServer();
      // A roster read still opening chats finishes before storage closes under it.
      await roster.idle();
    },
  };
}

/** A port that cannot be had is the configuration's problem: one line naming it and PORT=, no stack. */
function listenError(e: NodeJS.ErrnoException, config: Config): Error {
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
