import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'dotenv';
import { ConfigError, loadConfig, refuseUnreachedEmail } from '../../src/config';

/** What production needs besides the bot identity. */
const PRODUCTION = { PUBLIC_URL: 'https://hwb-bot.azurewebsites.net', REPORT_LINK_SECRET: 'x'.repeat(32), STORAGE_ACCOUNT_URL: 'https://hwbdata.table.core.windows.net' };

describe('configuration', () => {
  it('defaults to local mode on 127.0.0.1:3978 with embedded storage', () => {
    const c = loadConfig({});
    assert.equal(c.localMode, true);
    assert.equal(c.host, '127.0.0.1');
    assert.equal(c.port, 3978);
    assert.equal(c.storageConnectionString, undefined);
    assert.equal(c.timeZone, 'Europe/London');
    assert.match(c.warnings.join('\n'), /LOCAL MODE/);
  });

  it('.env.example copied as it is gives a working local configuration', () => {
    const env = parse(readFileSync(join(__dirname, '..', '..', '.env.example')));
    const c = loadConfig(env);
    assert.equal(c.localMode, true);
    assert.equal(c.cycle.reminderTime, '09:30');
    assert.equal(c.reports.publicUrl, undefined);
  });

  it('local mode never listens beyond loopback, and says so', () => {
    const c = loadConfig({ HOST: '0.0.0.0' });
    assert.equal(c.host, '127.0.0.1');
    assert.match(c.warnings.join('\n'), /HOST=0\.0\.0\.0 ignored in local mode/);
  });

  it('production without an app id refuses to start', () => {
    assert.throws(() => loadConfig({ NODE_ENV: 'production' }), (e: unknown) => e instanceof ConfigError && /MicrosoftAppId: not set: NODE_ENV=production needs MicrosoftAppId/.test(e.message));
  });

  it('accepts the SDK\'s app types and checks what each needs', () => {
    const base = { MicrosoftAppId: '11111111-2222-3333-4444-555555555555', HOST: '0.0.0.0', NODE_ENV: 'production', ...PRODUCTION };
    assert.equal(loadConfig({ ...base, MicrosoftAppPassword: 's' }).host, '0.0.0.0');
    assert.equal(loadConfig({ ...base, MicrosoftAppType: 'SingleTenant', MicrosoftAppPassword: 's', MicrosoftAppTenantId: 't' }).localMode, false);
    assert.equal(loadConfig({ ...base, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: 't' }).bot.MicrosoftAppType, 'UserAssignedMSI');
    assert.throws(() => loadConfig({ ...base, MicrosoftAppType: 'SingleTenant', MicrosoftAppPassword: 's' }), /SingleTenant needs MicrosoftAppTenantId/);
    assert.throws(() => loadConfig({ ...base }), /MultiTenant needs MicrosoftAppPassword/);
    assert.throws(() => loadConfig({ ...base, MicrosoftAppType: 'Anything' }), /MicrosoftAppType/);
  });

  it('validates the time zone and numbers, naming the variable', () => {
    assert.throws(() => loadConfig({ BOARD_TIME_ZONE: 'Europe/Leicester' }), /BOARD_TIME_ZONE "Europe\/Leicester" is not a time zone/);
    assert.throws(() => loadConfig({ PORT: 'eighty' }), /PORT/);
    assert.throws(() => loadConfig({ TABLE_PREFIX: 'hwb-prod' }), /TABLE_PREFIX/);
  });

  it('email: SMTP_URL must be an smtp(s) URL; without it mail goes to files, which production is warned about', () => {
    assert.deepEqual(loadConfig({}).email, { from: 'HWB Progress Bot <hwb-bot@example.org>' });
    const c = loadConfig({ SMTP_URL: 'smtp://bot%40council.gov.uk:secret@smtp.office365.com:587', MAIL_FROM: 'Leicester HWB <hwb@council.gov.uk>' });
    assert.deepEqual(c.email, { smtpUrl: 'smtp://bot%40council.gov.uk:secret@smtp.office365.com:587', from: 'Leicester HWB <hwb@council.gov.uk>' });
    assert.throws(() => loadConfig({ SMTP_URL: 'relay.council.gov.uk:25' }), /SMTP_URL: expected smtp:\/\//);
    assert.throws(() => loadConfig({ MAIL_FROM: 'HWB bot' }), /MAIL_FROM/);
    const prod = loadConfig({ NODE_ENV: 'production', MicrosoftAppId: 'app', MicrosoftAppPassword: 'pw', ...PRODUCTION });
    assert.match(prod.warnings.join('\n'), /SMTP_URL is not set: emails to leads outside Teams are written to DATA_DIR\/mail/);
  });

  it('production lists every unsafe setting, one line each, naming the setting and what to set', () => {
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production' }),
      (e: unknown) => {
        const lines = (e as Error).message.split('\n');
        assert.equal(lines[0], '4 settings need changing (see .env.example):');
        assert.deepEqual(lines.slice(1).map((l) => l.trim().split(':')[0]), ['MicrosoftAppId', 'PUBLIC_URL', 'REPORT_LINK_SECRET', 'STORAGE_ACCOUNT_URL']);
        return true;
      },
    );
    assert.throws(() => loadConfig({ STORAGE_ACCOUNT_URL: 'https://hwbdata.table.core.windows.net', STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' }), /STORAGE_ACCOUNT_URL: and STORAGE_CONNECTION_STRING are both set: keep one/);
    assert.throws(() => loadConfig({ STORAGE_ACCOUNT_URL: 'http://hwbdata.table.core.windows.net' }), /STORAGE_ACCOUNT_URL: expected https:\/\/<account>\.table\.core\.windows\.net/);
    const unresolved = '@Microsoft.KeyVault(SecretUri=https://hwb-kv.vault.azure.net/secrets/report-link-secret/)';
    assert.throws(() => loadConfig({ REPORT_LINK_SECRET: unresolved }), /REPORT_LINK_SECRET: is a Key Vault reference App Service did not resolve: give the Web App's managed identity the Key Vault Secrets User role/);
  });

  it('managed identity: storage by account URL, read as the bot\'s own identity unless AZURE_CLIENT_ID names another', () => {
    const msi = { NODE_ENV: 'production', MicrosoftAppId: '11111111-2222-3333-4444-555555555555', MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: 't', ...PRODUCTION, SMTP_URL: 'smtp://relay:25' };
    const c = loadConfig(msi);
    assert.equal(c.storageAccountUrl, 'https://hwbdata.table.core.windows.net');
    assert.equal(c.managedIdentityClientId, '11111111-2222-3333-4444-555555555555');
    assert.equal(loadConfig({ ...msi, AZURE_CLIENT_ID: 'other' }).managedIdentityClientId, 'other');
    assert.equal(loadConfig({ ...msi, MicrosoftAppType: 'SingleTenant', MicrosoftAppPassword: 'pw' }).managedIdentityClientId, undefined);
  });

  it('TAB_SSO=on: the audience is api://<PUBLIC_URL host>/<app id> (or the app id), the tenants the board\'s; refused without what it needs', () => {
    assert.equal(loadConfig({}).tabSso, undefined);
    const appId = '7F3C2A10-5B6D-4E8F-9A0B-1C2D3E4F5A6B';
    const tenant = '9188040d-6c67-4c5b-b112-36a304b66dad';
    const bot = { MicrosoftAppId: appId, MicrosoftAppPassword: 'pw', MicrosoftAppTenantId: tenant, PUBLIC_URL: 'https://hwb-bot.azurewebsites.net', TAB_SSO: 'on' };
    assert.deepEqual(loadConfig(bot).tabSso, {
      appId: appId.toLowerCase(),
      domain: 'hwb-bot.azurewebsites.net',
      audiences: [`api://hwb-bot.azurewebsites.net/${appId.toLowerCase()}`, appId.toLowerCase()],
      metadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
      allowedTenants: [tenant],
    });
    assert.equal(loadConfig({ ...bot, ENTRA_OPENID_METADATA_URL: 'http://127.0.0.1:9/common/v2.0/.well-known/openid-configuration' }).tabSso?.metadataUrl, 'http://127.0.0.1:9/common/v2.0/.well-known/openid-configuration');
    assert.throws(() => loadConfig({ TAB_SSO: 'on' }), (e: unknown) => e instanceof ConfigError && /^TAB_SSO=on needs MicrosoftAppId: local mode has no Teams sign-in/.test(e.message));
    assert.throws(() => loadConfig({ ...bot, PUBLIC_URL: undefined }), /PUBLIC_URL: TAB_SSO=on needs the bot's https:\/\/ address/);
    assert.throws(() => loadConfig({ ...bot, PUBLIC_URL: 'http://hwb-bot.azurewebsites.net' }), /PUBLIC_URL: TAB_SSO=on needs/);
    assert.throws(() => loadConfig({ ...bot, MicrosoftAppTenantId: undefined }), /MicrosoftAppTenantId: not set, and no ALLOWED_TENANTS: TAB_SSO=on accepts sign-ins only from the board's tenants/);
    assert.deepEqual(loadConfig({ ...bot, MicrosoftAppTenantId: undefined, ALLOWED_TENANTS: tenant }).tabSso?.allowedTenants, [tenant]);
    // A managed identity cannot expose an API: the tab's app registration is named apart.
    const msi = { ...bot, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppPassword: undefined };
    assert.throws(() => loadConfig(msi), /TAB_SSO_APP_ID: not set, and MicrosoftAppType=UserAssignedMSI: a managed identity cannot expose an API/);
    const sso = 'a1b2c3d4-0000-4000-8000-000000000001';
    assert.deepEqual(loadConfig({ ...msi, TAB_SSO_APP_ID: sso }).tabSso?.audiences, [`api://hwb-bot.azurewebsites.net/${sso}`, sso]);
    assert.throws(() => loadConfig({ ...bot, TAB_SSO_APP_ID: 'tab-app' }), /TAB_SSO_APP_ID: expected the app registration's application \(client\) id, a GUID/);
  });

  it('GRAPH_ENABLED=true needs TEAMS_APP_ID (and a tenant outside local mode); off by default', () => {
    assert.equal(loadConfig({}).graph, undefined);
    assert.throws(() => loadConfig({ GRAPH_ENABLED: 'true' }), (e: unknown) => e instanceof ConfigError && /^TEAMS_APP_ID: not set: GRAPH_ENABLED=true needs the Teams app id/.test(e.message));
    assert.throws(() => loadConfig({ GRAPH_ENABLED: 'true', TEAMS_APP_ID: 'not-a-guid' }), /TEAMS_APP_ID: expected the Teams app id \(a GUID\)/);
    const id = 'ff29706a-017a-429e-9175-1c13509b6703';
    assert.deepEqual(loadConfig({ GRAPH_ENABLED: 'true', TEAMS_APP_ID: id }).graph, { baseUrl: 'https://graph.microsoft.com/v1.0', teamsAppId: id });
    assert.equal(loadConfig({ GRAPH_ENABLED: 'true', TEAMS_APP_ID: id, GRAPH_BASE_URL: 'http://127.0.0.1:9/v1.0/' }).graph?.baseUrl, 'http://127.0.0.1:9/v1.0');
    const bot = { MicrosoftAppId: '11111111-2222-3333-4444-555555555555', MicrosoftAppPassword: 'pw', GRAPH_ENABLED: 'true', TEAMS_APP_ID: id };
    assert.throws(() => loadConfig(bot), /MicrosoftAppTenantId: not set: GRAPH_ENABLED=true signs in to Graph in the board's tenant\.$/);
    assert.equal(loadConfig({ ...bot, MicrosoftAppTenantId: 't' }).graph?.teamsAppId, id);
  });

  it('EMAIL=off is said at start; production with email-only people and no SMTP_URL is refused unless EMAIL=off', () => {
    const prod = { NODE_ENV: 'production', MicrosoftAppId: 'app', MicrosoftAppPassword: 'pw', ...PRODUCTION };
    const people = [{ id: 'kay-darby', email: 'kay@example.org' }, { id: 'alex', email: 'alex@example.com', aadObjectId: 'oid' }];
    assert.throws(() => refuseUnreachedEmail(loadConfig(prod), people), /SMTP_URL: not set, and 1 person has only an email address \(kay-darby\)/);
    assert.doesNotThrow(() => refuseUnreachedEmail(loadConfig({ ...prod, SMTP_URL: 'smtp://relay:25' }), people));
    const off = loadConfig({ ...prod, EMAIL: 'off' });
    assert.doesNotThrow(() => refuseUnreachedEmail(off, people));
    assert.match(off.warnings.join('\n'), /EMAIL=off: people with only an email address are not reached/);
    assert.doesNotThrow(() => refuseUnreachedEmail(loadConfig({}), people), 'locally, email goes to .eml files');
  });
});
