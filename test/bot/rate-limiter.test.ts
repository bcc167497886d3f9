import { strict as assert } from 'node:assert';
import { conversationOfUrl } from '../../src/bot/paced-connector';
import { RateLimiter } from '../../src/bot/rate-limiter';

/** Most dispatches inside any one-second window that starts at a dispatch. */
function busiestSecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[j]! < sorted[i]! - 1000) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

/**
 * Virtual time for the limiter: `sleep` parks a caller until the clock reaches its time, and
 * `run` moves the clock straight to the next sleeper once nothing else can happen. Seconds of
 * pacing take milliseconds, and the figures do not depend on how busy the machine is.
 */
class VirtualClock {
  private t = 0;
  private timers: { at: number; wake: () => void }[] = [];
  now = () => this.t;
  sleep = (ms: number) => new Promise<void>((wake) => this.timers.push({ at: this.t + Math.max(0, ms), wake }));

  async run<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    const out = work.finally(() => (settled = true));
    for (let guard = 0; guard < 100_000; guard++) {
      await new Promise((r) => setImmediate(r));
      if (settled) return out;
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers.shift();
      if (!next) continue;
      this.t = Math.max(this.t, next.at);
      next.wake();
    }
    throw new Error('virtual clock: work never finished');
  }
}

describe('the Teams rate limiter', function () {
  it('counts real dispatches in sliding seconds: never over either limit, and a busy conversation does not hold up the others', async () => {
    const clock = new VirtualClock();
    const limiter = new RateLimiter({ perAppPerSecond: 20, perConversationPerSecond: 4 }, clock.now, clock.sleep);
    const sent: { conversation: string; at: number }[] = [];
    const start = clock.now();
    // 70 calls at once over 10 conversations, one of them hot (half the calls).
    await clock.run(
      Promise.all(
        Array.from({ length: 70 }, async (_, i) => {
          const conversation = i % 2 === 0 ? 'hot' : `c${i % 10}`;
          await limiter.take(conversation);
          sent.push({ conversation, at: clock.now() });
        }),
      ),
    );
    const seconds = (clock.now() - start) / 1000;
    assert.ok(busiestSecond(sent.map((s) => s.at)) <= 20, 'app limit');
    for (const c of new Set(sent.map((s) => s.conversation))) assert.ok(busiestSecond(sent.filter((s) => s.conversation === c).map((s) => s.at)) <= 4, `conversation ${c} limit`);
    // The hot conversation needs 35 / 3-per-1.15 s ≈ 13 s: the others must not wait behind it.
    const cold = sent.filter((s) => s.conversation !== 'hot').map((s) => s.at - start);
    assert.ok(Math.max(...cold) < 3000, `cold conversations finished after ${Math.max(...cold).toFixed(0)} ms`);
    assert.ok(seconds > 10, 'the hot conversation was really held to its limit');
  });

  it('keeps a conversation\'s calls in the order they were asked for', async () => {
    const clock = new VirtualClock();
    const limiter = new RateLimiter({ perAppPerSecond: 50, perConversationPerSecond: 3 }, clock.now, clock.sleep);
    const order: number[] = [];
    await clock.run(Promise.all(Array.from({ length: 6 }, (_, i) => limiter.take('one').then(() => order.push(i)))));
    assert.deepEqual(order, [0, 1, 2, 3, 4, 5]);
  });

  it('reads the conversation from the connector\'s URLs', () => {
    assert.equal(conversationOfUrl('https://smba.trafficmanager.net/uk/v3/conversations/a%3A1xyz%3Bmessageid%3D1/activities/abc'), 'a:1xyz;messageid=1');
    assert.equal(conversationOfUrl('https://smba.trafficmanager.net/uk/v3/conversations'), undefined);
    assert.equal(conversationOfUrl('http://127.0.0.1:1234/v3/conversations/19%3Abad%ZZ/members'), '19%3Abad%ZZ');
  });
});
