import type { Board } from './board';
import type { BoardCalendar, VersionedCalendar } from './board-calendar';
import type { CheckIn } from './check-in';
import type { Notice } from './notice';
import type { Person } from './person';
import type { PriorityState } from './priority-state';
import type { Priority, Strategy } from './strategy';
import type { ChatOrigin } from './reach';

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
  putBoard(board: Board): Promise<void>;
  listBoards(): Promise<Board[]>;
  /** A store that keeps a copy in memory drops it: the next read is from storage (another instance may have written since). */
  dropCached?(): void;
}

/**
 * Each board's calendar (board-calendar.ts), one record per board, written only with the version
 * it was read at: of two managers saving at once, one wins and the other gets the stored one.
 */
export interface BoardCalendarStore {
  get(boardKey: string): Promise<VersionedCalendar | undefined>;
  list(): Promise<VersionedCalendar[]>;
  /**
   * Writes `calendar` if the stored version is still `etag` ('' : nothing stored yet). `saved`
   * carries the new version; `stale` the record stored now (another save came first).
   */
  put(calendar: BoardCalendar, etag: string): Promise<{ kind: 'saved'; etag: string } | { kind: 'stale'; current: VersionedCalendar | undefined }>;
}

export interface PersonStore {
  putPerson(person: Person): Promise<void>;
  /** As `StrategyStore.dropCached`. */
  dropCached?(): void;
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
  /**
   * Each priority's latest-state record (see priority-state.ts), written in the same transaction
   * as every save: the board picture reads these, one per priority, not every check-in.
   */
  states(strategyKey: string): Promise<PriorityState[]>;
  state(strategyKey: string, priorityKey: string): Promise<PriorityState | undefined>;
  /**
   * Builds the records for answers stored before they existed. Idempotent: a priority that has
   * its record is left alone. Returns how many were built.
   */
  buildMissingStates(): Promise<number>;
}

/** Where the bot can reach a person or a channel later (a serialised conversation reference). */
export interface ConversationRecord {
  /** "user:<aadObjectId or channel user id>" or "channel:<conversation id>". */
  key: string;
  personId?: string;
  reference: unknown;
  updatedAt: string;
  /** When the welcome was last sent: install and member-added both arrive, one welcome is enough. */
  welcomedAt?: string;
  /** For a personal chat: how it came to exist (the person installed the app, or the bot opened it). */
  origin?: ChatOrigin;
}

export interface ConversationStore {
  put(record: ConversationRecord): Promise<void>;
  get(key: string): Promise<ConversationRecord | undefined>;
  list(): Promise<ConversationRecord[]>;
  /**
   * Marks a chat as welcomed for this install, if it is not already: a conditional create, so of
   * two events racing (install and member-added, on any instance) exactly one gets true and sends.
   */
  markWelcomed(key: string, at: string): Promise<boolean>;
  /** The app was removed from the chat: a later install is a new one, welcomed again. */
  clearWelcomed(key: string): Promise<void>;
}

/**
 * What the bot has learnt about reaching one person beyond a stored chat: which board teams'
 * rosters list them (read on install and daily), and the last attempt to reach them that failed
 * for good, so `reach` can say why someone cannot be reached.
 */
export interface ReachRecord {
  personId: string;
  /** Team ids whose last roster read listed this person. */
  teams: string[];
  /** The Teams user id ("29:…") in those rosters: what opening a chat needs. */
  memberId?: string;
  /** The last final failure, e.g. "403: user is not in the tenant"; cleared when a chat opens. */
  lastFailure?: { at: string; note: string };
  updatedAt: string;
}

export interface ReachStore {
  put(record: ReachRecord): Promise<void>;
  get(personId: string): Promise<ReachRecord | undefined>;
  list(): Promise<ReachRecord[]>;
}

/**
 * Reads a board team's roster and opens personal chats with the people in it whom the bot
 * cannot reach yet (the Teams adapter implements it). `team` is a stored team record.
 */
export interface RosterSync {
  syncTeam(team: ConversationRecord): Promise<RosterSyncReport>;
}

/**
 * Installs the bot's Teams app for a person through Microsoft Graph (GRAPH_ENABLED=true), for a
 * lead in no chat and no board team roster; the Graph adapter implements it. `installed` carries
 * the personal chat as an install event would store it (origin "graph"); `refused` says why in
 * words for `reach` (403: no admin consent, the app not in the catalogue, ...); `throttled` is
 * Graph's 429 outlasting the retries: nothing is recorded, the next cycle asks again.
 */
