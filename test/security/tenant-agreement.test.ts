import { strict as assert } from 'node:assert';
import { ALEX, installation, message, TENANT } from '../support/activities';
import { BotHarness } from '../support/bot-harness';

const OTHER_TENANT = '99999999-0000-0000-0000-000000000009';

/**
 * Teams states the tenant twice, in the conversation and in channelData. The gate read the
 * conversation's first: an allowed conversation tenant with another channelData tenant was
 * accepted. When both are there they must agree.
 */
describe('the tenant gate: conversation.tenantId and channelData.tenant.id must agree', () => {
  let bot: BotHarness;
  beforeEach(async () => (bot = await new BotHarness('2026-11-24T10:00:00Z', { ALLOWED_TENANTS: TENANT }).start()));
  afterEach(async () => bot.stop());

  it('two different tenants, either way round, are refused with 403 and nothing stored or sent; agreeing ones pass', async () => {
    const install = installation(ALEX, bot.serviceUrl);
    const cases: [string, Record<string, unknown>][] = [
      ['allowed conversation tenant, another in channelData', { ...install, channelData: { tenant: { id: OTHER_TENANT } } }],
      ['another conversation tenant, the allowed one in channelData', { ...install, conversation: { ...(install.conversation as object), tenantId: OTHER_TENANT } }],
    ];
    for (const [name, activity] of cases) {
      const res = await bot.post(activity);
      assert.equal(res.status, 403, `${name}: ${res.status} ${res.text}`);
      assert.match(res.text, /two different tenants/);
    }
    assert.deepEqual(await bot.app.deps.conversations.list(), []);
    assert.equal(bot.connector.sent().length, 0);
    // The same tenant written in another case is one tenant.
    const sameInCapitals = { ...install, channelData: { tenant: { id: TENANT.toUpperCase() } } };
    assert.ok((await bot.post(sameInCapitals)).status < 300);
    assert.equal((await bot.app.deps.conversations.list()).length, 1);
  });

  it('with no tenants configured, disagreeing tenants are still refused', async () => {
    const open = await new BotHarness().start();
    try {
      const res = await open.post({ ...message(ALEX, open.serviceUrl, 'help'), channelData: { tenant: { id: OTHER_TENANT } } });
      assert.equal(res.status, 403, res.text);
      assert.equal(open.connector.sent().length, 0);
    } finally {
      await open.stop();
    }
  });
});
