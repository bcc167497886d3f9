import { strict as assert } from 'node:assert';
import { DefaultAzureCredential, ManagedIdentityCredential, type AccessToken, type TokenCredential } from '@azure/identity';
import { ConfigurationServiceClientCredentialFactory } from 'botbuilder-core';
import { ManagedIdentityServiceClientCredentialsFactory } from 'botframework-connector';
import pino from 'pino';
import { ConfigError, loadConfig } from '../../src/config';
import { startApp } from '../../src/start-app';
import { openStorage, STORAGE_SCOPE, storageCredential } from '../../src/store/open-storage';
import { AzureTables } from '../../src/store/azure-tables/tables';
import { FIXTURE_SEEDS } from '../support/bot-harness';

const CLIENT_ID = '11111111-2222-3333-4444-555555555555';
const ACCOUNT = 'https://hwbdata.table.core.windows.net';

/** Production as the ARM template sets it: the bot and storage both by the user-assigned identity. */
const MSI_ENV = {
  NODE_ENV: 'production',
  MicrosoftAppId: CLIENT_ID,
  MicrosoftAppType: 'UserAssignedMSI',
  MicrosoftAppTenantId: '99999999-8888-7777-6666-555555555555',
  PUBLIC_URL: 'https://hwb-bot.azurewebsites.net',
  REPORT_LINK_SECRET: 'k'.repeat(64),
  STORAGE_ACCOUNT_URL: ACCOUNT,
  SMTP_URL: 'smtp://relay.example.org:587',
  SEEDS_DIR: FIXTURE_SEEDS,
  PORT: '0',
  LOG_LEVEL: 'silent',
};

/** A credential that hands out a fixed token and remembers the scopes it was asked for. */
class RecordingCredential implements TokenCredential {
  scopes: string[] = [];
  getToken(scopes: string | string[]): Promise<AccessToken> {
    this.scopes.push(...[scopes].flat());
    return Promise.resolve({ token: 'token-from-the-identity', expiresOnTimestamp: Date.now() + 3_600_000 });
  }
}

/** What IMDS says on an App Service with no such identity assigned (ManagedIdentityCredential's words). */
const failing: TokenCredential = {
  getToken: () => Promise.reject(new Error('ManagedIdentityCredential: Authentication failed. Message Attempted to use managed identity, but no identity found.\n  more detail\n    at somewhere')),
};

describe('managed identity: the bot and storage without secrets', () => {
  it('MicrosoftAppType=UserAssignedMSI reaches botbuilder as its managed-identity credentials', () => {
    const factory = new ConfigurationServiceClientCredentialFactory(loadConfig(MSI_ENV).bot);
    // botbuilder picks the factory from MicrosoftAppType; its choice is kept in `inner`.
    assert.ok((factory as unknown as { inner: unknown }).inner instanceof ManagedIdentityServiceClientCredentialsFactory);
  });

  it('refuses, in one line, a managed identity with a password or without its tenant (botbuilder would assert with a stack)', () => {
    assert.throws(() => loadConfig({ ...MSI_ENV, MicrosoftAppPassword: 'secret' }), (e: unknown) => e instanceof ConfigError && /^MicrosoftAppPassword: set, but MicrosoftAppType=UserAssignedMSI has no password/.test(e.message) && !e.message.includes('\n'));
    assert.throws(() => loadConfig({ ...MSI_ENV, MicrosoftAppTenantId: '' }), (e: unknown) => e instanceof ConfigError && /^MicrosoftAppTenantId: not set: MicrosoftAppType=UserAssignedMSI needs/.test(e.message));
  });

  it('STORAGE_ACCOUNT_URL: the managed identity named by MicrosoftAppId (or AZURE_CLIENT_ID), else DefaultAzureCredential', () => {
    const config = loadConfig(MSI_ENV);
    assert.ok(storageCredential(config) instanceof ManagedIdentityCredential);
    assert.equal(loadConfig({ ...MSI_ENV, AZURE_CLIENT_ID: 'another' }).managedIdentityClientId, 'another');
    const withPassword = loadConfig({ ...MSI_ENV, MicrosoftAppType: 'SingleTenant', MicrosoftAppPassword: 'pw' });
    assert.ok(storageCredential(withPassword) instanceof DefaultAzureCredential);
  });

  it('tables at an account URL are reached with a bearer token from the credential, never a shared key', async () => {
    const credential = new RecordingCredential();
    const tables = new AzureTables({ accountUrl: ACCOUNT, credential, prefix: 'hwb' });
    const client = tables.client('people');
    assert.equal(client.url, ACCOUNT);
    // The request as it would leave, answered here instead of by Azure (no network in tests).
    let sent: { url: string; headers: { get(name: string): string | undefined } } | undefined;
    client.pipeline.addPolicy({ name: 'answer-locally', sendRequest: (request) => ((sent = request), Promise.resolve({ request, status: 204, headers: request.headers })) }, { afterPhase: 'Sign' });
    await client.createTable();
    assert.deepEqual(credential.scopes, [STORAGE_SCOPE]);
    assert.equal(sent?.headers.get('authorization'), 'Bearer token-from-the-identity');
    assert.match(sent?.url ?? '', /^https:\/\/hwbdata\.table\.core\.windows\.net\/Tables/);
  });

  it('openStorage builds the store with the token credential when STORAGE_ACCOUNT_URL is set and no connection string', async () => {
    // The first token is the check at start; the next ones are asked for by the table clients,
    // which shows they were built with this credential. Refusing those keeps the test offline.
    const asked: string[] = [];
    let calls = 0;
    const credential: TokenCredential = {
      getToken: (scopes) => {
        asked.push(...[scopes].flat());
        calls += 1;
        return calls === 1 ? Promise.resolve({ token: 't', expiresOnTimestamp: Date.now() + 3_600_000 }) : Promise.reject(new Error('asked by a table client'));
      },
    };
    const config = loadConfig({ ...MSI_ENV, STORAGE_ACCOUNT_URL: ACCOUNT });
    await assert.rejects(openStorage(config, undefined, { credential }), /asked by a table client/);
    assert.ok(calls > 1, 'the table clients asked the credential for tokens');
    assert.deepEqual([...new Set(asked)], [STORAGE_SCOPE]);
    // With a connection string as well, the configuration is refused rather than one silently chosen.
    assert.throws(() => loadConfig({ ...MSI_ENV, STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' }), /STORAGE_ACCOUNT_URL: and STORAGE_CONNECTION_STRING are both set/);
  });

  it('a token failure at start is one clear line naming the setting and the identity', async () => {
    const start = startApp(loadConfig(MSI_ENV), { log: pino({ level: 'silent' }), storageCredential: failing });
    await assert.rejects(start, (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      assert.equal(
        e.message,
        `STORAGE_ACCOUNT_URL: no storage token for the managed identity ${CLIENT_ID} (ManagedIdentityCredential: Authentication failed. Message Attempted to use managed identity, but no identity found.). Assign that user-assigned identity to the Web App and set MicrosoftAppId or AZURE_CLIENT_ID to its client id.`,
      );
      return true;
    });
  });
});
