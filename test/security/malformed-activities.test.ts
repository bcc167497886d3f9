import { strict as assert } from 'node:assert';
import { ALEX, cardAction, message } from '../support/activities';
import { BotHarness } from '../support/bot-harness';
import { TokenIssuer } from '../support/token-issuer';

const APP_ID = '11111111-2222-3333-4444-555555555555';

/** A raw POST to /api/messages: the body as given, not JSON-encoded by a helper. */
async function postRaw(bot: BotHarness, body: string | undefined, headers: Record<string, string> = { 'content-type': 'application/json' }): Promise<{ status: number; text: string }> {
  const res = await fetch(`${bot.app.url}/api/messages`, { method: 'POST', headers, ...(body === undefined ? {} : { body }) });
  return { status: res.status, text: await res.text() };
}

/**
 * What the sender got wrong is a 400 in our own words, in local and app-id mode alike (checked
 * before the token, so no 503 "cannot check the token" for an empty body). Before, the SDK
 * answered 500 "validateAndFixActivity(): missing activity type.", 500 "endpoint.toLowerCase is
 * not a function", 503 for an empty or null body, and 501 for an invoke it does not know.
 */
describe('malformed activities get 400 with our words, never a 5xx or the library\'s text', function () {
  this.timeout(60_000);
  const issuer = new TokenIssuer();
  before(() => issuer.start());
  after(() => issuer.stop());

  const cases = (serviceUrl: string): [string, string | undefined][] => {
    const good = message(ALEX, serviceUrl, 'help');
    const json = (over: Record<string, unknown>) => JSON.stringify({ ...good, ...over });
    const without = (key: string) => JSON.stringify(Object.fromEntries(Object.entries(good).filter(([k]) => k !== key)));
    return [
      ['no body', undefined],
      ['empty body', ''],
      ['null', 'null'],
      ['an array', '[]'],
      ['a string', '"message"'],
      ['a number', '42'],
      ['not JSON', '{"type": "message", '],
      ['type a number', json({ type: 5 })],
      ['type null', json({ type: null })],
      ['type an object', json({ type: { toString: 'message' } })],
      ['type a list', json({ type: ['message'] })],
      ['type empty', json({ type: '' })],
      ['no type', without('type')],
      ['serviceUrl a number', json({ serviceUrl: 5 })],
      ['serviceUrl an object', json({ serviceUrl: { host: 'x' } })],
      ['serviceUrl a list', json({ serviceUrl: [serviceUrl] })],
      ['no serviceUrl', without('serviceUrl')],
      ['serviceUrl not http', json({ serviceUrl: 'javascript:alert(1)' })],
      ['serviceUrl not an address', json({ serviceUrl: 'http://' })],
      ['conversation a string', json({ conversation: 'a:1' })],
      ['conversation id a number', json({ conversation: { id: 5 } })],
      ['from a string', json({ from: '29:alex' })],
      ['unknown invoke', json({ type: 'invoke', name: 'composeExtension/query', value: {} })],
      ['task/fetch invoke', json({ type: 'invoke', name: 'task/fetch', value: {} })],
      ['invoke name a number', json({ type: 'invoke', name: 5 })],
      ['invoke without name', json({ type: 'invoke' })],
    ];
  };

  const modes: [string, () => Record<string, string>][] = [
    ['local mode', () => ({})],
    ['app-id mode (no token)', () => ({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret', ToBotFromChannelOpenIdMetadataUrl: issuer.metadataUrl, ToBotFromChannelTokenIssuer: issuer.issuer })],
  ];
  for (const [mode, env] of modes) {
    it(`${mode}: every malformed activity is a short 400 of ours; nothing stored or sent`, async () => {
      const bot = await new BotHarness('2026-11-24T10:00:00Z', env()).start();
      try {
        for (const [name, body] of cases(bot.serviceUrl)) {
          const res = await postRaw(bot, body);
          assert.equal(res.status, 400, `${name}: ${res.status} ${res.text.slice(0, 200)}`);
          assert.ok(res.text.length <= 200, `${name}: short`);
          assert.doesNotMatch(res.text, /Error|validateAndFix|toLowerCase|Unexpected token|Invalid JSON|\.js:\d|\bat \S+ \(/, `${name}: ${res.text}`);
        }
        assert.deepEqual(bot.connector.calls, [], 'nothing sent');
        assert.equal(await bot.app.deps.conversations.get(`user:${ALEX.aadObjectId}`), undefined, 'nothing stored');
        // The well-formed card action still goes through (local mode) or is asked for its token.
        const ok = await bot.post(cardAction(ALEX, bot.serviceUrl, 'unknown.verb', {}));
        assert.equal(ok.status, mode === 'local mode' ? 200 : 401, ok.text.slice(0, 200));
      } finally {
        await bot.stop();
      }
    });
  }

  it('a form or text body is 415 (JSON only); a body over 256 KB is 413', async () => {
    const bot = await new BotHarness().start();
    try {
      const form = await postRaw(bot, 'type=message&text=help', { 'content-type': 'application/x-www-form-urlencoded' });
      assert.equal(form.status, 415, form.text);
      assert.match(form.text, /JSON only/);
      const text = await postRaw(bot, JSON.stringify(message(ALEX, bot.serviceUrl, 'help')), { 'content-type': 'text/plain' });
      assert.equal(text.status, 415, text.text);
      const big = await postRaw(bot, JSON.stringify(message(ALEX, bot.serviceUrl, 'x'.repeat(300 * 1024))));
      assert.equal(big.status, 413, big.text);
      assert.deepEqual(bot.connector.calls, [], 'nothing sent');
    } finally {
      await bot.stop();
    }
  });
});
