import type { Logger } from 'pino';
import type { AppDeps } from '../app/deps';
import type { EscalationRules } from '../domain/escalation';
import type { Notifier } from '../domain/ports';
import { BotFrameworkNotifier } from './bot-framework-notifier';
import { RateLimiter, TEAMS_LIMITS } from './rate-limiter';
import type { Config } from '../config';
import type { HealthProbe } from '../domain/ports';
import { createAdapter } from './adapter';
import { HwbBot } from './hwb-bot';
import { onReportDownload } from './handlers/report-command';
import type { Server } from 'restify';
import { createServer, type ReportFileHandler } from './server';

export interface RunningBot {
  url: string;
  /** Proactive sends through the same adapter (reminders, digests). */
  notifier: Notifier;
  close(): Promise<void>;
}

export interface BotOptions {
  /** Signs report links (and, in the web adapter, check-in links): REPORT_LINK_SECRET or one made at start. */
  linkSecret: string;
  /** More routes on the same server (the web check-in page), added before it listens. */
  routes?: (server: Server) => void;
}

/** Starts the HTTP endpoint; the only place outside src/bot that needs to know botbuilder exists. */
export async function startBot(config: Config, deps: AppDeps, rules: EscalationRules, health: HealthProbe, log: Logger, options: BotOptions): Promise<RunningBot> {
  const adapter = createAdapter(config, log, new RateLimiter(TEAMS_LIMITS));
  const notifier = new BotFrameworkNotifier(adapter, config.bot.MicrosoftAppId);
  const secret = options.linkSecret;
  const reportLinks = { baseUrl: config.reports.publicUrl ?? `http://${config.host}:${config.port}`, secret, minutes: config.reports.minutes };
  const bot = new HwbBot({ ...deps, notifier, rules, reportLinks }, log);
  const reportFile: ReportFileHandler = (token) => onReportDownload(deps, secret, token);
  const server = createServer(adapter, bot, health, log, reportFile);
  options.routes?.(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address();
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${address.port}`;
  // With PORT=0 the port is known only now.
  if (!config.reports.publicUrl) reportLinks.baseUrl = url;
  return {
    url,
    notifier,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
