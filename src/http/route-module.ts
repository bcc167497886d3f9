import type { Logger } from 'pino';
import type { Server } from 'restify';

/** What the host gives every route family. */
export interface RouteContext {
  log: Logger;
  /** The origin of the public address (PUBLIC_URL's, else the one listened on): pages' answers come only from there. */
  ownOrigin(): string;
}

/**
 * One family of routes (`/api/messages`, `/checkin/*`, `/reports`, …), registered on the one
 * server before it listens. A new page is one more module in the list in src/http/routes.ts; its
 * handlers go through `handled` (src/http/errors.ts), so its errors are answered the one way.
 */
export interface RouteModule {
  /** The paths it serves, as people read them (the start-up log names them). */
  paths: string;
  register(server: Server, ctx: RouteContext): void;
}
