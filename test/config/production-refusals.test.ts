import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { BotProcess } from '../support/bot-process';
import { bundledBot } from '../support/bundled-bot';
import { openStorage } from '../../src/store/open-storage';
import { runCli } from '../support/cli-runner';
import { testConnectionString, uniquePrefix } from '../support/storage';

const REAL_SEEDS = join(__dirname, '..', '..', 'seeds');

/**
 * `NODE_ENV=production npm start` with one unsafe setting: the real start, in its own process,
 * stops with exit code 1 and one line naming the setting and what to set; no stack trace.
 */
describe('production refuses unsafe settings at start (process)', function () {
  this.timeout(120_000);
  let bot: { entry: string[]; remove(): void };
  before(async () => {
    bot = await bundledBot();
  });
  after(() => bot.remove());

  /** Everything production needs, on the real seeds; each test takes one thing away. */
  const safe = (): Record<string, string> => ({
    NODE_ENV: 'production',
    MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
    MicrosoftAppType: 'UserAssignedMSI',
    MicrosoftAppTenantId: '99999999-8888-7777-6666-555555555555',
    PUBLIC_URL: 'https://hwb-bot.azurewebsites.net',
    REPORT_LINK_SECRET: 'a'.repeat(64),
    STORAGE_CONNECTION_STRING: testConnectionString(),
    TABLE_PREFIX: uniquePrefix(),
    SMTP_URL: 'smtp://bot:secret@127.0.0.1:2525',
    SEEDS_DIR: REAL_SEEDS,
    SCHEDULER: 'off',
  });

  const without = (name: string, more: Record<string, string> = {}) => {
    const env = { ...safe(), ...more };
    delete env[name];
    return env;
  };

  /** The start's "Cannot start:" lines, after checking it exited 1 with no stack trace and never got ready. */
  async function refused(env: Record<string, string>): Promise<string> {
    const p = new BotProcess(env, bot.entry);
    assert.equal(await p.run(), 1, p.output);
    assert.doesNotMatch(p.output, /^\s+at /m, 'no stack trace');
    assert.doesNotMatch(p.output, /HWB Progress Bot ready/);
    return p.output
      .split('\n')
      .filter((l) => l.startsWith('Cannot start:'))
      .join('\n');
  }

  // Each case is its own start of the real program (refused ones exit within seconds).
  const cases: Record<string, () => Record<string, string>> = {
    'no PUBLIC_URL': () => without('PUBLIC_URL'),
    'PUBLIC_URL http': () => ({ ...safe(), PUBLIC_URL: 'http://hwb-bot.azurewebsites.net' }),
    'no secret': () => without('REPORT_LINK_SECRET'),
    'short secret': () => ({ ...safe(), REPORT_LINK_SECRET: 'x'.repeat(31) }),
    'no storage': () => without('STORAGE_CONNECTION_STRING'),
    'no app id': () => without('MicrosoftAppId'),
  };
  const line = (name: string) => refused(cases[name]!());

  it('no PUBLIC_URL: one line naming it and what to set', async () => {
    assert.match(await line('no PUBLIC_URL'), /^Cannot start: PUBLIC_URL: not set: .*Set PUBLIC_URL=https:\/\/<your-app>\.azurewebsites\.net[^\n]*$/);
  });

  it('PUBLIC_URL not https://', async () => {
    assert.match(await line('PUBLIC_URL http'), /^Cannot start: PUBLIC_URL: http:\/\/hwb-bot\.azurewebsites\.net is not https:\/\/: .*Set PUBLIC_URL=https:\/\/[^\n]*$/);
  });

  it('no REPORT_LINK_SECRET', async () => {
    assert.match(await line('no secret'), /^Cannot start: REPORT_LINK_SECRET: not set: .*Set it to 32 or more random characters[^\n]*$/);
  });

  it('REPORT_LINK_SECRET shorter than 32 characters', async () => {
    assert.match(await line('short secret'), /^Cannot start: REPORT_LINK_SECRET: shorter than 32 characters: set it to 32 or more[^\n]*$/);
  });

  it('no storage setting', async () => {
    assert.match(await line('no storage'), /^Cannot start: STORAGE_ACCOUNT_URL: no storage is set: .*Set STORAGE_ACCOUNT_URL=https:\/\/<account>\.table\.core\.windows\.net .*or STORAGE_CONNECTION_STRING[^\n]*$/);
  });

  it('no MicrosoftAppId', async () => {
    assert.match(await line('no app id'), /^Cannot start: MicrosoftAppId: not set: NODE_ENV=production needs MicrosoftAppId.*Set it to the Azure Bot's app id[^\n]*$/);
  });

  it("no SMTP_URL while the real seeds' Kay Darby has only an email address; nothing is stored", async () => {
    const env = without('SMTP_URL');
    assert.match(await refused(env), /^Cannot start: SMTP_URL: not set, and 1 person has only an email address \(kay-darby\), so nobody would email them\. Set SMTP_URL=smtp:\/\/.*or EMAIL=off[^\n]*$/);
    const storage = await openStorage({ storageConnectionString: env.STORAGE_CONNECTION_STRING!, dataDir: '', tablePrefix: env.TABLE_PREFIX! });
    try {
      assert.deepEqual(await storage.people.listPeople(), []);
      assert.deepEqual(await storage.strategies.listStrategies(), []);
    } finally {
      await storage.close();
    }
  });

  it('EMAIL=off instead: the bot starts, and reach says Kay Darby is not reached', async () => {
    const env = without('SMTP_URL', { EMAIL: 'off' });
    const p = await new BotProcess(env, bot.entry).start();
    try {
      await p.printed(/Email to leads outside Teams/);
      assert.match(p.output, /Email to leads outside Teams: off \(EMAIL=off\)/);
    } finally {
      assert.equal(await p.stop('SIGTERM', 60_000), 0, p.output);
    }
    const reach = await runCli(env, 'reach');
    assert.equal(reach.code, 0, reach.err);
    assert.match(reach.out, /Kay Darby .*not reachable: not in the board team; Graph not configured; email is off \(EMAIL=off\)/);
    const on = await runCli({ ...env, EMAIL: 'on' }, 'reach');
    assert.match(on.out, /Kay Darby .*email \(kay\.darby@example\.org\)/);
  });
});
