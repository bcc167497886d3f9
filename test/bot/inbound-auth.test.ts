import { strict as assert } from 'node:assert';
import { ALEX, installation, message } from '../support/activities';
import { BotHarness } from '../support/bot-harness';

describe('inbound authentication with an app id', () => {
  let bot: BotHarness;
  before(async () => {
    bot = await new BotHarness('2026-11-24T10:00:00Z', { MicrosoftAppId: '11111111-2222-3333-4444-555555555555', MicrosoftAppPassword: 'not-a-real-secret' }).start();
  });
  after(async () => bot.stop());

  it('answers 401 to a request without a token, and nothing is stored or sent', async () => {
    const res = await bot.post(installation(ALEX, bot.serviceUrl));
    assert.equal(res.status, 401);
    assert.equal(await bot.app.deps.conversations.get(`user:${ALEX.aadObjectId}`), undefined);
    assert.equal(bot.connector.calls.length, 0);
  });

  it('answers 401 to a malformed bearer token', async () => {
    const res = await bot.post(message(ALEX, bot.serviceUrl, 'status 19'), { authorization: 'Bearer not.a.jwt' });
    assert.equal(res.status, 401);
    assert.equal(bot.connector.calls.length, 0);
  });
});
