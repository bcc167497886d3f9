import { onAwayCommand, onBackCommand } from '../handlers/away-command';
import type { RouteFamily } from './route';

/** A lead away, with a deputy covering, and back. */
export const coverRoutes: RouteFamily<'away' | 'back'> = {
  commands: {
    away: (context, deps, c) => onAwayCommand(context, deps, c.until, c.deputy),
    back: (context, deps) => onBackCommand(context, deps),
  },
};
