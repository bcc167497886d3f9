/* eslint-disable @typescript-eslint/no-explicit-any -- card JSON is read loosely in assertions */
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { signCheckInLink } from '../../src/links/check-in-links';
import { inputsOf, MEGAN, message, press, submitFrom } from '../support/activities';
import { BotHarness, cardText } from '../support/bot-harness';
import { seedsWithPeople } from '../support/seeds-with-people';
import { validateCard } from '../support/validate-card';

/**
 * The web check-in behind an emailed link, over the bot's real HTTP server: the same card as
 * Teams, the same use case, the link as the only credential. 24 Nov 2026: 2026-Q3 is overdue and
 * open until 1 Jan 2027. Megan (Leicestershire Partnership NHS Trust here) leads 9 and W2.
 */
const SECRET = 'a-test-secret-of-at-least-32-characters!';
const Q3 = { closes: '2027-01-01' };
const STRATEGY = 'test-board-2025-28';
const ASSETS = join(__dirname, '..', '..', 'src', 'web', 'assets');

describe('the web check-in page', () => {
  let bot: BotHarness;
  let seeds: string;

  before(() => {
    seeds = seedsWithPeople((p) => {
      p.people.find((x) => x.id === 'megan-bowen')!.organisation = 'Leicestershire Partnership NHS Trust';
    });
  });
  after(() => rmSync(seeds, { recursive: true, force: true }));
  beforeEach(async () => {
    bot = await new BotHarness('2026-11-24T10:00:00Z', { SEEDS_DIR: seeds, REPORT_LINK_SECRET: SECRET }).start();
  });
  afterEach(async () => bot.stop());

  const link = (priority = '9', personId = 'megan-bowen', secret = SECRET) =>
    signCheckInLink({ personId, priority: `${STRATEGY}/${priority}`, period: '2026-Q3' }, Q3, { baseUrl: bot.app.url, secret, timeZone: 'Europe/London' }, bot.clock.now());
  const tokenOf = (url: string) => new URL(url).searchParams.get('token')!;

  async function open(url: string): Promise<{ status: number; html: string; headers: Headers; card?: Record<string, unknown> }> {
    const res = await fetch(url);
    const html = await res.text();
    const block = /<script type="application\/json" id="card-json">([^<]*)<\/script>/.exec(html);
    return { status: res.status, html, headers: res.headers, ...(block ? { card: JSON.parse(block[1]!) as Record<string, unknown> } : {}) };
  }

  async function submit(url: string, body: unknown): Promise<{ status: number; kind: string; card: Record<string, unknown>; text: string }> {
    const res = await fetch(`${bot.app.url}/checkin/submit?token=${encodeURIComponent(tokenOf(url))}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const json = (await res.json()) as { kind: string; card: Record<string, unknown> };
    assert.deepEqual(validateCard(json.card), [], 'every answer is a valid card');
    return { status: res.status, kind: json.kind, card: json.card, text: cardText(json.card) };
  }

  const stored = (priority = '9') => bot.app.deps.checkIns.get(STRATEGY, priority, '2026-Q3');

  it('a valid link shows the Teams check-in card, whole, for that priority and period, under a CSP without inline script', async () => {
    const page = await open(await link());
    assert.equal(page.status, 200);
    assert.ok(page.card, 'the card JSON is on the page');
    assert.deepEqual(validateCard(page.card), []);
    const text = cardText(page.card);
    assert.match(text, /Check-in for 2026-Q3/);
    assert.match(text, /9\. We will take action to reduce levels of unhealthy weight across all ages/);
    assert.match(text, /Answering as\nMegan Bowen/);
    assert.match(text, /Amber: Some progress has been made, but we have not met our expectations\./);
    const csp = page.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.equal(page.headers.get('referrer-policy'), 'no-referrer');
    assert.doesNotMatch(page.html.replace(/<script type="application\/json"[^>]*>[^<]*<\/script>/, ''), /<script>/, 'no inline script');
    for (const src of page.html.match(/src="([^"]+)"/g) ?? []) {
      const res = await fetch(`${bot.app.url}${src.slice(5, -1)}`);
      assert.equal(res.status, 200, src);
      assert.match(res.headers.get('content-type') ?? '', /javascript/);
    }
  });

  it("the page's script and styles are the files in src/web/assets, each at an address holding its hash, kept a year; any other address is not found", async () => {
    const page = await open(await link());
    const addresses = [...page.html.matchAll(/(?:src|href)="(\/checkin\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    assert.equal(addresses.length, 3, addresses.join(', '));
    const files: Record<string, string> = { js: readFileSync(join(ASSETS, 'check-in.js'), 'utf8'), css: readFileSync(join(ASSETS, 'check-in.css'), 'utf8') };
    for (const address of addresses) {
      const [, name, hash, extension] = /^\/checkin\/assets\/([a-z-]+)\.([0-9a-f]{12})\.(js|css)$/.exec(address) ?? [];
      assert.ok(name && hash && extension, address);
      const res = await fetch(`${bot.app.url}${address}`);
      assert.equal(res.status, 200, address);
      const body = Buffer.from(await res.arrayBuffer());
      assert.equal(createHash('sha256').update(body).digest('hex').slice(0, 12), hash, `${address}: the address names the content`);
      assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      assert.equal(res.headers.get('content-type'), extension === 'js' ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8');
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      if (name === 'check-in') assert.equal(body.toString('utf8'), files[extension!], `${address} is src/web/assets/check-in.${extension}`);
    }
    // The page hands its script the card ids it looks for (the card builder's, not a copy).
    assert.match(page.html, /<div id="card-host" data-error-id-suffix="-error" data-notice-ids="form-errors form-changed">/);
    for (const gone of ['/checkin/assets/check-in-page.js', '/checkin/assets/check-in.js', addresses[0]!.replace(/\.[0-9a-f]{12}\./, '.000000000000.')]) {
      assert.equal((await fetch(`${bot.app.url}${gone}`)).status, 404, gone);
    }
  });

  it('the page starts empty under the last answer; "Start from last answer" fills it; the same update again needs "No change since last period"', async () => {
    // Alex leads 19, answered for 2026-Q2 in the seeds ("Falls service recommissioned.").
    const url = await link('19', 'alex-wilber');
    const page = await open(url);
    const text = cardText(page.card);
    assert.match(text, /Last answer, 2026-Q2: Green\nFalls service recommissioned\./);
    assert.match(text, /Open until\n31 Dec 2026/);
    const empty = Object.fromEntries(inputsOf(page.card).map((i) => [i.id, i.value]));
    assert.deepEqual([empty.rag, empty.update], ['', '']);
    const fill = press(page.card!, 'Start from last answer');
    const filled = await submit(url, { verb: fill.verb, data: fill.data });
    assert.equal(filled.kind, 'form');
    const values = Object.fromEntries(inputsOf(filled.card).map((i) => [i.id, i.value]));
    assert.deepEqual([values.rag, values.update], ['green', 'Falls service recommissioned.']);
    const same = press(filled.card, 'Submit check-in', { ragReason: 'Falls are down.' });
    const refused = await submit(url, { verb: same.verb, data: same.data });
    assert.equal(refused.kind, 'invalid');
    assert.match(refused.text, /This update is the 2026-Q2 update word for word\. If nothing has changed, tick "No change since last period"/);
    assert.equal(await stored('19'), undefined);
  });

  it('an altered, forged or expired link gets a clear refusal page and stores nothing', async () => {
    const good = await link();
    const token = tokenOf(good);
    const altered = `${bot.app.url}/checkin?token=${token.slice(0, -3)}${token.slice(-3) === 'AAA' ? 'BBB' : 'AAA'}`;
    const forged = await link('9', 'megan-bowen', 'another-secret-of-at-least-32-characters');
    for (const url of [altered, forged, `${bot.app.url}/checkin`, `${bot.app.url}/checkin?token=not-a-token`]) {
      const page = await open(url);
      assert.equal(page.status, 401, url);
      assert.match(page.html, /This link does not work/);
      assert.equal(page.card, undefined);
    }
    const refusedSubmit = await submit(altered, { verb: 'checkin.submit', data: { priority: `${STRATEGY}/9`, period: '2026-Q3', rag: 'green', update: 'Forged.' } });
    assert.equal(refusedSubmit.status, 401);

    // Midnight, board time, at the start of 1 Jan 2027: the period has closed and so has the link.
    bot.clock.set('2027-01-01T00:00:01Z');
    const expired = await open(good);
    assert.equal(expired.status, 410);
    assert.match(expired.html, /This link has expired/);
    const late = await submit(good, { verb: 'checkin.submit', data: { priority: `${STRATEGY}/9`, period: '2026-Q3', rag: 'green', update: 'Too late.' } });
    assert.equal(late.status, 410);
    assert.equal(await stored(), undefined);
  });

  it('an invalid answer comes back on the card with its field messages, and nothing is stored', async () => {
    const url = await link();
    const { card } = await open(url);
    const answer = await submit(url, submitFrom(card!, { rag: '', update: '   ' }));
    assert.equal(answer.status, 200);
    assert.equal(answer.kind, 'invalid');
    assert.match(answer.text, /Nothing was saved: 2 answers need fixing/);
    assert.match(answer.text, /Choose Red, Amber or Green\./);
    assert.match(answer.text, /Write a progress update\./);
    assert.equal(await stored(), undefined);
  });

  it('a valid answer gets the receipt, once; Teams status shows it "answered by email link", with the lead\'s organisation; Edit works from the page', async () => {
    const url = await link();
    const { card } = await open(url);
    const body = submitFrom(card!, { rag: 'green', update: 'Weight management sessions run in all eight PCNs.' });
    const receipt = await submit(url, body);
    assert.equal(receipt.kind, 'receipt');
    assert.match(receipt.text, /Check-in received for 2026-Q3/);
    assert.match(receipt.text, /✔ Green/);
    assert.match(receipt.text, /Version\n1/);
    const again = await submit(url, body);
    assert.match(again.text, /Version\n1/, 'the same submission again is the same receipt');
    const saved = await stored();
    assert.equal(saved?.version, 1);
    assert.equal(saved?.channel, 'web');
    assert.equal(saved?.submittedBy, 'megan-bowen');

    bot.connector.reset();
    await bot.post(message(MEGAN, bot.serviceUrl, 'status 9'));
    const status = cardText(bot.connector.lastCard());
    assert.match(status, /Weight management sessions run in all eight PCNs\./);
    assert.match(status, /2026-Q3, by Megan Bowen, 24 Nov 2026, 10:00 \(answered by email link\)/);
    assert.match(status, /Lead\nMegan Bowen \(Leicestershire Partnership NHS Trust\)/);

    const edit = (receipt.card.actions as any[]).find((a) => a.verb === 'checkin.edit');
    const form = await submit(url, { verb: edit.verb, data: edit.data });
    assert.equal(form.kind, 'form');
    assert.match(form.text, /You are editing the answer given by Megan Bowen \(version 1\)/);
    const edited = await submit(url, submitFrom(form.card, { rag: 'green', update: 'Sessions run in all eight PCNs; two more planned.' }));
    assert.match(edited.text, /Version\n2/);
  });

  it('a link for priority 9 cannot answer W2, which Megan also leads: refused, nothing stored', async () => {
    const url = await link('9');
    const w2 = await link('W2');
    const { card } = await open(w2);
    const answer = await submit(url, submitFrom(card!, { rag: 'amber', update: 'Sent with the wrong link.' }));
    assert.equal(answer.status, 403);
    assert.equal(answer.kind, 'refused');
    assert.match(answer.text, /This link answers only test-board-2025-28\/9 for 2026-Q3, so nothing was saved/);
    assert.equal(await stored('W2'), undefined);
    assert.equal(await stored('9'), undefined);
    // A link naming someone who does not answer for the priority opens nothing either.
    const grace = await open(await link('9', 'grace-taylor'));
    assert.equal(grace.status, 403);
    assert.match(grace.html, /Not one of your priorities/);
  });
});
