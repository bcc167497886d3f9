import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import pinoPretty from 'pino-pretty';
import type { TokenCredential } from '@azure/identity';
import type { AppDeps } from './app/deps';
import { startBot, type BotTimings } from './bot/start-bot';
import { refuseUnreachedEmail, type Config } from './config';
import type { Clock } from './domain/ports';
import { readSeedSet, seedFilesIn } from './seed/seed-files';
import { loadSeeds } from './seed/load-seeds';
import { openStorage, type Storage } from './store/open-storage';
import { CachedCalendarStore, CachedPersonStore, CachedStrategyStore } from './store/read-cache';
import { hostname } from 'node:os';
import { frequenciesFromCalendars } from './app/board-calendar';
import type { CycleDeps } from './app/reporting-cycle';
import type { Notifier } from './domain/ports';
import { boardSetup } from './board-setup';
import { startScheduler, type Scheduler } from './scheduler/cron-scheduler';
import { NodemailerEmailSender } from './email/nodemailer-email-sender';
import { signCheckInLink } from './links/check-in-links';
import { boardLinkIssuer } from './links/board-links';
import { createHttpHost } from './http/host';
import { routeModules } from './http/routes';
import { priorityRef } from './domain/strategy';
import { EntraTokenVerifier } from './http/entra-token';

export interface RunningApp {
  url: string;
  storage: Storage;
  deps: AppDeps;
  cycle: CycleDeps;
  scheduler: Scheduler;
  /** Where emails to leads outside Teams go (an SMTP relay, or .eml files). */
  mail: string;
  /** Team rosters: `idle()` resolves once reads started by install events have finished. */
  roster: RosterReads;
  /** A signed, short-lived link to a board's page for one person (what `board` in chat gives). */
  issueBoardLink(personId: string, boardKey: string): Promise<string>;
  stop(): Promise<void>;
}

export interface RosterReads {
  idle(): Promise<void>;
}

export interface AppOverrides {
  clock?: Clock;
  log?: Logger;
  /** Replaces the Bot Framework notifier (the bench's pacing experiments). */
  notifier?: Notifier;
  /** Shorter deadlines and grace periods, for tests. */
  botTimings?: BotTimings;
  /** Replaces the managed identity that reads STORAGE_ACCOUNT_URL (tests inject a failing one). */
  storageCredential?: TokenCredential;
  /** Replaces the bot's identity for Microsoft Graph (tests, against the Graph stand-in). */
  graphCredential?: TokenCredential;
  /** Replaces the board page's link for a person (tests of the tab). */
  issueBoardLink?: (personId: string, boardKey: string) => Promise<string>;
}



/**
 * JSON lines in production (for log search); in local mode a person reads the terminal, so the
 * same lines are printed readably (pino-pretty as a synchronous stream: no worker thread).
 */
