/**
 * `npm run playground`: the Microsoft 365 Agents Playground against the running bot, on
 * 127.0.0.1 only, as Alex Wilber (board manager and lead) with the board's team channel.
 *
 *   BOT_ENDPOINT     the bot's messaging endpoint (default http://127.0.0.1:3978/api/messages)
 *   PLAYGROUND_PORT  the playground's port on 127.0.0.1 (default 56150)
 *
 * Start the bot first (`npm start`), then this, then open the printed address. Ctrl-C stops it.
 */
import { config as loadDotenv } from 'dotenv';
import { AgentsPlayground, DEFAULT_BOT_ENDPOINT, DEFAULT_PLAYGROUND_PORT, isPortFree, PLAYGROUND_CONFIG } from './agents-playground';

async function main(): Promise<number> {
  loadDotenv({ quiet: true });
  const botEndpoint = process.env.BOT_ENDPOINT || DEFAULT_BOT_ENDPOINT;
  const port = Number(process.env.PLAYGROUND_PORT || DEFAULT_PLAYGROUND_PORT);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`PLAYGROUND_PORT "${process.env.PLAYGROUND_PORT}" is not a port number.`);
    return 1;
  }
  if (!(await isPortFree(port))) {
    console.error(`Port ${port} on 127.0.0.1 is in use (another playground?). Stop it, or choose another: PLAYGROUND_PORT=56151 npm run playground`);
    return 1;
  }
  if (process.env.MicrosoftAppId) {
    console.warn('Note: MicrosoftAppId is set, so the bot checks tokens and will refuse the playground (401). Run the bot without it locally.');
  }
  const health = new URL('/healthz', botEndpoint).href;
  const botUp = await fetch(health, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);
  if (!botUp) console.warn(`The bot does not answer at ${health} yet. Start it in another terminal with \`npm start\`; the playground connects when you send a message.`);

  const playground = new AgentsPlayground({ botEndpoint, port, stdio: 'inherit' });
  let stopping = false;
  const stop = () => {
    stopping = true;
    void playground.stop();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await playground.start();
  console.log(
    [
      '',
      `Agents Playground: ${playground.url}  (loopback only; Ctrl-C stops it)`,
      `  bot:    ${botEndpoint}`,
      `  config: ${PLAYGROUND_CONFIG}`,
      '  You are Alex Wilber (board manager, lead of priority 19). Try "checkin", then "status 19";',
      '  in the "Board digests" channel type @HWB Progress Bot (pick it from the list) and "digest now".',
      '',
    ].join('\n'),
  );
  const code = await playground.waitForExit();
  return stopping ? 0 : (code ?? 0);
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error('Cannot start the Agents Playground:', e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
