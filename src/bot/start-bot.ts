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
import { randomBytes } from 'node:crypto';
import { onReportDownload } from './handlers/report-command';
import { createServer, type ReportFileHandler } from './server';
import { TeamsRosterSync } from './roster';

export interface RunningBot {
  url: string;
  /** Proactive sends through the same adapter (reminders, digests). */
  notifier: Notifier;
  /** Board teams' rosters: read on install and daily, opening chats with people who never opened the bot. */
  roster: TeamsRosterSync;
  close(): Promise<void>;
}

/** Starts the HTTP endpoint; the only place outside src/bot that needs to know botbuilder exists. */
export async function startBot(config: Config, deps: AppDeps, rules: EscalationRules, health: HealthProbe, log: Logger): Promise<RunningBot> {
  const adapter = createAdapter(config, log, new RateLimiter(TEAMS_LIMITS));
  const notifier = new BotFrameworkNotifier(adapter, config.bot.MicrosoftAppId);
  const secret = config.reports.secret ?? randomBytes(32).toString('hex');
  const reportLinks = { baseUrl: config.reports.publicUrl ?? `http://${config.host}:${config.port}`, secret, minutes: config.reports.minutes };
  const roster = new TeamsRosterSync(adapter, config.bot.MicrosoftAppId, deps, log);
  // Installing the app through Microsoft Graph (for people in no board team) is not built yet, so
  // `reach` says "Graph not configured" for anyone with neither a chat nor an email address.
  const bot = new HwbBot({ ...deps, notifier, rules, reportLinks, roster, graphConfigured: false }, log);
  const reportFile: ReportFileHandler = (token) => onReportDownload(deps, secret, token);
  const server = createServer(adapter, bot, health, log, reportFile);
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
    roster,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // A roster read still opening chats finishes before storage closes under it.
      await roster.idle();
    },
  };
}
