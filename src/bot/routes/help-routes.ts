import { onHelpCommand, onWhatCommand } from '../handlers/help-command';
import type { RouteFamily } from './route';

/** `help`, a command without its object ("status"), and anything not understood. */
export const helpRoutes: RouteFamily<'help' | 'what' | 'unknown'> = {
  commands: {
    help: (context) => onHelpCommand(context),
    what: (context, _deps, c) => onWhatCommand(context, c.command, c.example, c.thing),
    unknown: (context, _deps, c) => onHelpCommand(context, c.text),
  },
};
