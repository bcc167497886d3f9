import type { AdaptiveCardInvokeResponse, TurnContext } from 'botbuilder';
import type { BotDeps } from '../bot-deps';
import type { Command } from '../commands';

type CommandName = Command['name'];

/** What a typed command does: its handler, given the command as parsed. */
export type CommandHandler<N extends CommandName> = (context: TurnContext, deps: BotDeps, command: Extract<Command, { name: N }>) => Promise<void>;

/** A card button (Action.Execute) by its verb. */
export type CardActionHandler = (context: TurnContext, deps: BotDeps, data: Record<string, unknown>) => Promise<AdaptiveCardInvokeResponse>;

/**
 * One family of routes (one file each, as teams.ts has `routes/*`): the commands it answers and
 * the card buttons it owns. A new command is one entry here plus its line in `parseCommand`.
 */
export interface RouteFamily<N extends CommandName> {
  commands: { [K in N]: CommandHandler<K> };
  cardActions?: Record<string, CardActionHandler>;
}

/** Every command has a route: a command parsed but left out of the table fails the type check. */
export type CommandRoutes = { [K in CommandName]: CommandHandler<K> };

export function runCommand(routes: CommandRoutes, context: TurnContext, deps: BotDeps, command: Command): Promise<void> {
  // TypeScript cannot tie the handler's name to its command's here; the table's type already has.
  const handler = routes[command.name] as (context: TurnContext, deps: BotDeps, command: Command) => Promise<void>;
  return handler(context, deps, command);
}