export interface AppInstaller {
  install(person: { id: string; aadObjectId: string }): Promise<AppInstallOutcome>;
}

export type AppInstallOutcome = { kind: 'installed'; conversation: ConversationRecord } | { kind: 'refused'; reason: string } | { kind: 'throttled'; retryAfterSeconds: number };

/** Someone in the organisation's directory (Entra ID), as the directory holds them. */
export interface DirectoryUser {
  aadObjectId: string;
  displayName?: string;
  /** Their mailbox; absent for many guests and for accounts without one. */
  mail?: string;
  /** Their sign-in name: an address for a member, "…#EXT#@tenant" for a guest. */
  userPrincipalName?: string;
  companyName?: string;
  department?: string;
}

/**
 * The organisation's directory, asked who an Entra object id is: what Teams' people picker sends
 * is only the id. The Graph adapter implements it (GRAPH_ENABLED=true). `missing`: the directory
 * has nobody with that id; `refused`: the bot may not read the directory (no consent), said in
 * words; `unavailable`: throttled or down beyond the adapter's bounded retries.
 */
export interface Directory {
  findUser(aadObjectId: string): Promise<DirectoryLookup>;
}

export type DirectoryLookup = { kind: 'found'; user: DirectoryUser } | { kind: 'missing' } | { kind: 'refused'; reason: string } | { kind: 'unavailable'; retryAfterSeconds?: number };

export interface RosterSyncReport {
  teamId: string;
  members: number;
  opened: number;
  failed: number;
}

export interface SeedLedger {
  /** The content hash of the seed set last loaded, if any. */
  lastLoaded(name: string): Promise<string | undefined>;
  recordLoaded(name: string, hash: string, at: string): Promise<void>;
}

/**
 * One change to a board's people or settings, as the audit trail keeps it: who made it, when,
 * what it was about ("lead of <priorityRef>", "managers") and the value before and after, in words.
 */
export interface BoardChange {
  boardKey: string;
  at: Date;
  /** Person id of whoever made the change. */
  by: string;
  /** What changed, e.g. "lead of <priorityRef>". */
  subject: string;
  before: string;
  after: string;
}

/** The audit trail of board changes: append-only, read back newest first. */
export interface ChangeLog {
  append(change: BoardChange): Promise<void>;
  /** A board's changes, newest first; `subjectPrefix` keeps those whose subject starts with it. */
  list(boardKey: string, options?: { subjectPrefix?: string; limit?: number }): Promise<BoardChange[]>;
}

/**
 * Per board: the version of its people and assignments (leads, deputies, managers), and where
 * they last came from. A change made in Teams is written only on the version it read, so of two
 * managers editing at once one wins and the other is told; a board whose people were changed in
 * Teams is not overwritten by a changed seed file (see load-seeds.ts).
 */
export interface BoardPeopleRecord {
  boardKey: string;
  source: 'seed' | 'teams';
  changedAt: string;
  /** Opaque: an ETag in Azure Tables. */
  version: string;
}

export interface BoardPeopleVersions {
  get(boardKey: string): Promise<BoardPeopleRecord | undefined>;
  list(): Promise<BoardPeopleRecord[]>;
  /**
   * Writes the board's record if its version is still `expected` ('' for a board with none yet):
   * the new version, or undefined (nothing written) when another change came first.
   */
  advance(boardKey: string, expected: string, next: { source: 'seed' | 'teams'; changedAt: string }): Promise<string | undefined>;
  /** A seed import: written whatever the version (the import is the deliberate replacement). */
  reset(boardKey: string, next: { source: 'seed' | 'teams'; changedAt: string }): Promise<void>;
}

export interface Clock {
  now(): Date;
}

export interface HealthProbe {
  /** Resolves when storage answers; rejects with the reason when it does not. */
  ping(): Promise<void>;
}

/**
 * Where an outbox entry stands. `planned` (written ahead by `plan`, not claimed yet), `claimed`
 * (until its lease runs out) and `pending` (given back after a send that may succeed later) can
 * be claimed again; `cancelled` is not sent unless a change reopens it (its lead is back); the
 * rest are final for that key.
 */
export type OutboxStatus = 'planned' | 'claimed' | 'pending' | 'sent' | 'skipped' | 'undeliverable' | 'failed' | 'cancelled';

