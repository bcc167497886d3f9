import { config as loadDotenv } from 'dotenv';
import { ConfigError, loadConfig } from './config';
import { startApp } from './start-app';
import { SeedError } from './seed/seed-files';
import { boundHeapGrowth } from './heap-growth';

/** `npm start`: read .env, start, and close cleanly on Ctrl-C / SIGTERM so Azurite flushes to disk. */
async function main(): Promise<void> {
  boundHeapGrowth();
  loadDotenv({ quiet: true });
  const config = loadConfig();
  const app = await startApp(config);
  if (config.localMode) {
    const line = '!'.repeat(78);
    console.error(`${line}\n  LOCAL MODE: no MicrosoftAppId, so nobody's identity is checked.\n  Listening on ${app.url} (loopback only). Do not expose this port.\n${line}`);
  }
  console.log(`HWB Progress Bot: ${app.url}/api/messages  (health: ${app.url}/healthz)  Stop with Ctrl-C.`);
  console.log(`Email to leads outside Teams: ${app.mail}.`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      // A second Ctrl-C means "now". Nothing is lost: every acknowledged change is already in the
      // table journal (fdatasync'd before its answer left), and the next start replays it.
      console.log(`\n${signal} again: forcing the stop now; the next start replays the table journal.`);
      process.exit(1);
    }
    stopping = true;
    console.log(`\n${signal}: stopping; saving data to ${config.storageConnectionString ? 'the storage account' : config.dataDir}…`);
    await app.stop();
    console.log('Stopped cleanly.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError || e instanceof SeedError) console.error(`Cannot start: ${e.message}`);
  else console.error('Cannot start:', e);
  process.exit(1);
});
