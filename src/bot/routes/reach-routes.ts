import { onChaseCommand } from '../handlers/chase-command';
import { onReachCommand } from '../handlers/reach-command';
import type { RouteFamily } from './route';

/** Board managers reaching leads: who can be reached and how, and chasing answers now. */
export const reachRoutes: RouteFamily<'reach' | 'chase'> = {
  commands: {
    reach: (context, deps) => onReachCommand(context, deps),
    chase: (context, deps, c) => onChaseCommand(context, deps, c.query),
  },
};