export interface OutboxEntry {
  key: string;
  localDate: string;
  kind: string;
  status: OutboxStatus;
  owner: string;
  claimedAt: string;
  attempts: number;
  recipientId?: string;
  sentAt?: string;
  note?: string;
}

export interface OutboxMessageRef {
  key: string;
  /** The planned local date: with the key it locates the row without a scan. */
  localDate: string;
  kind: string;
}

/**
 * The exactly-once ledger for everything the cycle sends: a message is claimed before it is
 * sent, so a restart or a second instance never sends it again. A claim whose owner died is
 * taken over once its lease runs out.
 */
export interface OutboxLedger {
  /**
   * The claim when this owner now holds the message; `done` when it is final; `busy` while
   * another's lease runs; `cancelled` when a change to the board's people cancelled it (not
   * final: `reopen` may let it go after all, so it is not remembered as done).
   */
  claim(message: OutboxMessageRef, owner: string, now: Date, leaseMs: number): Promise<OutboxClaimAnswer>;
  /**
   * Records the outcome, only while `claim` is still the row's current claim. False (nothing
   * written) when the lease ran out and another owner took the message over meanwhile: its
   * outcome is the one that counts.
   */
  complete(claim: OutboxClaim, outcome: { status: 'sent' | 'skipped' | 'undeliverable' | 'failed'; recipientId?: string; note?: string }, now: Date): Promise<boolean>;
  /** Gives a claim back after a failed send, so a later tick retries it. False (nothing written) when the claim was lost, as for `complete`. */
  release(claim: OutboxClaim, note: string): Promise<boolean>;
  /**
   * Writes a message to be sent soon, before anything is sent (a change in Teams promises it):
   * a conditional create, so a retry or the cycle's own entry for the same key is never a second
   * message. True when written now; false when the key has an entry already (planned, sent, ...).
   * A planned entry is claimed like any other, by whoever comes first.
   */
  plan(message: OutboxMessageRef, recipientId: string, now: Date): Promise<boolean>;
  /** The entries `plan` wrote that are not final yet (planned, claimed or pending): what is still to send. */
  planned(): Promise<OutboxEntry[]>;
  /**
   * A message that must not go (its lead was changed): a planned or pending entry, a claim whose
   * lease ran out, or one not written yet (a step the cycle will plan later: an instance still
   * reading the old lead finds it cancelled) becomes `cancelled`. False when it is final or
   * cancelled already, or a live claim is sending it now.
   */
  cancel(message: OutboxMessageRef, note: string, now: Date, leaseMs: number): Promise<boolean>;
  /** A cancelled message may go after all (its lead is back): the entry is removed. False when it is not cancelled. */
  reopen(message: OutboxMessageRef): Promise<boolean>;
  /** The keys of one planned date's final entries (sent, skipped, undeliverable, failed), in one read: final never changes, so they can be remembered. */
  finalKeys(localDate: string): Promise<string[]>;
  list(fromDate: string, toDate: string): Promise<OutboxEntry[]>;
}

export type OutboxClaimAnswer = OutboxClaim | 'done' | 'busy' | 'cancelled';

/**
 * Proof of holding a message: `token` is the row's version right after this claim (an ETag in
 * Azure Tables). Any later claim changes the version, so a late `complete` or `release` by an
 * owner whose lease ran out cannot undo the new owner's work (a third send).
 */
export interface OutboxClaim {
  message: OutboxMessageRef;
  owner: string;
  token: string;
}

/** A lead's absence: until when, and who answers meanwhile. */
export interface Cover {
  personId: string;
  /** Last day away (inclusive), board-local date. */
  until: string;
  deputyId?: string;
  setAt: string;
}

export interface CoverStore {
  set(cover: Cover): Promise<void>;
  clear(personId: string): Promise<void>;
  list(): Promise<Cover[]>;
}

/**
 * Delivers a notice into a stored conversation; the adapter decides how it looks there.
 * Errors say whether a retry may help.
 */
export interface Notifier {
  send(reference: unknown, notice: Notice): Promise<void>;
}

/**
 * Delivers a lead's notice by email (leads outside the council's Teams tenant). Plain data in:
 * the adapter renders it and adds the personal web link. `messageKey` is the outbox key, unique
 * per message, so the adapter can name the message after it (and a relay can spot a repeat).
 * Throws NotifierError, as the Teams notifier does, saying whether a retry may help.
 */
export interface EmailSender {
  send(to: { name: string; email: string }, notice: Notice, messageKey: string): Promise<void>;
}

export class NotifierError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'NotifierError';
  }
}
