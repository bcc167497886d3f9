import { randomUUID } from 'node:crypto';
import pino, { type Logger } from 'pino';
import type { AppDeps } from './app/deps';
import { startBot } from './bot/start-bot';
import type { Config } from './config';
import type { Clock } from './domain/ports';
import { readSeedSet, seedFilesIn } from './seed/seed-files';
import { loadSeeds } from './seed/load-seeds';
import { openStorage, type Storage } from './store/open-storage';

export interface RunningApp {
  url: string;
  storage: Storage;
  deps: AppDeps;
  stop(): Promise<void>;
}

export interface AppOverrides {
  clock?: Clock;
  log?: Logger;
}

export const systemClock: Clock = { now: () => new Date() };

/** The composition root: storage, seeds, use cases and the bot endpoint, wired once. */
export async function startApp(config: Config, overrides: AppOverrides = {}): Promise<RunningApp> {
  const log = overrides.log ?? pino({ level: config.logLevel, name: 'hwb-bot' });
  const clock = overrides.clock ?? systemClock;
  const storage = await openStorage(config, log);
  try {
    const deps: AppDeps = {
      strategies: storage.strategies,
      people: storage.people,
      checkIns: storage.checkIns,
      conversations: storage.conversations,
      clock,
      board: { timeZone: config.timeZone, periodPolicy: { dueAfterDays: config.dueAfterDays } },
      newId: () => randomUUID(),
    };
    if (config.loadSeeds) {
      const set = readSeedSet(seedFilesIn(config.seedsDir));
      const report = await loadSeeds(storage, set, clock.now());
      log.info(report, report.skipped ? 'seed data unchanged since last load: nothing written' : 'seed data loaded');
    }
    const bot = await startBot(config, deps, storage, log);
    for (const w of config.warnings) log.warn(w);
    log.info({ url: bot.url, endpoint: `${bot.url}/api/messages`, storage: storage.description }, 'HWB Progress Bot ready');
    return {
      url: bot.url,
      storage,
      deps,
      async stop() {
        await bot.close();
        await storage.close();
      },
    };
  } catch (e) {
    await storage.close();
    throw e;
  }
}
