import type { Logger } from 'pino';
import type { AppDeps } from '../app/deps';
import type { Config } from '../config';
import type { HealthProbe } from '../domain/ports';
import { createAdapter } from './adapter';
import { HwbBot } from './hwb-bot';
import { createServer } from './server';

export interface RunningBot {
  url: string;
  close(): Promise<void>;
}

/** Starts the HTTP endpoint; the only place outside src/bot that needs to know botbuilder exists. */
export async function startBot(config: Config, deps: AppDeps, health: HealthProbe, log: Logger): Promise<RunningBot> {
  const adapter = createAdapter(config, log);
  const bot = new HwbBot(deps, log);
  const server = createServer(adapter, bot, health, log);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address();
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${address.port}`;
  return {
    url,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
