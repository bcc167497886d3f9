import { strict as assert } from 'node:assert';
import { rmSync } from 'node:fs';
import pino from 'pino';
import { signCheckInLink } from '../../src/links/check-in-links';
import { signReportLink } from '../../src/links/report-links';
import { DomainError } from '../../src/domain/errors';
import { REQUEST_REFUSED, UNEXPECTED, userMessage } from '../../src/bot/user-messages';
import { messageCard } from '../../src/cards/message-card';
import { EDIT_VERB } from '../../src/cards/receipt-card';
import { BotHarness } from '../support/bot-harness';
import { seedsWithPeople } from '../support/seeds-with-people';

const SECRET = 'a-test-secret-of-at-least-32-characters!';
const STRATEGY = 'test-board-2025-28';

/**
 * src/http/errors.ts is the one place an error thrown behind a route becomes an answer. Each
 * route family shows it its own way (a page, the page's JSON card, a plain sentence), but the
 * status and the words are the same on every route, and a bug is logged once and never shown.
 */
describe('every HTTP route answers an error through the one mapping', () => {
  let bot: BotHarness;
  let seeds: string;
  const lines: Record<string, unknown>[] = [];
  const log = pino({ level: 'info' }, { write: (text: string) => void lines.push(JSON.parse(text) as Record<string, unknown>) });

  before(async () => {
    seeds = seedsWithPeople(() => undefined);
    bot = await new BotHarness('2026-11-24T10:00:00Z', { SEEDS_DIR: seeds, REPORT_LINK_SECRET: SECRET }, { log }).start();
  });
  after(async () => {
    await bot.stop();
    rmSync(seeds, { recursive: true, force: true });
  });

  /** Every method of the stores the pages read rejects with `error` until the returned function restores them. */
  function storesFailWith(error: () => Error): () => void {
    const restore: (() => void)[] = [];
    for (const store of [bot.app.deps.people, bot.app.deps.strategies, bot.app.deps.checkIns] as unknown as Record<string, unknown>[]) {
      for (const name of methodsOf(store)) {
        const own = Object.prototype.hasOwnProperty.call(store, name) ? store[name] : undefined;
        store[name] = () => Promise.reject(error());
        restore.push(() => (own === undefined ? delete store[name] : (store[name] = own)));
      }
    }
    return () => restore.forEach((r) => r());
  }

  type Words = { title: string; text: string };
  /** Each route, and whether its own kind of answer shows those words (a page, the page's card, a sentence). */
  const routes: { route: string; request: () => Promise<Response>; shows: (res: Response, words: Words) => Promise<boolean> }[] = [
    {
      route: 'GET /checkin',
      request: async () => fetch(await checkInLink()),
      shows: async (res, { title, text }) => {
        assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
        const page = (await res.text()).replace(/&#39;/g, "'");
        return page.includes(`<h1>${title}</h1>`) && page.includes(`<p>${text}</p>`);
      },
    },
    {
      route: 'POST /checkin/submit',
      request: async () => {
        const token = new URL(await checkInLink()).searchParams.get('token')!;
        return fetch(`${bot.app.url}/checkin/submit?token=${encodeURIComponent(token)}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ verb: EDIT_VERB, data: { priority: `${STRATEGY}/9`, period: '2026-Q3' } }) });
      },
      shows: async (res, { title, text }) => {
        assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
        const json = (await res.json()) as { kind: string; card: unknown };
        return json.kind === 'refused' && JSON.stringify(json.card) === JSON.stringify(messageCard(title, text));
      },
    },
    {
      route: 'GET /reports',
      request: async () => fetch(`${bot.app.url}/reports?token=${await signReportLink({ strategy: STRATEGY, format: 'md' }, SECRET, bot.clock.now(), 60)}`),
      shows: async (res, { title, text }) => {
        assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);
        return (await res.text()) === `${title}. ${text}`;
      },
    },
  ];
  const checkInLink = () => signCheckInLink({ personId: 'megan-bowen', priority: `${STRATEGY}/9`, period: '2026-Q3' }, { closes: '2027-01-01' }, { baseUrl: bot.app.url, secret: SECRET, timeZone: 'Europe/London' }, bot.clock.now());

  it('with storage answering, each route answers 200 (so the failures below are what change the answer)', async () => {
    for (const { route, request } of routes) assert.equal((await request()).status, 200, route);
  });

  it('an outage (STORAGE_UNAVAILABLE) is 503 with the same words on every route, and is not logged as a failure of ours', async () => {
    const expected = userMessage(new DomainError('STORAGE_UNAVAILABLE', 'test'));
    lines.length = 0;
    const restore = storesFailWith(() => new DomainError('STORAGE_UNAVAILABLE', 'storage down (test)'));
    try {
      for (const { route, request, shows } of routes) {
        const res = await request();
        assert.equal(res.status, 503, route);
        assert.ok(await shows(res, expected), `${route} did not show "${expected.title}"`);
      }
    } finally {
      restore();
    }
    assert.deepEqual(lines.filter((l) => l.msg === 'HTTP request failed'), []);
  });

  it('a bug is 500 with the same words on every route, its message shown nowhere, and logged once per request with the route', async () => {
    lines.length = 0;
    const restore = storesFailWith(() => new TypeError('secret internals: x is undefined'));
    try {
      for (const { route, request, shows } of routes) {
        const res = await request();
        assert.equal(res.status, 500, route);
        assert.ok(await shows(res.clone(), UNEXPECTED), `${route} did not show "${UNEXPECTED.title}"`);
        assert.doesNotMatch(await res.text(), /secret internals/, route);
      }
    } finally {
      restore();
    }
    const logged = lines.filter((l) => l.msg === 'HTTP request failed');
    assert.deepEqual(logged.map((l) => l.route), ['/checkin', '/checkin/submit', '/reports']);
    assert.ok(logged.every((l) => l.level === 50 && /secret internals/.test(String((l.err as { message?: string }).message))), JSON.stringify(logged));
  });

  it("restify's own refusals (no such address, a method an address does not take) are plain sentences of ours, not restify's JSON", async () => {
    for (const [method, path, refusal] of [
      ['GET', '/no-such-page', REQUEST_REFUSED.notFound],
      ['DELETE', '/healthz', REQUEST_REFUSED.methodNotAllowed],
      ['POST', '/reports', REQUEST_REFUSED.methodNotAllowed],
    ] as const) {
      const res = await fetch(`${bot.app.url}${path}`, { method });
      assert.equal(res.status, refusal.status, `${method} ${path}`);
      assert.match(res.headers.get('content-type') ?? '', /^text\/plain/, `${method} ${path}`);
      assert.equal(await res.text(), refusal.body, `${method} ${path}`);
    }
  });
});

/** The names of an object's methods, its own and its class's. */
function methodsOf(o: Record<string, unknown>): string[] {
  const names = new Set<string>();
  for (let p: object | null = o; p && p !== Object.prototype; p = Object.getPrototypeOf(p) as object | null) {
    for (const n of Object.getOwnPropertyNames(p)) if (n !== 'constructor' && typeof o[n] === 'function') names.add(n);
  }
  return [...names];
}
