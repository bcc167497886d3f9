import type { CheckIn } from './check-in';
import type { Person } from './person';
import type { Priority, Strategy } from './strategy';

/**
 * What the application needs from storage. Implementations live in `src/store/`, named after
 * their technology; every one passes the contract suites in `test/store/`.
 */
export interface StrategyStore {
  putStrategy(strategy: Strategy): Promise<void>;
  getStrategy(key: string): Promise<Strategy | undefined>;
  listStrategies(): Promise<Strategy[]>;
  putPriority(priority: Priority): Promise<void>;
  getPriority(strategyKey: string, key: string): Promise<Priority | undefined>;
  listPriorities(strategyKey?: string): Promise<Priority[]>;
}

export interface PersonStore {
  putPerson(person: Person): Promise<void>;
  listPeople(): Promise<Person[]>;
  getPerson(id: string): Promise<Person | undefined>;
}

export type SaveOutcome =
  /** A new version was written. */
  | { kind: 'saved'; checkIn: CheckIn }
  /** This submission was saved before (a retry): nothing new was written. */
  | { kind: 'duplicate'; checkIn: CheckIn }
  /** Someone saved another version since the card was opened. */
  | { kind: 'stale'; current: CheckIn };

export interface CheckInStore {
  /** Current version for a priority and period. */
  get(strategyKey: string, priorityKey: string, period: string): Promise<CheckIn | undefined>;
  /**
   * Saves `checkIn` as version `baseVersion + 1`, atomically with its history row.
   * Idempotent per `checkIn.submissionId`; refuses when the current version is not `baseVersion`.
   */
  save(checkIn: Omit<CheckIn, 'version'>, baseVersion: number): Promise<SaveOutcome>;
  /** Every version of one period, oldest first. */
  versions(strategyKey: string, priorityKey: string, period: string): Promise<CheckIn[]>;
  /** Current versions of every period for a priority, oldest period first. */
  listForPriority(strategyKey: string, priorityKey: string): Promise<CheckIn[]>;
  listForStrategy(strategyKey: string): Promise<CheckIn[]>;
}

/** Where the bot can reach a person or a channel later (a serialised conversation reference). */
export interface ConversationRecord {
  /** "user:<aadObjectId or channel user id>" or "channel:<conversation id>". */
  key: string;
  personId?: string;
  reference: unknown;
  updatedAt: string;
}

export interface ConversationStore {
  put(record: ConversationRecord): Promise<void>;
  get(key: string): Promise<ConversationRecord | undefined>;
  list(): Promise<ConversationRecord[]>;
}

export interface SeedLedger {
  /** The content hash of the seed set last loaded, if any. */
  lastLoaded(name: string): Promise<string | undefined>;
  recordLoaded(name: string, hash: string, at: string): Promise<void>;
}

export interface Clock {
  now(): Date;
}

export interface HealthProbe {
  /** Resolves when storage answers; rejects with the reason when it does not. */
  ping(): Promise<void>;
}