export function createLog(config: Pick<Config, 'logLevel' | 'logFormat'>): Logger {
  if (config.logFormat === 'json') return pino({ level: config.logLevel, name: 'hwb-bot' });
  return pino({ level: config.logLevel, name: 'hwb-bot' }, pinoPretty({ colorize: process.stdout.isTTY === true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,name', sync: true }));
}

/** The ledger name of the latest-state migration. */
const STATE_MIGRATION = 'migration:priority-state-v1';

export const systemClock: Clock = { now: () => new Date() };

/** A clock that starts at `start` and runs at normal speed (CLOCK_START, for tests and demos). */
export function shiftedClock(start: string): Clock {
  const offset = Date.parse(start) - Date.now();
  return { now: () => new Date(Date.now() + offset) };
}

/** The composition root: storage, seeds, use cases and the bot endpoint, wired once. */
export async function startApp(config: Config, overrides: AppOverrides = {}): Promise<RunningApp> {
  const log = overrides.log ?? createLog(config);
  const clock = overrides.clock ?? (config.clockStart ? shiftedClock(config.clockStart) : systemClock);
  const storage = await openStorage(config, log, overrides.storageCredential ? { credential: overrides.storageCredential } : {});
  try {
    const board = boardSetup(config);
    // Read on most turns (frequencies, due dates), changed by the calendar card: served from memory too.
    const calendars = new CachedCalendarStore(storage.calendars);
    const deps: AppDeps = {
      // Read on every turn, changed rarely (seed loads, managers in Teams): served from memory (see read-cache).
      // Each priority as its board runs it: the frequency its board's calendar sets (board-calendar.ts).
      strategies: frequenciesFromCalendars(new CachedStrategyStore(storage.strategies), calendars),
      people: new CachedPersonStore(storage.people),
      checkIns: storage.checkIns,
      conversations: storage.conversations,
      cover: storage.cover,
      reach: storage.reach,
      changes: storage.changes,
      boardPeople: storage.boardPeople,
      calendars,
      clock,
      board: { timeZone: config.timeZone, periodPolicy: board.periodPolicy, rules: board.rules, calendar: { defaults: board.defaults, working: board.calendar } },
      newId: () => randomUUID(),
    };
    // One-off: answers stored before latest-state rows existed get theirs (idempotent, recorded once done).
    if ((await storage.ledger.lastLoaded(STATE_MIGRATION)) !== 'done') {
      const built = await storage.checkIns.buildMissingStates();
      await storage.ledger.recordLoaded(STATE_MIGRATION, 'done', clock.now().toISOString());
      if (built > 0) log.info({ priorities: built }, 'built the latest-state rows of answers stored before they existed');
    }
    if (config.loadSeeds) {
      const set = readSeedSet(seedFilesIn(config.seedsDir));
      // Refused before anything is written: the people the seeds would store (or those stored).
      refuseUnreachedEmail(config, set.people ? set.people.seed.people : await storage.people.listPeople());
      const report = await loadSeeds(storage, set, clock.now());
      const { keptFromTeams, ...counts } = report;
      log.info(counts, report.skipped ? 'seed data unchanged since last load: nothing written' : 'seed data loaded');
      if (keptFromTeams.length > 0) log.info({ boards: keptFromTeams.map((k) => k.boardKey), lastChanged: keptFromTeams.map((k) => k.changedAt) }, `people of ${keptFromTeams.map((k) => k.boardKey).join(', ')} were changed in Teams: kept, not replaced by ${config.seedsDir}/people.json (hwb-bot seed load --people --force replaces them)`);
    } else {
      refuseUnreachedEmail(config, await storage.people.listPeople());
    }
    // One secret for report links and emailed check-in links (their audiences differ). Made at
    // start when not configured, so such links then last until a restart.
    const linkSecret = config.reports.secret ?? randomBytes(32).toString('hex');
    // The one HTTP host: where links point is its public address (PUBLIC_URL, else where it listens).
    const http = createHttpHost(config, log, overrides.botTimings?.closeGraceMs !== undefined ? { closeGraceMs: overrides.botTimings.closeGraceMs } : {});
    // The cycle needs the bot's notifier, and `chase` in the bot needs the cycle: handed over once built.
    const wired: { cycle?: CycleDeps; scheduler?: Scheduler } = {};
    const cycleOf = () => {
      if (!wired.cycle) throw new Error('the reporting cycle is not wired yet');
      return wired.cycle;
    };
    // TAB_SSO=on: the Teams tabs' Entra tokens are checked against Entra's published keys.
    const tabVerifier = config.tabSso ? new EntraTokenVerifier({ metadataUrl: config.tabSso.metadataUrl, audiences: config.tabSso.audiences, allowedTenants: config.tabSso.allowedTenants }) : undefined;
    // Links to a board's page (the `board` command, the Teams tab): the same secret and address as
    // emailed links, their own audience and lifetime.
    const issueBoardLink = overrides.issueBoardLink ?? boardLinkIssuer({ get baseUrl() { return http.publicUrl(); }, secret: linkSecret, minutes: config.reports.boardMinutes }, clock);
    const bot = startBot(config, deps, board.rules, log, { linkSecret, publicUrl: http.publicUrl, cycle: cycleOf, sendPlanned: () => void wired.scheduler?.sendPlanned(), issueBoardLink, ...(overrides.botTimings ? { timings: overrides.botTimings } : {}), ...(overrides.graphCredential ? { graphCredential: overrides.graphCredential } : {}) });
    const tab = { ...(tabVerifier ? { verifier: tabVerifier } : {}), issueBoardLink };
    const server = await http.listen(routeModules({ app: deps, bot: bot.messages, health: storage, linkSecret, tab }, log));
    const email = new NodemailerEmailSender(
      {
        ...(config.email.smtpUrl ? { smtpUrl: config.email.smtpUrl } : {}),
        from: config.email.from,
        mailDir: join(config.dataDir, 'mail'),
        linkFor: (n, priority) => signCheckInLink({ personId: n.to.id, priority: priorityRef(priority), period: n.period.label }, n.period, { baseUrl: http.publicUrl(), secret: linkSecret, timeZone: config.timeZone }, clock.now()),
      },
      log,
    );
    const cycle: CycleDeps = {
      ...deps,
      outbox: storage.outbox,
      notifier: overrides.notifier ?? bot.notifier,
      calendar: board.calendar,
      cycle: board.cycle,
      rules: board.rules,
      instanceId: config.cycle.instanceId || `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
      leaseMs: config.cycle.leaseMs,
      concurrency: 8,
      // EMAIL=off: no email route, so email-only leads are unreachable and managers are told.
      ...(config.email.off ? {} : { email }),
      // GRAPH_ENABLED=true: leads in no chat get the app installed before they are reminded.
      ...(bot.installer ? { installer: bot.installer } : {}),
    };
    wired.cycle = cycle;
    const scheduler = startScheduler(cycle, log, { everyMinute: config.cycle.scheduler, roster: bot.roster });
    wired.scheduler = scheduler;
    // Catch up on anything due while the bot was down (the outbox keeps it to once).
    if (config.cycle.scheduler) void scheduler.tick();
    for (const w of config.warnings) log.warn(w);
    log.info({ url: server.url, endpoint: `${server.url}/api/messages`, storage: storage.description, email: email.description }, 'HWB Progress Bot ready');
    return {
      url: server.url,
      storage,
      deps,
      cycle,
      scheduler,
      mail: config.email.off ? 'off (EMAIL=off): people with only an email address are not reached' : email.description,
      roster: bot.roster,
      issueBoardLink,
      async stop() {
        await scheduler.stop();
        await server.close();
        await bot.close();
        email.close();
        await storage.close();
      },
    };
  } catch (e) {
    await storage.close();
    throw e;
  }
}
