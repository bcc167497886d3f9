import { config as loadDotenv } from 'dotenv';
import { resolve } from 'node:path';
import { startAzurite } from './azurite-embedded';
import { lockDataDir } from './data-dir-lock';

/**
 * `npm run storage`: the Table emulator on its own, on a fixed port, with the same data-folder
 * rules as the bot, so several bot instances can share it through STORAGE_CONNECTION_STRING as
 * they would share an Azure Storage account. Ctrl-C closes it cleanly (flushing to disk).
 */
async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  const dataDir = resolve(process.env.DATA_DIR ?? './.data');
  const port = Number(process.env.STORAGE_PORT ?? 10002);
  const unlock = await lockDataDir(dataDir);
  const azurite = await startAzurite({ dataDir, port, host: '127.0.0.1' });
  console.log(`Azurite Table service on 127.0.0.1:${port}, data in ${dataDir}.`);
  console.log(`Start each bot instance with:\n  STORAGE_CONNECTION_STRING="${azurite.connectionString}"`);
  console.log('Stop with Ctrl-C.');
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await azurite.close();
    unlock();
    console.log('Storage stopped cleanly.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((e: unknown) => {
  console.error(`Cannot start storage: ${(e as Error).message}`);
  process.exit(1);
});
