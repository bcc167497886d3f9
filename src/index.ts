import { setFlagsFromString } from 'node:v8';
import { config as loadDotenv } from 'dotenv';
import { ConfigError, loadConfig } from './config';
import { startApp } from './start-app';
import { SeedError } from './seed/seed-files';
import { DataDirBusyError } from './store/data-dir-lock';

/**
 * How far V8's heap may grow past what is live before the next full collection, in percent.
 * Left to itself, under load V8 lets the heap grow to several times what is live: 20 people each
 * asking `status` 50 times took the process from 229 to 535 MB resident while the live heap stayed
 * near 90 MB (the rest was garbage not yet collected; `scripts/heap-snapshot.ts` shows it). 25% keeps
 * that to about 60 MB, and still scales with the board (a cap in MB would not). Set at start, before
 * the heap has grown; `--heap-growing-percent` in NODE_OPTIONS or on the command line wins.
 */
const HEAP_GROWING_PERCENT = 25;

function boundHeapGrowth(): void {
  const given = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => /heap[-_]growing[-_]percent/.test(a));
  if (!given) setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

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
    console.log(`\n${signal}: stopping; saving data to ${config.storageConnectionString || config.storageAccountUrl ? 'the storage account' : config.dataDir}…`);
    await app.stop();
    console.log('Stopped cleanly.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e: unknown) => {
  // What the person starting it can fix is one line; anything else keeps its stack (a bug).
  if (e instanceof ConfigError || e instanceof SeedError || e instanceof DataDirBusyError) console.error(`Cannot start: ${e.message}`);
  else console.error('Cannot start:', e);
  process.exit(1);
});
