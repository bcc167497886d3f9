import { strict as assert } from 'node:assert';
import { rmSync } from 'node:fs';
import { signCheckInLink } from '../../src/links/check-in-links';
import { submitFrom } from '../support/activities';
import { BotHarness } from '../support/bot-harness';
import { seedsWithPeople } from '../support/seeds-with-people';

const SECRET = 'a-test-secret-of-at-least-32-characters!';
const STRATEGY = 'test-board-2025-28';

/**
 * The emailed link is the credential, and links get forwarded. A page on another site holding
 * one could post the answer form to /checkin/submit (before: a urlencoded form with nested keys
 * was stored). Only JSON from the bot's own origin is taken; a browser's cross-site request is
 * refused with nothing stored, whatever it sends.
 */
describe('the web check-in takes answers only from its own page', () => {
  let bot: BotHarness;
  let seeds: string;
  before(() => {
    seeds = seedsWithPeople(() => undefined);
  });
  after(() => rmSync(seeds, { recursive: true, force: true }));
  beforeEach(async () => {
    bot = await new BotHarness('2026-11-24T10:00:00Z', { SEEDS_DIR: seeds, REPORT_LINK_SECRET: SECRET }).start();
  });
  afterEach(async () => bot.stop());

  const link = () => signCheckInLink({ personId: 'megan-bowen', priority: `${STRATEGY}/9`, period: '2026-Q3' }, { closes: '2027-01-01' }, { baseUrl: bot.app.url, secret: SECRET, timeZone: 'Europe/London' }, bot.clock.now());
  const stored = () => bot.app.deps.checkIns.get(STRATEGY, '9', '2026-Q3');

  async function answerBody(url: string): Promise<{ verb: string; data: Record<string, unknown> }> {
    const html = await (await fetch(url)).text();
    const card = JSON.parse(/<script type="application\/json" id="card-json">([^<]*)<\/script>/.exec(html)![1]!) as Record<string, unknown>;
    return submitFrom(card, { rag: 'red', update: 'Posted by another site.', ragReason: 'Forged.' });
  }

  async function post(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
    const token = new URL(url).searchParams.get('token')!;
    const res = await fetch(`${bot.app.url}/checkin/submit?token=${encodeURIComponent(token)}`, { method: 'POST', headers, body });
    return { status: res.status, text: await res.text() };
  }

  it('a cross-site form post (urlencoded, text/plain JSON, or JSON with another Origin or Sec-Fetch-Site: cross-site) is refused and stores nothing', async () => {
    const url = await link();
    const body = await answerBody(url);
    const form = new URLSearchParams({ verb: body.verb, ...Object.fromEntries(Object.entries(body.data).map(([k, v]) => [`data[${k}]`, String(v)])) }).toString();
    const json = JSON.stringify(body);
    const cases: [string, number, string, Record<string, string>][] = [
      ['urlencoded form with nested keys', 415, form, { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' }],
      ['urlencoded form without Origin', 415, form, { 'content-type': 'application/x-www-form-urlencoded' }],
      ['JSON sent as text/plain (a form can, without a preflight)', 415, json, { 'content-type': 'text/plain', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }],
      ['JSON from another origin', 403, json, { 'content-type': 'application/json', origin: 'https://evil.example' }],
      ['JSON from an opaque origin', 403, json, { 'content-type': 'application/json', origin: 'null' }],
      ['JSON marked cross-site by the browser', 403, json, { 'content-type': 'application/json', origin: new URL(bot.app.url).origin, 'sec-fetch-site': 'cross-site' }],
    ];
    for (const [name, status, payload, headers] of cases) {
      const res = await post(url, payload, headers);
      assert.equal(res.status, status, `${name}: ${res.status} ${res.text.slice(0, 200)}`);
      assert.equal(await stored(), undefined, `${name}: nothing stored`);
    }
  });

  it('the page\'s own request (same origin, JSON) is stored and gets its receipt', async () => {
    const url = await link();
    const res = await post(url, JSON.stringify(await answerBody(url)), { 'content-type': 'application/json', origin: new URL(bot.app.url).origin, 'sec-fetch-site': 'same-origin' });
    assert.equal(res.status, 200, res.text.slice(0, 300));
    assert.equal((JSON.parse(res.text) as { kind: string }).kind, 'receipt');
    assert.equal((await stored())?.version, 1);
  });
});
