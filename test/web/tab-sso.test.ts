import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { ROOT } from '../../scripts/package-app';
import { TAB_SIGN_IN } from '../../src/bot/user-messages';
import { BotHarness } from '../support/bot-harness';
import { EntraStandIn } from '../support/entra-stand-in';

/**
 * Tab single sign-on against the real HTTP endpoint: a local OpenID stand-in serves Entra's
 * metadata and keys, tokens are made with jose, and the bot runs on the real seeds (two boards:
 * Alex manages both, Adele manages Leicester City and deputises there, Amy leads projects there).
 */
const APP_ID = '7f3c2a10-5b6d-4e8f-9a0b-1c2d3e4f5a6b';
const TENANT = '9188040d-6c67-4c5b-b112-36a304b66dad';
const OTHER_TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const DOMAIN = 'hwb-bot.example.org';
const AUDIENCE = `api://${DOMAIN}/${APP_ID}`;
const ADELE = '00000000-0000-0000-0000-0000000000022';
const ALEX = '00000000-0000-0000-0000-0000000000020';
const AMY = '00000000-0000-0000-0000-0000000000024';
const NOBODY = '0b9f6a55-0000-4000-8000-00000000dead';

interface Answer {
  status: number;
  json: Record<string, unknown>;
  headers: Headers;
}

async function startBot(entra: EntraStandIn, links: [string, string][], env: Record<string, string> = {}): Promise<BotHarness> {
  return new BotHarness('2026-11-24T10:00:00Z', {
    MicrosoftAppId: APP_ID,
    MicrosoftAppPassword: 'not-a-real-secret',
    MicrosoftAppTenantId: TENANT,
    PUBLIC_URL: `https://${DOMAIN}`,
    TAB_SSO: 'on',
    ENTRA_OPENID_METADATA_URL: entra.metadataUrl,
    SEEDS_DIR: join(ROOT, 'seeds'),
    ...env,
  }, {
    issueBoardLink: async (personId, boardKey) => {
      links.push([personId, boardKey]);
      return `https://${DOMAIN}/boards/${boardKey}?token=signed-for-${personId}`;
    },
  }).start();
}

