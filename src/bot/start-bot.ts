import type { Logger } from 'pino';
import type { AppDeps } from '../app/deps';
import type { CycleDeps } from '../app/reporting-cycle';
import type { EscalationRules } from '../domain/escalation';
import type { AppInstaller, Notifier } from '../domain/ports';
import type { TokenCredential } from '@azure/identity';
import { GraphAppInstaller, GraphTeamsInstaller, graphCredential } from './graph-app-installer';
import { BotFrameworkNotifier } from './bot-framework-notifier';
import { GraphDirectory } from './graph-directory';
import { RateLimiter, TEAMS_LIMITS } from './rate-limiter';
import type { Config } from '../config';
import { createAdapter } from './adapter';
import { HwbBot } from './hwb-bot';
import { messageEndpoint, type MessageEndpoint } from './inbound';
import { TeamsRosterSync } from './roster';

export interface RunningBot {
  /** What POST /api/messages hands activities to (src/http serves the route). */
  messages: MessageEndpoint;
  /** Proactive sends through the same adapter (reminders, digests). */
  notifier: Notifier;
  /** Board teams' rosters: read on install and daily, opening chats with people who never opened the bot. */
  roster: TeamsRosterSync;
  /** GRAPH_ENABLED=true: installs the app for leads in no chat (the cycle calls it). */
  installer?: AppInstaller;
  /** Waits for roster reads in flight (they open chats), so storage does not close under them. */
  close(): Promise<void>;
}

/** Timings tests shorten; production uses the defaults. */
export interface BotTimings {
  /** How long a card action may run before Teams is answered "still saving". */
  invokeDeadlineMs?: number;
  /** How long the HTTP host's `close()` lets requests in flight finish before it cuts their connections (src/http/host.ts). */
  closeGraceMs?: number;
  /** How long a call to the Bot Connector may take to connect (CONNECT_TIMEOUT_MS). */
  connectTimeoutMs?: number;
}

export interface BotOptions {
  /** Signs report links: REPORT_LINK_SECRET or one made at start. */
  linkSecret: string;
  /** Where report links point: PUBLIC_URL, else the address the HTTP host listens on. */
  publicUrl: () => string;
  timings?: BotTimings;
  /** The reporting cycle's parts (outbox, routes, email), for `chase`: wired once the app has built them. */
  cycle: () => CycleDeps;
  /** Sends what a change to a board's people planned (the scheduler's): wired once the app has built it. */
  sendPlanned: () => void;
  /** A signed, short-lived link to a board's page for one person (what `board` gives). */
  issueBoardLink(personId: string, boardKey: string): Promise<string>;
  /** Replaces the bot's own identity for Graph (tests, with the Graph stand-in). */
  graphCredential?: TokenCredential;
}

/** The Teams bot: adapter, handlers, proactive sends. Its HTTP route is served by src/http. */
export function startBot(config: Config, deps: AppDeps, rules: EscalationRules, log: Logger, options: BotOptions): RunningBot {
  const timings = options.timings ?? {};
  const { adapter, checkToken } = createAdapter(config, log, new RateLimiter(TEAMS_LIMITS), timings.connectTimeoutMs);
  const notifier = new BotFrameworkNotifier(adapter, config.bot.MicrosoftAppId);
  const reportLinks = { baseUrl: options.publicUrl, secret: options.linkSecret, minutes: config.reports.minutes };
  // Signed in src/links (the composition root hands the issuer over): `board` only asks for one.
  const boardLinks = { issue: options.issueBoardLink, minutes: config.reports.boardMinutes };
  const roster = new TeamsRosterSync(adapter, config.bot.MicrosoftAppId, deps, log);
  // GRAPH_ENABLED=true: the app is installed through Graph for leads in no chat and no board team;
  // without it `reach` says "Graph not configured" for anyone with neither a chat nor an email.
  const credential = config.graph ? (options.graphCredential ?? graphCredential(config)) : undefined;
  const installer = config.graph && credential
    ? new GraphTeamsInstaller(new GraphAppInstaller({ credential, teamsAppId: config.graph.teamsAppId, baseUrl: config.graph.baseUrl }), deps, { appId: config.bot.MicrosoftAppId, tenantId: config.bot.MicrosoftAppTenantId })
    : undefined;
  // With Graph, a person picked in the people picker is looked up in the directory (User.Read.All);
  // without it the change card's typed name is used.
  const directory = config.graph && credential ? new GraphDirectory({ credential, baseUrl: config.graph.baseUrl }) : undefined;
  // The cycle's deps are the app's, built before the directory: the bot's handlers see both.
  const cycle = directory ? () => ({ ...options.cycle(), directory }) : options.cycle;
  const bot = new HwbBot({ ...deps, ...(directory ? { directory } : {}), notifier, rules, reportLinks, boardLinks, roster, graphConfigured: installer !== undefined, cycle, sendPlanned: options.sendPlanned, emailOff: config.email.off === true }, log, timings.invokeDeadlineMs, config.localMode || config.allowedTenants.length > 0);
  return {
    messages: messageEndpoint(adapter, checkToken, bot, log, config.allowedTenants, config.localMode),
    notifier,
    roster,
    ...(installer ? { installer } : {}),
    close: () => roster.idle(),
  };
}
