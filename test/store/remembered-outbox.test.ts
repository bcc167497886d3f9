import { strict as assert } from 'node:assert';
import type { OutboxLedger } from '../../src/domain/ports';
import { InMemoryOutbox } from '../../src/store/in-memory/in-memory-stores';
import { RememberedOutbox } from '../../src/store/remembered-outbox';

/** The store underneath, counting what reaches it. */
function counted(inner: OutboxLedger): { store: OutboxLedger; calls: string[] } {
  const calls: string[] = [];
  const store = new Proxy(inner, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push(String(prop));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store, calls };
}

describe('the outbox\'s memory of final entries', () => {
  const t0 = new Date('2026-10-01T08:31:00Z');
  const ref = (i: number, localDate = '2026-10-01') => ({ key: `reminder|s/${i}|2026-Q3|open|lead-${i}`, localDate, kind: 'reminder' });

  it('a tick after the one that sent: each remembered entry is done without a request to storage', async () => {
    const { store, calls } = counted(new InMemoryOutbox());
    const outbox = new RememberedOutbox(store);
    for (let i = 0; i < 100; i++) await outbox.complete((await outbox.claim(ref(i), 'a', t0, 60_000)) as never, { status: 'sent' }, t0);
    assert.deepEqual(calls.filter((c) => c === 'finalKeys'), ['finalKeys'], 'the date read once');
    calls.length = 0;
    for (let i = 0; i < 100; i++) assert.equal(await outbox.claim(ref(i), 'a', t0, 60_000), 'done');
    assert.deepEqual(calls, []);
  });

  it('after a restart: the date\'s final keys in one read, then only what is not final goes to storage', async () => {
    const shared = new InMemoryOutbox();
    const before = new RememberedOutbox(shared);
    for (let i = 0; i < 50; i++) await before.complete((await before.claim(ref(i), 'a', t0, 60_000)) as never, { status: 'sent' }, t0);
    const { store, calls } = counted(shared);
    const after = new RememberedOutbox(store);
    const answers = [];
    for (let i = 0; i < 60; i++) answers.push(await after.claim(ref(i), 'b', t0, 60_000));
    assert.equal(answers.filter((a) => a === 'done').length, 50);
    assert.equal(answers.filter((a) => typeof a === 'object').length, 10);
    assert.deepEqual(calls, ['finalKeys', ...Array<string>(10).fill('claim')]);
  });

  it('busy and released entries are not remembered: the next claim asks storage again', async () => {
    const shared = new InMemoryOutbox();
    const a = new RememberedOutbox(shared);
    const b = new RememberedOutbox(shared);
    const claim = await a.claim(ref(1), 'a', t0, 60_000);
    assert.equal(await b.claim(ref(1), 'b', t0, 60_000), 'busy');
    assert.equal(await a.release(claim as never, '503'), true);
    const again = await b.claim(ref(1), 'b', t0, 60_000);
    assert.ok(typeof again === 'object');
    assert.equal(await b.complete(again, { status: 'sent' }, t0), true);
    assert.equal(await a.claim(ref(1), 'a', t0, 60_000), 'done', 'storage says done; a remembers it from now on');
  });

  it('a read that fails is not remembered', async () => {
    let fail = true;
    const inner = new InMemoryOutbox();
    const flaky = Object.assign(Object.create(inner) as InMemoryOutbox, {
      finalKeys: async (d: string) => {
        if (fail) throw new Error('storage down');
        return inner.finalKeys(d);
      },
    });
    const outbox = new RememberedOutbox(flaky);
    await assert.rejects(outbox.claim(ref(1), 'a', t0, 60_000), /storage down/);
    fail = false;
    assert.ok(typeof (await outbox.claim(ref(1), 'a', t0, 60_000)) === 'object');
  });
});