async function post(bot: BotHarness, path: string, token: string | undefined, body: unknown = {}): Promise<Answer> {
  const res = await fetch(`${bot.app.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

describe('Teams tab single sign-on (Entra tokens checked with jose against a local OpenID stand-in)', function () {
  this.timeout(60_000);
  let entra: EntraStandIn;
  let bot: BotHarness;
  const links: [string, string][] = [];
  const claims = (oid: string, over: Record<string, unknown> = {}) => ({ ...EntraStandIn.claims({ oid, tid: TENANT, audience: AUDIENCE, now: bot.clock.now() }), ...over });

  before(async () => {
    entra = await new EntraStandIn().start();
    bot = await startBot(entra, links);
  });
  after(async () => {
    await bot?.stop();
    await entra?.stop();
  });
  beforeEach(() => {
    links.length = 0;
  });

  it('a lead\'s genuine token opens their one board: the answer is the link the board page issued for them', async () => {
    const answer = await post(bot, '/tab/session', await entra.sign(claims(ADELE)), { board: 'leicester-city' });
    assert.equal(answer.status, 200, JSON.stringify(answer.json));
    assert.deepEqual(answer.json, { url: `https://${DOMAIN}/boards/leicester-city?token=signed-for-adele-vance` });
    assert.deepEqual(links, [['adele-vance', 'leicester-city']]);
  });

  it('the personal tab names no board: one board opens at once, several are offered to choose from', async () => {
    const adele = await post(bot, '/tab/session', await entra.sign(claims(ADELE)));
    assert.equal(adele.json.url, `https://${DOMAIN}/boards/leicester-city?token=signed-for-adele-vance`);
    const alex = await post(bot, '/tab/session', await entra.sign(claims(ALEX)));
    assert.equal(alex.status, 200);
    assert.deepEqual(alex.json, { boards: [{ key: 'leicester-city', name: 'Leicester City Health and Wellbeing Board' }, { key: 'leicestershire', name: 'Leicestershire Health and Wellbeing Board' }] });
    assert.deepEqual(links, [['adele-vance', 'leicester-city']], 'no link for a choice not yet made');
  });

  it('a project lead belongs to their workstream\'s board', async () => {
    const amy = await post(bot, '/tab/session', await entra.sign(claims(AMY)));
    assert.equal(amy.status, 200, JSON.stringify(amy.json));
    assert.deepEqual(links, [['amy-hathway', 'leicester-city']]);
  });

  it('Entra\'s v1.0 issuer form and the bare app id as audience are accepted too', async () => {
    const v1 = claims(ADELE, { iss: `https://sts.windows.net/${TENANT}/`, aud: APP_ID, ver: '1.0' });
    const answer = await post(bot, '/tab/session', await entra.sign(v1), { board: 'leicester-city' });
    assert.equal(answer.status, 200, JSON.stringify(answer.json));
  });

  it('the configuration page lists the boards the signed-in person may pin', async () => {
    const alex = await post(bot, '/tab/my-boards', await entra.sign(claims(ALEX)));
    assert.deepEqual((alex.json.boards as { key: string }[]).map((b) => b.key), ['leicester-city', 'leicestershire']);
    const adele = await post(bot, '/tab/my-boards', await entra.sign(claims(ADELE)));
    assert.deepEqual((adele.json.boards as { key: string }[]).map((b) => b.key), ['leicester-city']);
    const forged = await post(bot, '/tab/my-boards', await entra.sign(claims(ALEX), { unpublishedKey: true }));
    assert.equal(forged.status, 401);
    assert.equal(forged.json.boards, undefined);
  });

  it('a few seconds of clock difference are allowed on exp and nbf; minutes are not', async () => {
    const now = Math.floor(bot.clock.now().getTime() / 1000);
    const justExpired = await post(bot, '/tab/session', await entra.sign(claims(ADELE, { exp: now - 30 })));
    assert.equal(justExpired.status, 200, 'expired 30 s ago: within tolerance');
    const early = await post(bot, '/tab/session', await entra.sign(claims(ADELE, { nbf: now + 30 })));
    assert.equal(early.status, 200, 'valid from 30 s from now: within tolerance');
    const expired = await post(bot, '/tab/session', await entra.sign(claims(ADELE, { iat: now - 3900, nbf: now - 3900, exp: now - 300 })));
    assert.equal(expired.status, 401, 'expired five minutes ago');
  });

  describe('refused with 401 (not a token of ours), nothing shown', () => {
    const cases: [string, () => Promise<string | undefined>][] = [
      ['no Authorization header', async () => undefined],
      ['not a JWT', async () => 'not-a-token'],
      ['wrong audience (another app\'s API)', () => entra.sign(claims(ADELE, { aud: 'api://other.example.org/11111111-2222-3333-4444-555555555555' }))],
      ['wrong audience (Microsoft Graph)', () => entra.sign(claims(ADELE, { aud: '00000003-0000-0000-c000-000000000000' }))],
      ['expired an hour ago', async () => {
        const now = Math.floor(bot.clock.now().getTime() / 1000);
        return entra.sign(claims(ADELE, { iat: now - 7200, nbf: now - 7200, exp: now - 3600 }));
      }],
      ['no exp at all', () => entra.sign(claims(ADELE, { exp: undefined }))],
      ['unsigned (alg none)', async () => EntraStandIn.unsigned(claims(ADELE))],
      ['signed by a key not in the JWKS', () => entra.sign(claims(ADELE), { unpublishedKey: true })],
      ['signature of another token', async () => {
        const [head, , sig] = (await entra.sign(claims(NOBODY))).split('.');
        const [, body] = (await entra.sign(claims(ADELE))).split('.');
        return `${head}.${body}.${sig}`;
      }],
      ['issuer of another tenant than its tid', () => entra.sign(claims(ADELE, { iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` }))],
      ['issuer that is not Entra', () => entra.sign(claims(ADELE, { iss: `https://evil.example.org/${TENANT}/v2.0` }))],
      ['no access_as_user scope', () => entra.sign(claims(ADELE, { scp: 'User.Read' }))],
      ['no oid', () => entra.sign(claims(ADELE, { oid: undefined }))],
    ];
    for (const [name, token] of cases) {
      it(name, async () => {
        const answer = await post(bot, '/tab/session', await token(), { board: 'leicester-city' });
        assert.equal(answer.status, 401, JSON.stringify(answer.json));
        assert.deepEqual(answer.json, { title: TAB_SIGN_IN.tokenRefused.title, text: TAB_SIGN_IN.tokenRefused.text });
        assert.deepEqual(links, [], 'no board link issued');
      });
    }
  });

  describe('refused with 403 (a genuine token, but not for this board), nothing shown', () => {
    it('a tenant the board does not serve', async () => {
      const answer = await post(bot, '/tab/session', await entra.sign(claims(ADELE, { tid: OTHER_TENANT, iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` })), { board: 'leicester-city' });
      assert.equal(answer.status, 403);
      assert.equal(answer.json.title, TAB_SIGN_IN.otherTenant.title);
      assert.deepEqual(links, []);
    });

    it('someone not in the people list', async () => {
      const answer = await post(bot, '/tab/session', await entra.sign(claims(NOBODY)), { board: 'leicester-city' });
      assert.equal(answer.status, 403);
      assert.equal(answer.json.title, TAB_SIGN_IN.unknownPerson.title);
      assert.deepEqual(links, []);
    });

    it('another board: Adele (Leicester City) asking for Leicestershire, or for a board nobody has', async () => {
      for (const board of ['leicestershire', 'no-such-board']) {
        const answer = await post(bot, '/tab/session', await entra.sign(claims(ADELE)), { board });
        assert.equal(answer.status, 403, board);
        assert.equal(answer.json.title, 'Not one of your boards');
        assert.match(String(answer.json.text), /Yours: Leicester City Health and Wellbeing Board\./);
        assert.equal(answer.json.url, undefined);
      }
      assert.deepEqual(links, []);
    });
  });
});

describe('Teams tab single sign-on when Entra\'s keys cannot be had', function () {
  this.timeout(60_000);
  const outages: [string, (entra: EntraStandIn) => Promise<void>][] = [
    ['answering 500', async (entra) => void (entra.failWith = 500)],
    ['unreachable', (entra) => entra.stop()],
  ];
  for (const [name, outage] of outages) {
    it(`key service ${name}: 503 with Retry-After and our words; once it is back, the same token works`, async () => {
      const entra = await new EntraStandIn().start();
      const links: [string, string][] = [];
      const bot = await startBot(entra, links);
      try {
        const token = await entra.sign(EntraStandIn.claims({ oid: ADELE, tid: TENANT, audience: AUDIENCE, now: bot.clock.now() }));
        const port = new URL(entra.url).port;
        await outage(entra);
        const down = await post(bot, '/tab/session', token);
        assert.equal(down.status, 503, JSON.stringify(down.json));
        assert.ok(Number(down.headers.get('retry-after')) > 0, `Retry-After: ${down.headers.get('retry-after')}`);
        assert.deepEqual(down.json, { title: TAB_SIGN_IN.unavailable.title, text: TAB_SIGN_IN.unavailable.text });
        assert.deepEqual(links, []);
        if (entra.failWith !== undefined) entra.failWith = undefined;
        else await entra.start(Number(port));
        const back = await post(bot, '/tab/session', token);
        assert.equal(back.status, 200, JSON.stringify(back.json));
      } finally {
        await bot.stop();
        await entra.stop();
      }
    });
  }
});

describe('Teams tab without single sign-on set up (TAB_SSO off)', function () {
  this.timeout(60_000);
  it('POST /tab/session says the tab has no sign-in, and what to use instead', async () => {
    const entra = await new EntraStandIn().start();
    const bot = await startBot(entra, [], { TAB_SSO: 'off' });
    try {
      const answer = await post(bot, '/tab/session', await entra.sign(EntraStandIn.claims({ oid: ADELE, tid: TENANT, audience: AUDIENCE, now: bot.clock.now() })));
      assert.equal(answer.status, 404);
      assert.equal(answer.json.title, TAB_SIGN_IN.notSetUp.title);
      assert.match(String(answer.json.text), /"board" command/);
      assert.deepEqual(entra.requests, [], 'Entra was never asked');
    } finally {
      await bot.stop();
      await entra.stop();
    }
  });
});
