import { strict as assert } from 'node:assert';
import pino from 'pino';
import { PICK_CHECKIN_VERB } from '../../src/cards/pick-priority-card';
import { ALEX, cardAction, installation } from '../support/activities';
import { BotHarness, cardText } from '../support/bot-harness';
import { TokenIssuer } from '../support/token-issuer';

const APP_ID = '11111111-2222-3333-4444-555555555555';

describe('inbound authentication with an app id (tokens from a local issuer)', function () {
  this.timeout(30_000);
  let bot: BotHarness;
  const issuer = new TokenIssuer();
  /** What the bot logs, as parsed JSON lines. */
  const logLines: Record<string, unknown>[] = [];
  const log = pino({ level: 'info' }, { write: (text: string) => void logLines.push(JSON.parse(text) as Record<string, unknown>) });
  const now = () => Math.floor(Date.now() / 1000);
  const claims = (over: Record<string, unknown> = {}) => ({ iss: issuer.issuer, aud: APP_ID, nbf: now() - 60, exp: now() + 3600, serviceurl: bot.serviceUrl, ...over });

  before(async () => {
    await issuer.start();
    bot = await new BotHarness('2026-11-24T10:00:00Z', {
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'not-a-real-secret',
      ToBotFromChannelOpenIdMetadataUrl: issuer.metadataUrl,
      ToBotFromChannelTokenIssuer: issuer.issuer,
    }, { log }).start();
  });
  after(async () => {
    await bot.stop();
    await issuer.stop();
  });

  const refused = async (name: string, headers: Record<string, string>) => {
    const before = bot.connector.calls.length;
    const res = await bot.post(installation(ALEX, bot.serviceUrl), headers);
    assert.equal(res.status, 401, `${name}: ${res.status} ${res.text.slice(0, 200)}`);
    assert.equal(bot.connector.calls.length, before, `${name}: nothing sent`);
    assert.equal(await bot.app.deps.conversations.get(`user:${ALEX.aadObjectId}`), undefined, `${name}: nothing stored`);
  };

  it('refuses, with 401 and nothing stored or sent: no token, malformed, expired, unknown key, wrong audience, wrong issuer, serviceUrl mismatch', async () => {
    await refused('no token', {});
    await refused('malformed', { authorization: 'Bearer not.a.jwt' });
    await refused('expired', { authorization: `Bearer ${issuer.sign(claims({ nbf: now() - 7200, exp: now() - 3600 }))}` });
    await refused('unknown key', { authorization: `Bearer ${issuer.sign(claims(), 'key-2')}` });
    await refused('wrong audience', { authorization: `Bearer ${issuer.sign(claims({ aud: '99999999-0000-0000-0000-000000000000' }))}` });
    await refused('wrong issuer', { authorization: `Bearer ${issuer.sign(claims({ iss: 'https://sts.evil.example' }))}` });
    await refused('serviceUrl mismatch', { authorization: `Bearer ${issuer.sign(claims({ serviceurl: 'https://smba.evil.example/' }))}` });
  });

  it('accepts a valid token: the turn runs and answers', async () => {
    // A card action is answered in the HTTP response itself, so no outbound call (which would
    // need a token from Entra ID) is made: the test stays on this machine.
    const res = await bot.post(cardAction(ALEX, bot.serviceUrl, PICK_CHECKIN_VERB, { priority: 'test-board-2025-28/19' }), { authorization: `Bearer ${issuer.sign(claims())}` });
    assert.equal(res.status, 200, res.text.slice(0, 300));
    assert.match(cardText(JSON.parse(res.text).value), /Check-in for 2026-Q3\n19\. We will reduce the number of falls/);
  });

  it('with no tenant configured, a sender is matched by object id only: the connector is never asked for an email', async () => {
    const stranger = { ...ALEX, aadObjectId: 'aaaaaaaa-0000-0000-0000-00000000dead' };
    const before = bot.connector.calls.length;
    const res = await bot.post(cardAction(stranger, bot.serviceUrl, PICK_CHECKIN_VERB, { priority: 'test-board-2025-28/19' }), { authorization: `Bearer ${issuer.sign(claims())}` });
    assert.equal(res.status, 200, res.text.slice(0, 300));
    assert.match(cardText(JSON.parse(res.text).value), /Not one of your priorities/);
    assert.deepEqual(bot.connector.calls.slice(before).map((c) => c.path), [], 'no member lookup');
    assert.ok(logLines.some((l) => /No MicrosoftAppTenantId or ALLOWED_TENANTS/.test(String(l.msg))), 'warned at start');
  });

  it('every kind of bad token: 401 with a short body, no internal message or stack, and exactly one warning in the log', async () => {
    const good = () => issuer.sign(claims());
    const [h, p] = good().split('.');
    const cases: [string, string][] = [
      ['bad signature (signed by key-2, claims key-1)', `Bearer ${issuer.sign(claims(), 'key-2', { kid: 'key-1' })}`],
      ['a kid the issuer never published', `Bearer ${issuer.sign(claims(), 'key-1', { kid: 'key-9' })}`],
      ['no kid at all', `Bearer ${issuer.sign(claims(), 'key-1', { kid: '' })}`],
      ['alg none', `Bearer ${issuer.sign(claims(), 'key-1', { alg: 'none' })}`],
      ['signature cut off', `Bearer ${h}.${p}.`],
      ['garbage after Bearer', 'Bearer %%%garbage%%%'],
      ['garbage base64 parts', 'Bearer aGVsbG8.d29ybGQ.Zm9v'],
      ['Bearer and nothing', 'Bearer'],
      ['another scheme', 'Basic dXNlcjpwYXNz'],
      ['wrong issuer', `Bearer ${issuer.sign(claims({ iss: 'https://sts.evil.example' }))}`],
      ['expired', `Bearer ${issuer.sign(claims({ nbf: now() - 7200, exp: now() - 3600 }))}`],
    ];
    for (const [name, authorization] of cases) {
      const from = logLines.length;
      const res = await bot.post(installation(ALEX, bot.serviceUrl), { authorization });
      assert.equal(res.status, 401, `${name}: ${res.status} ${res.text.slice(0, 300)}`);
      assert.ok(res.text.length <= 200, `${name}: a short body, not ${res.text.length} characters`);
      assert.doesNotMatch(res.text, /Error|\bat \S+ \(|\.js:\d|\.ts:\d|stack/i, `${name}: ${res.text}`);
      const lines = logLines.slice(from);
      assert.deepEqual(lines.map((l) => l.level), [40], `${name}: ${JSON.stringify(lines)}`);
      assert.equal(JSON.stringify(lines[0]).includes('\\n    at '), false, `${name}: no stack in the warning`);
    }
  });
});
