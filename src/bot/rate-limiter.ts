/**
 * Keeps every call to the Bot Connector under Teams' published limits: a per-app rate across
 * all conversations (50 RPS per app per tenant) and a per-conversation rate (7 messages/s).
 *
 * It counts real dispatches in sliding one-second windows (as the connector does), and it is
 * applied at the bottom of the SDK's HTTP pipeline, after the SDK's own retry policy, so retries
 * of 429s and 5xx are paced like first attempts. Counting actual dispatch times (instead of
 * reserving evenly spaced slots) means a late timer cannot bunch sends into a burst, which is
 * what lets it run close to the ceiling.
 */
export interface RateLimits {
  perAppPerSecond: number;
  perConversationPerSecond: number;
}

export const TEAMS_LIMITS: RateLimits = { perAppPerSecond: 50, perConversationPerSecond: 7 };

/**
 * Headroom for what happens between our dispatch and the connector's count: one request fewer
 * than the limit, in a window 150 ms longer than a second. The connector counts arrivals; a
 * permit granted here can leave late when the event loop stalls (a storage flush, GC), so the
 * arrivals of requests permitted over a second can land closer together. 50 ms was measured to
 * let up to 9 of 1,000 sends over a limit on a busy two-core machine.
 */
const GUARD_MS = 150;

type Sleep = (ms: number) => Promise<void>;

class Window {
  private readonly times: number[] = [];
  constructor(
    private readonly capacity: number,
    private readonly spanMs: number,
  ) {}

  /** Milliseconds until one more dispatch fits; 0 when it fits now. */
  waitAt(t: number): number {
    while (this.times.length > 0 && this.times[0]! <= t - this.spanMs) this.times.shift();
    return this.times.length < this.capacity ? 0 : this.times[0]! + this.spanMs - t;
  }

  record(t: number): void {
    this.times.push(t);
  }

  get idle(): boolean {
    return this.times.length === 0;
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
   * Resolves when a call to this conversation may go out, and counts it as sent then.
   * Calls to one conversation keep their order; a conversation at its limit does not hold up
   * the others, which queue for the app-wide window in arrival order.
   */
  take(conversationId: string): Promise<void> {
    let entry = this.conversations.get(conversationId);
    if (!entry) {
      if (this.conversations.size >= 10_000) this.prune();
      entry = { window: new Window(Math.max(1, this.limits.perConversationPerSecond - 1), 1000 + GUARD_MS), chain: Promise.resolve(), pending: 0 };
      this.conversations.set(conversationId, entry);
    }
    const current = entry;
    current.pending += 1;
    const turn = current.chain.then(async () => {
      await this.until(current.window);
      await this.appTurn();
      current.window.record(this.now());
    });
    current.chain = turn.catch(() => undefined).finally(() => void (current.pending -= 1));
    return turn;
  }

  private appTurn(): Promise<void> {
    const turn = this.appChain.then(async () => {
      await this.until(this.app);
      this.app.record(this.now());
    });
    this.appChain = turn.catch(() => undefined);
    return turn;
  }

  private async until(window: Window): Promise<void> {
    for (let wait = window.waitAt(this.now()); wait > 0; wait = window.waitAt(this.now())) await this.sleep(wait);
  }

  /** Drops conversations with nothing queued and nothing left in their window. */
  private prune(): void {
    const t = this.now();
    for (const [id, entry] of this.conversations) if (entry.pending === 0 && entry.window.waitAt(t) === 0 && entry.window.idle) this.conversations.delete(id);
  }
}
