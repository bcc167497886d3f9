import { strict as assert } from 'node:assert';
import { conversationOfUrl } from '../../src/bot/paced-connector';
import { RateLimiter, TEAMS_LIMITS } from '../../src/bot/rate-limiter';
import { TestClock } from '../support/test-clock';

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

/** A small seeded generator (mulberry32): the same "random" lag on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Requests sent in any one-second window, counted as the connector counts them: over the limit is one too many. */
function overLimit(times: number[], limit: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let over = 0;
  // The connector refuses a request when `limit` others arrived in the second before it (its window drops entries 1,000 ms old).
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[j]! <= sorted[i]! - 1000) j++;
    if (i - j >= limit) over += 1;
  }
  return over;
}

/**
 * A fan-out as the cycle runs it (8 senders, one lead's chat each), with a busy chat beside it
 * (4 senders replying in one conversation), through the limiter on the test clock. `lag` says
 * how late a permitted request leaves (the event loop stalled between permit and socket) and
 * how late its answer is read; the connector counts the moment it arrives.
 */
async function fanOutThrough(limiter: RateLimiter, clock: TestClock, lag: () => { leaving: number; reading: number }, leads: number, replies: number) {
  const arrivals: { conversation: string; at: number }[] = [];
  const send = async (conversation: string) => {
    const permit = await limiter.take(conversation);
    const { leaving, reading } = lag();
    await clock.sleep(leaving);
    arrivals.push({ conversation, at: clock.ms() });
    await clock.sleep(20); // the connector's answer
    await clock.sleep(reading);
    permit.done();
  };
  let next = 0;
  const lead = async () => {
    while (next < leads) await send(`a:lead-${next++}`);
  };
  let asked = 0;
  const chat = async () => {
    while (asked++ < replies) await send('a:busy-chat');
  };
  const start = clock.ms();
  await clock.run(Promise.all([...Array.from({ length: 8 }, lead), ...Array.from({ length: 4 }, chat)]));
  return { arrivals, seconds: (clock.ms() - start) / 1000 };
}

describe('the Teams rate limiter', function () {
  it('counts real dispatches in sliding seconds: never over either limit, and a busy conversation does not hold up the others', async () => {
    const clock = new TestClock('2026-10-01T08:31:00Z');
    const limiter = new RateLimiter({ perAppPerSecond: 20, perConversationPerSecond: 4 }, clock.ms, clock.sleep);
    const sent: { conversation: string; at: number }[] = [];
    const start = clock.ms();
    // 70 calls at once over 10 conversations, one of them hot (half the calls).
    await clock.run(
      Promise.all(
        Array.from({ length: 70 }, async (_, i) => {
          const conversation = i % 2 === 0 ? 'hot' : `c${i % 10}`;
          const permit = await limiter.take(conversation);
          sent.push({ conversation, at: clock.ms() });
          permit.done();
        }),
      ),
    );
    const seconds = (clock.ms() - start) / 1000;
    assert.ok(busiestSecond(sent.map((s) => s.at)) <= 20, 'app limit');
    for (const c of new Set(sent.map((s) => s.conversation))) assert.ok(busiestSecond(sent.filter((s) => s.conversation === c).map((s) => s.at)) <= 4, `conversation ${c} limit`);
    // The hot conversation needs 35 / 3-per-1.15 s ≈ 13 s: the others must not wait behind it.
    const cold = sent.filter((s) => s.conversation !== 'hot').map((s) => s.at - start);
    assert.ok(Math.max(...cold) < 3000, `cold conversations finished after ${Math.max(...cold).toFixed(0)} ms`);
    assert.ok(seconds > 10, 'the hot conversation was really held to its limit');
  });

  it('keeps a conversation\'s calls in the order they were asked for', async () => {
    const clock = new TestClock('2026-10-01T08:31:00Z');
    const limiter = new RateLimiter({ perAppPerSecond: 50, perConversationPerSecond: 3 }, clock.ms, clock.sleep);
    const order: number[] = [];
    await clock.run(Promise.all(Array.from({ length: 6 }, (_, i) => limiter.take('one').then((permit) => (order.push(i), permit.done())))));
    assert.deepEqual(order, [0, 1, 2, 3, 4, 5]);
  });

  it('holds Teams\' limits with the event loop lagging: requests that leave late or are answered late never make a second over the limit', async () => {
    const clock = new TestClock('2026-10-01T08:31:00Z');
    const limiter = new RateLimiter(TEAMS_LIMITS, clock.ms, clock.sleep);
    const random = seeded(18);
    // One request in ten leaves 100–900 ms after its permit (a stall: GC, a storage flush, a
    // busy CPU); one in ten has its answer read up to 600 ms late; the rest leave within 5 ms.
    const lag = () => ({
      leaving: random() < 0.1 ? 100 + random() * 800 : random() * 5,
      reading: random() < 0.1 ? random() * 600 : 0,
    });
    const { arrivals } = await fanOutThrough(limiter, clock, lag, 2_000, 300);
    assert.equal(arrivals.length, 2_300);
    assert.equal(overLimit(arrivals.map((a) => a.at), TEAMS_LIMITS.perAppPerSecond), 0, 'requests over the per-app limit');
    assert.equal(overLimit(arrivals.filter((a) => a.conversation === 'a:busy-chat').map((a) => a.at), TEAMS_LIMITS.perConversationPerSecond), 0, 'requests over the per-conversation limit');
  });

  it('without lag the margin costs little: a fan-out runs at 90% of the per-app limit or more', async () => {
    const clock = new TestClock('2026-10-01T08:31:00Z');
    const limiter = new RateLimiter(TEAMS_LIMITS, clock.ms, clock.sleep);
    const { arrivals, seconds } = await fanOutThrough(limiter, clock, () => ({ leaving: 0, reading: 0 }), 2_000, 0);
    assert.equal(overLimit(arrivals.map((a) => a.at), TEAMS_LIMITS.perAppPerSecond), 0);
    const rate = arrivals.length / seconds;
    assert.ok(rate >= 0.9 * TEAMS_LIMITS.perAppPerSecond, `${rate.toFixed(1)} requests a second`);
  });

  it('reads the conversation from the connector\'s URLs', () => {
    assert.equal(conversationOfUrl('https://smba.trafficmanager.net/uk/v3/conversations/a%3A1xyz%3Bmessageid%3D1/activities/abc'), 'a:1xyz;messageid=1');
    assert.equal(conversationOfUrl('https://smba.trafficmanager.net/uk/v3/conversations'), undefined);
    assert.equal(conversationOfUrl('http://127.0.0.1:1234/v3/conversations/19%3Abad%ZZ/members'), '19%3Abad%ZZ');
  });
});
