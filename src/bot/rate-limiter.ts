/**
 * Paces sends under Teams' published limits: a per-app rate across all conversations
 * (50 RPS per app per tenant) and a per-conversation rate (7 messages/s). Each call reserves the
 * next free slot and waits for it, so bursts are spread instead of answered with 429s.
 */
export interface RateLimits {
  perAppPerSecond: number;
  perConversationPerSecond: number;
}

/**
 * 90% of the published ceilings: timers jitter, and the SDK's own retries (after a 429 with
 * Retry-After, or a 5xx) go out without asking this limiter, so the last 10% is their room.
 */
export const TEAMS_LIMITS: RateLimits = { perAppPerSecond: 45, perConversationPerSecond: 6 };

export class RateLimiter {
  private nextApp = 0;
  private readonly nextByConversation = new Map<string, number>();

  constructor(
    private readonly limits: RateLimits,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Milliseconds this caller must wait; the slot is reserved. */
  reserve(conversationId: string): number {
    const t = this.now();
    let slot = Math.max(t, this.nextApp);
    slot = Math.max(slot, this.nextByConversation.get(conversationId) ?? 0);
    this.nextApp = slot + 1000 / this.limits.perAppPerSecond;
    this.nextByConversation.set(conversationId, slot + 1000 / this.limits.perConversationPerSecond);
    if (this.nextByConversation.size > 50_000) this.prune(t);
    return slot - t;
  }

  async take(conversationId: string): Promise<void> {
    const wait = this.reserve(conversationId);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }

  private prune(t: number): void {
    for (const [k, v] of this.nextByConversation) if (v < t) this.nextByConversation.delete(k);
  }
}
