/**
 * Keeps every call to the Bot Connector under Teams' published limits: a per-app rate across
 * all conversations (50 RPS per app per tenant) and a per-conversation rate (7 messages/s).
 *
 * It is applied at the bottom of the SDK's HTTP pipeline, after the SDK's own retry policy, so
 * retries of 429s and 5xx are paced like first attempts.
 *
 * The connector counts a request when it arrives, and from here that moment cannot be seen:
 * when the event loop lags (a storage flush, GC, a busy CPU), a request permitted now can leave
 * hundreds of milliseconds later, bunched with requests permitted after it. What is known is an
 * interval: the request arrives after its permit and before its answer is read. So a request
 * holds its place in the window from its permit until a second after its answer (or failure)
 * was seen: whatever the lag, a set of requests that arrive within one second all held their
 * places at the moment the last of them was permitted, so no more than the limit can. Lag only
 * makes an answer look later, which keeps the place longer: the margin grows with the lag that
 * was measured, and costs nothing when there is none.
 */
export interface RateLimits {
  perAppPerSecond: number;
  perConversationPerSecond: number;
}

export const TEAMS_LIMITS: RateLimits = { perAppPerSecond: 50, perConversationPerSecond: 7 };

/**
 * Headroom besides the rule above: one request fewer than the limit, and places kept 50 ms
 * past the second, for the connector's clock and ours not ticking together.
 */
const GUARD_MS = 50;

type Sleep = (ms: number) => Promise<void>;

/** What a caller holds while its request is out: `done` once its answer or failure is seen. */
export interface Permit {
  done(): void;
}

interface Place {
  /** When the answer was seen; undefined while the request is out. */
  end: number | undefined;
}

class Window {
  private places: Place[] = [];
  private waiters: (() => void)[] = [];
  constructor(
    private readonly capacity: number,
    private readonly spanMs: number,
  ) {}

  /** Milliseconds until one more request fits; 0 when it fits now; Infinity until an answer is seen. */
  waitAt(t: number): number {
    this.places = this.places.filter((p) => p.end === undefined || p.end > t - this.spanMs);
    if (this.places.length < this.capacity) return 0;
    let soonest = Infinity;
    for (const p of this.places) if (p.end !== undefined) soonest = Math.min(soonest, p.end + this.spanMs - t);
    return soonest;
  }

  take(): Place {
    const place: Place = { end: undefined };
    this.places.push(place);
    return place;
  }

  finish(place: Place, t: number): void {
    if (place.end !== undefined) return;
    place.end = t;
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Resolves at the next answer seen: a full window of requests still out has no time to wait for. */
  nextAnswer(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  get idle(): boolean {
    return this.places.length === 0;
  }
}

export class RateLimiter {
  private readonly app: Window;
  private readonly conversations = new Map<string, { window: Window; chain: Promise<void>; pending: number }>();
  private appChain: Promise<void> = Promise.resolve();

  constructor(
    private readonly limits: RateLimits,
    private readonly now: () => number = () => performance.now(),
    private readonly sleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    this.app = new Window(Math.max(1, limits.perAppPerSecond - 1), 1000 + GUARD_MS);
  }

  /**
   * Resolves when a call to this conversation may go out, holding its place in both windows
   * until the permit's `done` (call it when the answer or the failure is seen).
   * Calls to one conversation keep their order; a conversation at its limit does not hold up
   * the others, which queue for the app-wide window in arrival order.
   */
  take(conversationId: string): Promise<Permit> {
    let entry = this.conversations.get(conversationId);
    if (!entry) {
      if (this.conversations.size >= 10_000) this.prune();
      entry = { window: new Window(Math.max(1, this.limits.perConversationPerSecond - 1), 1000 + GUARD_MS), chain: Promise.resolve(), pending: 0 };
      this.conversations.set(conversationId, entry);
    }
    const current = entry;
    current.pending += 1;
    const turn = current.chain.then(async (): Promise<Permit> => {
      await this.until(current.window);
      const appPlace = await this.appTurn();
      const place = current.window.take();
      return {
        done: () => {
          const t = this.now();
          current.window.finish(place, t);
          this.app.finish(appPlace, t);
        },
      };
    });
    current.chain = turn.then(() => undefined, () => undefined).finally(() => void (current.pending -= 1));
    return turn;
  }

  private appTurn(): Promise<Place> {
    const turn = this.appChain.then(async () => {
      await this.until(this.app);
      return this.app.take();
    });
    this.appChain = turn.then(() => undefined, () => undefined);
    return turn;
  }

  private async until(window: Window): Promise<void> {
    for (let wait = window.waitAt(this.now()); wait > 0; wait = window.waitAt(this.now())) {
      await (wait === Infinity ? window.nextAnswer() : Promise.race([this.sleep(wait), window.nextAnswer()]));
    }
  }

  /** Drops conversations with nothing queued and nothing left in their window. */
  private prune(): void {
    const t = this.now();
    for (const [id, entry] of this.conversations) if (entry.pending === 0 && entry.window.waitAt(t) === 0 && entry.window.idle) this.conversations.delete(id);
  }
}
