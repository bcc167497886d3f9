import type { CheckIn } from '../../domain/check-in';
import { DomainError } from '../../domain/errors';
import type { Board } from '../../domain/board';
import type { Person } from '../../domain/person';
import { emptyState, withAnswer, type PriorityState } from '../../domain/priority-state';
import type {
  BoardChange,
  BoardPeopleRecord,
  BoardPeopleVersions,
  ChangeLog,
  CheckInStore,
  ConversationRecord,
  ConversationStore,
  Cover,
  CoverStore,
  OutboxClaim,
  OutboxClaimAnswer,
  OutboxEntry,
  OutboxLedger,
  OutboxMessageRef,
  OutboxStatus,
  PersonStore,
  ReachRecord,
  ReachStore,
  SaveOutcome,
  SeedLedger,
  StrategyStore,
} from '../../domain/ports';
import type { Priority, Strategy } from '../../domain/strategy';
import { InMemoryBoardCalendarStore } from './in-memory-board-calendar-store';

/**
 * Every port in memory: the fast tier of use-case tests runs on these, and each passes the same
 * contract suite as its Azure Tables twin. Values are copied in and out, as a real store's are,
 * so a caller that mutates what it read changes nothing stored.
 */
const copy = <T>(v: T): T => structuredClone(v);
const byKey = <T>(key: (t: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

export class InMemoryStrategyStore implements StrategyStore {
  private readonly strategies = new Map<string, Strategy>();
  private readonly priorities = new Map<string, Priority>();
  private readonly boards = new Map<string, Board>();

  async putBoard(board: Board): Promise<void> {
    this.boards.set(board.key, copy(board));
  }
  async listBoards(): Promise<Board[]> {
    return [...this.boards.values()].map(copy).sort(byKey((b) => b.key));
  }

  async putStrategy(strategy: Strategy): Promise<void> {
    this.strategies.set(strategy.key, copy(strategy));
  }
  async getStrategy(key: string): Promise<Strategy | undefined> {
    const s = this.strategies.get(key);
    return s && copy(s);
  }
  async listStrategies(): Promise<Strategy[]> {
    return [...this.strategies.values()].map(copy).sort(byKey((s) => s.key));
  }
  async putPriority(priority: Priority): Promise<void> {
    this.priorities.set(`${priority.strategyKey}|${priority.key}`, copy(priority));
  }
  async getPriority(strategyKey: string, key: string): Promise<Priority | undefined> {
    const p = this.priorities.get(`${strategyKey}|${key}`);
    return p && copy(p);
  }
  async listPriorities(strategyKey?: string): Promise<Priority[]> {
    return [...this.priorities.values()].filter((p) => strategyKey === undefined || p.strategyKey === strategyKey).map(copy).sort(byKey((p) => `${p.strategyKey}|${p.key}`));
  }
}

export class InMemoryPersonStore implements PersonStore {
  private readonly people = new Map<string, Person>();
  async putPerson(person: Person): Promise<void> {
    this.people.set(person.id, copy(person));
  }
  async listPeople(): Promise<Person[]> {
    return [...this.people.values()].map(copy).sort(byKey((p) => p.id));
  }
  async getPerson(id: string): Promise<Person | undefined> {
    const p = this.people.get(id);
    return p && copy(p);
  }
}

/** Same rules as the Azure Tables store: version n+1 on base n only, one version per submission. */
export class InMemoryCheckInStore implements CheckInStore {
  /** `<strategy>|<priority>|<period>` → every version, oldest first. */
  private readonly rows = new Map<string, CheckIn[]>();
  private readonly submissions = new Map<string, number>();
  private readonly latest = new Map<string, PriorityState>();

  async states(strategyKey: string): Promise<PriorityState[]> {
    return [...this.latest.values()].filter((s) => s.strategyKey === strategyKey).map(copy).sort(byKey((s) => s.priorityKey));
  }
  async state(strategyKey: string, priorityKey: string): Promise<PriorityState | undefined> {
    const s = this.latest.get(`${strategyKey}|${priorityKey}`);
    return s && copy(s);
  }
  async buildMissingStates(): Promise<number> {
    return 0; // Written with every save since the first: nothing stored here predates them.
  }

  async get(strategyKey: string, priorityKey: string, period: string): Promise<CheckIn | undefined> {
    const v = this.rows.get(`${strategyKey}|${priorityKey}|${period}`);
    return v && copy(v[v.length - 1]!);
  }

  async save(checkIn: Omit<CheckIn, 'version'>, baseVersion: number): Promise<SaveOutcome> {
    const key = `${checkIn.strategyKey}|${checkIn.priorityKey}|${checkIn.period}`;
    const versions = this.rows.get(key) ?? [];
    const done = this.submissions.get(`${key}|${checkIn.submissionId}`);
    if (done !== undefined) return { kind: 'duplicate', checkIn: copy(versions[done - 1]!) };
    const current = versions[versions.length - 1];
    if (current && current.version !== baseVersion) return { kind: 'stale', current: copy(current) };
    if (!current && baseVersion !== 0) throw new DomainError('STALE_ANSWER', `no answer exists to edit (base version ${baseVersion})`);
    const saved: CheckIn = { ...copy(checkIn), version: baseVersion + 1 };
    this.rows.set(key, [...versions, saved]);
    this.submissions.set(`${key}|${checkIn.submissionId}`, saved.version);
    const stateKey = `${checkIn.strategyKey}|${checkIn.priorityKey}`;
    this.latest.set(stateKey, withAnswer(this.latest.get(stateKey) ?? emptyState(checkIn.strategyKey, checkIn.priorityKey), copy(saved)));
    return { kind: 'saved', checkIn: copy(saved) };
  }

  async versions(strategyKey: string, priorityKey: string, period: string): Promise<CheckIn[]> {
    return (this.rows.get(`${strategyKey}|${priorityKey}|${period}`) ?? []).map(copy);
  }

  async listForPriority(strategyKey: string, priorityKey: string): Promise<CheckIn[]> {
    return this.current((c) => c.strategyKey === strategyKey && c.priorityKey === priorityKey);
  }

  async listForStrategy(strategyKey: string): Promise<CheckIn[]> {
    return this.current((c) => c.strategyKey === strategyKey);
  }

  private current(keep: (c: CheckIn) => boolean): CheckIn[] {
    return [...this.rows.values()].map((v) => v[v.length - 1]!).filter(keep).map(copy).sort(byKey((c) => c.period));
  }
}

export class InMemoryConversationStore implements ConversationStore {
  private readonly records = new Map<string, ConversationRecord>();
  async put(record: ConversationRecord): Promise<void> {
    this.records.set(record.key, copy(record));
  }
  async get(key: string): Promise<ConversationRecord | undefined> {
    const r = this.records.get(key);
    return r && copy(r);
  }
  async list(): Promise<ConversationRecord[]> {
    return [...this.records.values()].map(copy);
  }
  private readonly welcomed = new Set<string>();
  async markWelcomed(key: string): Promise<boolean> {
    if (this.welcomed.has(key)) return false;
    this.welcomed.add(key);
    return true;
  }
  async clearWelcomed(key: string): Promise<void> {
    this.welcomed.delete(key);
  }
}

export class InMemorySeedLedger implements SeedLedger {
  private readonly hashes = new Map<string, string>();
  async lastLoaded(name: string): Promise<string | undefined> {
    return this.hashes.get(name);
  }
  async recordLoaded(name: string, hash: string): Promise<void> {
    this.hashes.set(name, hash);
  }
}

const FINAL: readonly OutboxStatus[] = ['sent', 'skipped', 'undeliverable', 'failed'];
/** Not to be sent (unless reopened): final for `cancel` and `planned`, yet never remembered as done. */
const SETTLED: readonly OutboxStatus[] = [...FINAL, 'cancelled'];

/**
 * The outbox's claim rules without storage: first claim wins, a lapsed lease or a release lets
 * another take it. Each row has a version, bumped by every write, standing in for the ETag:
 * a claim's token is the version it left, and `complete`/`release` write only on that version.
 */
export class InMemoryOutbox implements OutboxLedger {
  private readonly entries = new Map<string, OutboxEntry>();
  private readonly versions = new Map<string, number>();
  /** Ids of the entries `plan` wrote, until they are final. */
  private readonly plannedIds = new Set<string>();

  async plan(m: OutboxMessageRef, recipientId: string, now: Date): Promise<boolean> {
    const id = `${m.localDate}|${m.key}`;
    if (this.entries.has(id)) return false;
    this.write(id, { key: m.key, localDate: m.localDate, kind: m.kind, status: 'planned', owner: '', claimedAt: now.toISOString(), attempts: 0, recipientId }, m, '');
    this.plannedIds.add(id);
    return true;
  }

  async planned(): Promise<OutboxEntry[]> {
    for (const id of this.plannedIds) if (SETTLED.includes(this.entries.get(id)?.status ?? 'cancelled')) this.plannedIds.delete(id);
    return [...this.plannedIds].map((id) => copy(this.entries.get(id)!)).sort(byKey((e) => e.claimedAt));
  }

  async cancel(m: OutboxMessageRef, note: string, now: Date, leaseMs: number): Promise<boolean> {
    const id = `${m.localDate}|${m.key}`;
    const row = this.entries.get(id);
    if (!row) {
      this.write(id, { key: m.key, localDate: m.localDate, kind: m.kind, status: 'cancelled', owner: '', claimedAt: now.toISOString(), attempts: 0, sentAt: now.toISOString(), note: note.slice(0, 2000) }, m, '');
      return true;
    }
    if (SETTLED.includes(row.status)) return false;
    if (row.status === 'claimed' && Date.parse(row.claimedAt) + leaseMs > now.getTime()) return false;
    this.write(id, { ...row, status: 'cancelled', sentAt: now.toISOString(), note: note.slice(0, 2000) }, m, row.owner);
    return true;
  }

  async reopen(m: OutboxMessageRef): Promise<boolean> {
    const id = `${m.localDate}|${m.key}`;
    if (this.entries.get(id)?.status !== 'cancelled') return false;
    // The version stays counted: a claim made before cannot match a row written after.
    this.entries.delete(id);
    this.plannedIds.delete(id);
    return true;
  }

  async claim(m: OutboxMessageRef, owner: string, now: Date, leaseMs: number): Promise<OutboxClaimAnswer> {
    const id = `${m.localDate}|${m.key}`;
    const row = this.entries.get(id);
    if (!row) {
      return this.write(id, { key: m.key, localDate: m.localDate, kind: m.kind, status: 'claimed', owner, claimedAt: now.toISOString(), attempts: 1 }, m, owner);
    }
    if (FINAL.includes(row.status)) return 'done';
    if (row.status === 'cancelled') return 'cancelled';
    const expired = row.status === 'pending' || row.status === 'planned' || Date.parse(row.claimedAt) + leaseMs <= now.getTime();
    if (!expired) return 'busy';
    return this.write(id, { ...row, status: 'claimed', owner, claimedAt: now.toISOString(), attempts: row.attempts + 1 }, m, owner);
  }

  async complete(claim: OutboxClaim, outcome: { status: 'sent' | 'skipped' | 'undeliverable' | 'failed'; recipientId?: string; note?: string }, now: Date): Promise<boolean> {
    const id = `${claim.message.localDate}|${claim.message.key}`;
    const row = this.entries.get(id);
    if (!row || String(this.versions.get(id)) !== claim.token) return false;
    this.write(id, { ...row, status: outcome.status, sentAt: now.toISOString(), ...(outcome.recipientId ? { recipientId: outcome.recipientId } : {}), ...(outcome.note ? { note: outcome.note.slice(0, 2000) } : {}) }, claim.message, claim.owner);
    return true;
  }

  async release(claim: OutboxClaim, note: string): Promise<boolean> {
    const id = `${claim.message.localDate}|${claim.message.key}`;
    const row = this.entries.get(id);
    if (!row || String(this.versions.get(id)) !== claim.token) return false;
    this.write(id, { ...row, status: 'pending', note: note.slice(0, 2000) }, claim.message, claim.owner);
    return true;
  }

  private write(id: string, row: OutboxEntry, message: OutboxMessageRef, owner: string): OutboxClaim {
    const version = (this.versions.get(id) ?? 0) + 1;
    this.entries.set(id, row);
    this.versions.set(id, version);
    return { message, owner, token: String(version) };
  }

  async finalKeys(localDate: string): Promise<string[]> {
    return [...this.entries.values()].filter((e) => e.localDate === localDate && FINAL.includes(e.status)).map((e) => e.key);
  }

  async list(fromDate: string, toDate: string): Promise<OutboxEntry[]> {
    return [...this.entries.values()].filter((e) => e.localDate >= fromDate && e.localDate <= toDate).map(copy);
  }
}

export class InMemoryCoverStore implements CoverStore {
  private readonly covers = new Map<string, Cover>();
  async set(cover: Cover): Promise<void> {
    this.covers.set(cover.personId, copy(cover));
  }
  async clear(personId: string): Promise<void> {
    this.covers.delete(personId);
  }
  async list(): Promise<Cover[]> {
    return [...this.covers.values()].map(copy);
  }
}

export class InMemoryReachStore implements ReachStore {
  private readonly records = new Map<string, ReachRecord>();
  async put(record: ReachRecord): Promise<void> {
    this.records.set(record.personId, copy(record));
  }
  async get(personId: string): Promise<ReachRecord | undefined> {
    const r = this.records.get(personId);
    return r && copy(r);
  }
  async list(): Promise<ReachRecord[]> {
    return [...this.records.values()].map(copy);
  }
}

/** Newest first, as the Azure Tables log reads its partition; changes of the same instant latest-appended first. */
export class InMemoryChangeLog implements ChangeLog {
  private readonly changes: BoardChange[] = [];
  async append(change: BoardChange): Promise<void> {
    this.changes.push(copy(change));
  }
  async list(boardKey: string, options: { subjectPrefix?: string; limit?: number } = {}): Promise<BoardChange[]> {
    const prefix = options.subjectPrefix ?? '';
    const matching = this.changes.map((c, i) => ({ c, i })).filter(({ c }) => c.boardKey === boardKey && c.subject.startsWith(prefix));
    matching.sort((a, b) => b.c.at.getTime() - a.c.at.getTime() || b.i - a.i);
    return matching.slice(0, Math.max(0, options.limit ?? matching.length)).map(({ c }) => copy(c));
  }
}

/** Versions count up, standing in for the ETag. */
export class InMemoryBoardPeopleVersions implements BoardPeopleVersions {
  private readonly records = new Map<string, BoardPeopleRecord>();
  private counter = 0;
  async get(boardKey: string): Promise<BoardPeopleRecord | undefined> {
    const r = this.records.get(boardKey);
    return r && copy(r);
  }
  async list(): Promise<BoardPeopleRecord[]> {
    return [...this.records.values()].map(copy);
  }
  async advance(boardKey: string, expected: string, next: { source: 'seed' | 'teams'; changedAt: string }): Promise<string | undefined> {
    if ((this.records.get(boardKey)?.version ?? '') !== expected) return undefined;
    await this.reset(boardKey, next);
    return this.records.get(boardKey)!.version;
  }
  async reset(boardKey: string, next: { source: 'seed' | 'teams'; changedAt: string }): Promise<void> {
    this.records.set(boardKey, { boardKey, ...next, version: `v${++this.counter}` });
  }
}

/** One of each, as `openStorage` gives the Azure Tables ones. */
export function inMemoryStores() {
  return {
    strategies: new InMemoryStrategyStore(),
    people: new InMemoryPersonStore(),
    checkIns: new InMemoryCheckInStore(),
    conversations: new InMemoryConversationStore(),
    ledger: new InMemorySeedLedger(),
    outbox: new InMemoryOutbox(),
    cover: new InMemoryCoverStore(),
    reach: new InMemoryReachStore(),
    changes: new InMemoryChangeLog(),
    boardPeople: new InMemoryBoardPeopleVersions(),
    calendars: new InMemoryBoardCalendarStore(),
  };
}
