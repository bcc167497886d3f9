import type { Logger } from 'pino';
import type { AppDeps } from '../app/deps';
import type { MessageEndpoint } from '../bot/inbound';
import type { HealthProbe } from '../domain/ports';
import type { RouteModule } from './route-module';
import { assetRoutes } from './routes/assets';
import { boardPageRoutes } from './routes/board-page';
import { checkInRoutes } from './routes/check-in';
import { healthRoutes } from './routes/health';
import { messageRoutes } from './routes/messages';
import { reportRoutes } from './routes/reports';
import { tabRoutes, type TabRouteDeps } from './routes/tab';

export interface HttpDeps {
  app: AppDeps;
  /** The Teams bot's side of POST /api/messages. */
  bot: MessageEndpoint;
  health: HealthProbe;
  /** Verifies report and check-in links (src/links): the secret that signed them. */
  linkSecret: string;
  /** The Teams tabs: their sign-in (absent verifier: not set up) and the board link they open. */
  tab: Omit<TabRouteDeps, 'app' | 'log'>;
}

/** Every route family the host serves, in one list: a new page is one more module here. */
export function routeModules(deps: HttpDeps, log: Logger): RouteModule[] {
  return [
    messageRoutes(deps.bot),
    checkInRoutes({ app: deps.app, linkSecret: deps.linkSecret }),
    assetRoutes(),
    reportRoutes({ app: deps.app, linkSecret: deps.linkSecret }),
    boardPageRoutes({ app: deps.app, linkSecret: deps.linkSecret }),
    healthRoutes(deps.health),
    tabRoutes({ app: deps.app, log, ...deps.tab }),
  ];
}
