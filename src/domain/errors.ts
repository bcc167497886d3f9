/**
 * Domain errors carry a code; `src/bot/user-messages.ts` is the one place that turns a code
 * into what a person reads in Teams (chat, card actions, HTTP pages), and `src/cli/cli-messages.ts`
 * the same for the command line. `details` hold only our own data or input cut short.
 */
export type DomainErrorCode =
  | 'UNKNOWN_PERSON'
  | 'NOT_A_LEAD'
  | 'NOT_LEAD_FOR_PRIORITY'
  | 'PRIORITY_NOT_FOUND'
  | 'PROJECT_NOT_FOUND'
  | 'NO_PROJECTS'
  | 'WORKSTREAM_NOT_FOUND'
  | 'STRATEGY_NOT_FOUND'
  | 'BOARD_NOT_FOUND'
  | 'PERIOD_CLOSED'
  | 'PERIOD_MISMATCH'
  | 'STRATEGY_CLOSED'
  | 'STALE_ANSWER'
  | 'NOT_BOARD_MANAGER'
  | 'STORAGE_UNAVAILABLE'
  | 'BAD_DATE'
  | 'BAD_PERIOD'
  | 'UNKNOWN_DEPUTY'
  | 'NO_BOARD_CHANNEL'
  | 'NOT_IN_CHANNEL'
  | 'MALFORMED_SUBMISSION'
  | 'NOTHING_TO_CHANGE'
  | 'LAST_MANAGER'
  | 'PERSON_NOT_FOUND'
  | 'PERSON_NEEDS_NAME'
  | 'NOT_IN_DIRECTORY'
  | 'DIRECTORY_UNAVAILABLE'
  | 'WHICH_BOARD';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: Record<string, string> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DomainError';
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
