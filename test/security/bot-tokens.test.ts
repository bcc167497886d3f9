import { strict as assert } from 'node:assert';
import pino from 'pino';
import { ALEX, installation } from '../support/activities';
import { BotHarness } from '../support/bot-harness';
import { TokenIssuer } from '../support/token-issuer';

const APP_ID = '11111111-2222-3333-4444-555555555555';
const now = () => Math.floor(Date.now() / 1000);

/** A bot in app-id mode whose tokens come from `issuer`, with its log lines kept for reading. */
async function botFor(issuer: TokenIssuer): Promise<{ bot: BotHarness; logLines: Record<string, unknown>[] }> {
  const logLines: Record<string, unknown>[] = [];
  const log = pino({ level: 'info' }, { write: (text: string) => void logLines.push(JSON.parse(text) as Record<string, unknown>) });
  const bot = await new BotHarness('2026-11-24T10:00:00Z', {
    MicrosoftAppId: APP_ID,
    MicrosoftAppPassword: 'not-a-real-secret',
    ToBotFromChannelOpenIdMetadataUrl: issuer.metadataUrl,
    ToBotFromChannelTokenIssuer: issuer.issuer,
  }, { log }).start();
  return { bot, logLines };
}

describe('Bot Framework tokens: expiry required, and a key-service outage is 503, not 401', function () {
  this.timeout(30_000);

  it('a validly signed token without exp, or not valid before an hour from now, is refused (401), nothing stored', async () => {
    const issuer = await new TokenIssuer().start();
    const { bot } = await botFor(issuer);
    try {
      const claims = { iss: issuer.issuer, aud: APP_ID, serviceurl: bot.serviceUrl };
      const cases: [string, Record<string, unknown>][] = [
        ['no exp', { ...claims, nbf: now() - 60 }],
        ['no exp, no nbf', claims],
        ['exp a string', { ...claims, nbf: now() - 60, exp: String(now() + 3600) }],
        ['nbf in an hour', { ...claims, nbf: now() + 3600, exp: now() + 7200 }],
      ];
      for (const [name, c] of cases) {
        const res = await bot.post(installation(ALEX, bot.serviceUrl), { authorization: `Bearer ${issuer.sign(c)}` });
        assert.equal(res.status, 401, `${name}: ${res.status} ${res.text.slice(0, 200)}`);
      }
      assert.equal(await bot.app.deps.conversations.get(`user:${ALEX.aadObjectId}`), undefined, 'nothing stored');
      // The same token with exp is accepted: what was refused was the missing expiry.
      const ok = await bot.post(installation(ALEX, bot.serviceUrl), { authorization: `Bearer ${issuer.sign({ ...claims, nbf: now() - 60, exp: now() + 3600 })}` });
      assert.equal(ok.status, 200, ok.text.slice(0, 200));
    } finally {
      await bot.stop();
      await issuer.stop();
    }
  });

  const outages: [string, (issuer: TokenIssuer) => Promise<void>][] = [
    ['unreachable', (issuer) => issuer.stop()],
    ['answering 500', async (issuer) => void (issuer.failWith = 500)],
    ['answering 502', async (issuer) => void (issuer.failWith = 502)],
  ];
  for (const [name, outage] of outages) {
    it(`key service ${name}: 503 with Retry-After, a short body of ours, one error line without a stack, nothing stored`, async () => {
      const issuer = await new TokenIssuer().start();
      const { bot, logLines } = await botFor(issuer);
      try {
        await outage(issuer);
        const token = issuer.sign({ iss: issuer.issuer, aud: APP_ID, serviceurl: bot.serviceUrl, nbf: now() - 60, exp: now() + 3600 });
        const from = logLines.length;
        const res = await fetch(`${bot.app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(installation(ALEX, bot.serviceUrl)) });
        const text = await res.text();
        assert.equal(res.status, 503, text);
        assert.ok(Number(res.headers.get('retry-after')) > 0, `Retry-After: ${res.headers.get('retry-after')}`);
        assert.match(text, /Cannot check the token now/);
        const lines = logLines.slice(from);
        assert.deepEqual(lines.map((l) => [l.level, l.msg]), [[50, 'inbound token could not be checked: key service unavailable']]);
        assert.equal(JSON.stringify(lines[0]).includes('\\n    at '), false, 'no stack');
        assert.equal(await bot.app.deps.conversations.get(`user:${ALEX.aadObjectId}`), undefined, 'nothing stored');
      } finally {
        await bot.stop();
        await issuer.stop();
      }
    });
  }
});
