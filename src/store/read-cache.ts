import type { Person } from '../domain/person';
import type { PersonStore, StrategyStore } from '../domain/ports';
import type { Priority, Strategy } from '../domain/strategy';

/**
 * Strategies, priorities and people change only when seed data is loaded, yet every turn needs
 * them (who is this sender? which priorities do they lead?). Without a cache each turn would
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
    const loading = this.load().then(
      (value) => {
        // A write since the load began makes what it read out of date: keep nothing.
        if (generation === this.generation) {
          this.value = value;
          this.loadedAt = started;
        }
        return value;
      },
      (e: unknown) => {
        throw e;
      },
    );
    this.loading = loading;
    void loading.finally(() => {
      if (this.loading === loading) this.loading = undefined;
    }).catch(() => undefined);
    return loading;
  }
}

interface StrategiesView {
  strategies: Strategy[];
  byKey: Map<string, Strategy>;
}

interface PrioritiesView {
  all: Priority[];
  byKey: Map<string, Priority>;
}

const priorityId = (strategyKey: string, key: string) => `${strategyKey}\u0000${key}`;

export class CachedStrategyStore implements StrategyStore {
  private readonly strategies: Snapshot<StrategiesView>;
  private readonly priorities: Snapshot<PrioritiesView>;

  constructor(
    private readonly inner: StrategyStore,
    ttlMs = 30_000,
    now: () => number = () => Date.now(),
  ) {
    this.strategies = new Snapshot(
      async () => {
        const strategies = await inner.listStrategies();
        return { strategies, byKey: new Map(strategies.map((s) => [s.key, s])) };
      },
      ttlMs,
      now,
    );
    this.priorities = new Snapshot(
      async () => {
        const all = await inner.listPriorities();
        return { all, byKey: new Map(all.map((p) => [priorityId(p.strategyKey, p.key), p])) };
      },
      ttlMs,
      now,
    );
  }

  async putStrategy(strategy: Strategy): Promise<void> {
    this.strategies.invalidate();
    await this.inner.putStrategy(strategy);
    this.strategies.invalidate();
  }

  async getStrategy(key: string): Promise<Strategy | undefined> {
    return (await this.strategies.get()).byKey.get(key);
  }

  async listStrategies(): Promise<Strategy[]> {
    return [...(await this.strategies.get()).strategies];
  }

  async putPriority(priority: Priority): Promise<void> {
    this.priorities.invalidate();
    await this.inner.putPriority(priority);
    this.priorities.invalidate();
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
  private readonly people: Snapshot<{ all: Person[]; byId: Map<string, Person> }>;

  constructor(
    private readonly inner: PersonStore,
    ttlMs = 30_000,
    now: () => number = () => Date.now(),
  ) {
    this.people = new Snapshot(
      async () => {
        const all = await inner.listPeople();
        return { all, byId: new Map(all.map((p) => [p.id, p])) };
      },
      ttlMs,
      now,
    );
  }

  async putPerson(person: Person): Promise<void> {
    this.people.invalidate();
    await this.inner.putPerson(person);
    this.people.invalidate();
  }

  async listPeople(): Promise<Person[]> {
    return [...(await this.people.get()).all];
  }

  async getPerson(id: string): Promise<Person | undefined> {
    return (await this.people.get()).byId.get(id);
  }
}
