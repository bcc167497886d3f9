import { boardViewRoutes } from './board-view-routes';
import { calendarRoutes } from './calendar-routes';
import { checkInRoutes } from './check-in-routes';
import { coverRoutes } from './cover-routes';
import { digestRoutes } from './digest-routes';
import { helpRoutes } from './help-routes';
import { peopleRoutes } from './people-routes';
import { reachRoutes } from './reach-routes';
import type { CardActionHandler, CommandRoutes } from './route';

/** The families, one file each; a new family is one line here. */
const FAMILIES = [helpRoutes, checkInRoutes, boardViewRoutes, digestRoutes, coverRoutes, reachRoutes, peopleRoutes, calendarRoutes];

/** Every typed command's handler (a command with no route fails the type check). */
export const COMMAND_ROUTES: CommandRoutes = { ...helpRoutes.commands, ...checkInRoutes.commands, ...boardViewRoutes.commands, ...digestRoutes.commands, ...coverRoutes.commands, ...reachRoutes.commands, ...peopleRoutes.commands, ...calendarRoutes.commands };

/** Every card button's handler, by verb; a verb owned by two families is a mistake caught at start. */
export const CARD_ACTIONS: Readonly<Record<string, CardActionHandler>> = FAMILIES.reduce<Record<string, CardActionHandler>>((all, family) => {
  for (const [verb, handler] of Object.entries(family.cardActions ?? {})) {
    if (Object.prototype.hasOwnProperty.call(all, verb)) throw new Error(`card verb ${verb} is routed twice`);
    all[verb] = handler;
  }
  return all;
}, {});
