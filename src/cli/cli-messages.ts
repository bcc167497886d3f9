import type { DomainError } from '../domain/errors';

/**
 * The command line's words for each domain error code: the same codes the bot words in
 * `src/bot/user-messages.ts`, said for someone at a terminal (flags and commands, not chat).
 */
export function cliMessage(e: DomainError): string {
  const d = e.details;
  switch (e.code) {
    case 'STRATEGY_NOT_FOUND':
      return `No strategy "${d.query ?? ''}". See "hwb-bot strategies" for the keys.`;
    case 'PRIORITY_NOT_FOUND':
      return `No priority "${d.query ?? ''}" in that strategy.`;
    case 'BAD_PERIOD':
      return `"${d.input ?? ''}" is not a period: use 2024, 2024-H1, 2024-Q3 or 2024-07.`;
    case 'BAD_DATE':
      return `"${d.input ?? ''}" is not a date: use YYYY-MM-DD.`;
    case 'STORAGE_UNAVAILABLE':
      return 'Storage did not answer; nothing was written. Check STORAGE_CONNECTION_STRING (or that DATA_DIR is readable) and try again.';
    default:
      // The remaining codes are about a chat sender's rights and cards, which the CLI never has.
      return `Refused (${e.code}): ${e.message}`;
  }
}
