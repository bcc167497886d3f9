import type { Board } from '../domain/board';
import type { Person } from '../domain/person';
import type { BoardCalendar, VersionedCalendar } from '../domain/board-calendar';
import type { BoardCalendarStore, PersonStore, StrategyStore } from '../domain/ports';
import type { Priority, Strategy } from '../domain/strategy';

/**
 * Strategies, priorities and people change rarely (a seed load, a manager's change in Teams), yet
 * every turn needs them (who is this sender? which priorities do they lead?). Without a cache each turn would
 * scan the people and priorities tables, which grows with the board. These decorators keep one
 * snapshot of each in memory: the first read loads it; later reads are served from memory, and
 * once it is older than `ttlMs` the next read starts a refresh in the background (another
 * instance's seed load shows up within that time). Writes through this instance drop the snapshot.
 */
class Snapshot<T> {
  private value: T | undefined;
  private loadedAt = 0;
  private loading: Promise<T> | undefined;
  private generation = 0;

  constructor(
    private readonly load: () => Promise<T>,
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  async get(): Promise<T> {
    if (this.value === undefined) return this.refresh();
    if (this.now() - this.loadedAt > this.ttlMs && !this.loading) void this.refresh().catch(() => undefined); // served stale this once; a failed refresh is retried next read
    return this.value;
  }

  invalidate(): void {
    this.generation += 1;
    this.value = undefined;
    this.loading = undefined;
  }

  private refresh(): Promise<T> {
    if (this.loading) return this.loading;
    const generation = this.generation;
    const started = this.now();
    const loading = this.load().then((value) => {
      // A write since the load began makes what it read out of date: keep nothing.
      if (generation === this.generation) {
        this.value = value;
        this.loadedAt = started;
      }
      return value;
    });
    this.loading = loading;
    void loading.finally(() => {
      if (this.loading === loading) this.loading = undefined;
    }).catch(() => undefined);
    return loading;
  }
}

/** A table read whole, with an index by key. */
interface Indexed<T> {
  all: T[];
  byKey: Map<string, T>;
}

function indexedSnapshot<T>(list: () => Promise<T[]>, keyOf: (item: T) => string, ttlMs: number, now: () => number): Snapshot<Indexed<T>> {
  return new Snapshot(
    async () => {
      const all = await list();
      return { all, byKey: new Map(all.map((item) => [keyOf(item), item])) };
    },
    ttlMs,
    now,
  );
}

/** Drops the snapshot before a write (readers stop trusting it) and after (a load that raced the write is discarded). */
async function writeThrough<T>(snapshot: Snapshot<T>, write: () => Promise<void>): Promise<void> {
  snapshot.invalidate();
  await write();
  snapshot.invalidate();
}

const priorityId = (strategyKey: string, key: string) => `${strategyKey}\u0000${key}`;

export class CachedStrategyStore implements StrategyStore {
  private readonly strategies: Snapshot<Indexed<Strategy>>;
  private readonly priorities: Snapshot<Indexed<Priority>>;
  private readonly boards: Snapshot<Indexed<Board>>;

  constructor(
    private readonly inner: StrategyStore,
    ttlMs = 30_000,
    now: () => number = () => Date.now(),
  ) {
    this.strategies = indexedSnapshot(() => inner.listStrategies(), (s) => s.key, ttlMs, now);
    this.priorities = indexedSnapshot(() => inner.listPriorities(), (p) => priorityId(p.strategyKey, p.key), ttlMs, now);
    this.boards = indexedSnapshot(() => inner.listBoards(), (b) => b.key, ttlMs, now);
  }

  dropCached(): void {
    for (const snapshot of [this.strategies, this.priorities, this.boards]) snapshot.invalidate();
  }

  putBoard(board: Board): Promise<void> {
    return writeThrough(this.boards, () => this.inner.putBoard(board));
  }

  async listBoards(): Promise<Board[]> {
    return [...(await this.boards.get()).all];
  }

  putStrategy(strategy: Strategy): Promise<void> {
    return writeThrough(this.strategies, () => this.inner.putStrategy(strategy));
  }

  async getStrategy(key: string): Promise<Strategy | undefined> {
    return (await this.strategies.get()).byKey.get(key);
  }

  async listStrategies(): Promise<Strategy[]> {
    return [...(await this.strategies.get()).all];
  }

  putPriority(priority: Priority): Promise<void> {
    return writeThrough(this.priorities, () => this.inner.putPriority(priority));
  }

  async getPriority(strategyKey: string, key: string): Promise<Priority | undefined> {
    return (await this.priorities.get()).byKey.get(priorityId(strategyKey, key));
  }

  async listPriorities(strategyKey?: string): Promise<Priority[]> {
    const { all } = await this.priorities.get();
    return strategyKey === undefined ? [...all] : all.filter((p) => p.strategyKey === strategyKey);
  }
}

export class CachedPersonStore implements PersonStore {
  private readonly people: Snapshot<Indexed<Person>>;

  constructor(
    private readonly inner: PersonStore,
    ttlMs = 30_000,
    now: () => number = () => Date.now(),
  ) {
    this.people = indexedSnapshot(() => inner.listPeople(), (p) => p.id, ttlMs, now);
  }

  dropCached(): void {
    this.people.invalidate();
  }

  putPerson(person: Person): Promise<void> {
    return writeThrough(this.people, () => this.inner.putPerson(person));
  }

  async listPeople(): Promise<Person[]> {
    return [...(await this.people.get()).all];
  }

  async getPerson(id: string): Promise<Person | undefined> {
    return (await this.people.get()).byKey.get(id);
  }
}

/**
 * Each board's calendar is read on most turns (every priority's frequency, every due date comes
 * from it) and changes when a manager saves the calendar card: one snapshot of all of them, like
 * the people's. A save through this instance is seen at once; another instance's within the TTL.
 */
export class CachedCalendarStore implements BoardCalendarStore {
  private readonly calendars: Snapshot<Indexed<VersionedCalendar>>;

  constructor(
    private readonly inner: BoardCalendarStore,
    ttlMs = 30_000,
    now: () => number = () => Date.now(),
  ) {
    this.calendars = indexedSnapshot(() => inner.list(), (c) => c.calendar.boardKey, ttlMs, now);
  }

  async get(boardKey: string): Promise<VersionedCalendar | undefined> {
    return (await this.calendars.get()).byKey.get(boardKey);
  }

  async list(): Promise<VersionedCalendar[]> {
    return [...(await this.calendars.get()).all];
  }

  async put(calendar: BoardCalendar, etag: string): ReturnType<BoardCalendarStore['put']> {
    let outcome: Awaited<ReturnType<BoardCalendarStore['put']>> | undefined;
    await writeThrough(this.calendars, async () => {
      outcome = await this.inner.put(calendar, etag);
    });
    return outcome!;
  }
}
