import { startAzurite, type EmbeddedAzurite } from '../../src/store/azurite-embedded';

/**
 * One real Azurite (in memory, free port) for the whole run. Suites isolate themselves with a
 * table prefix of their own (`uniquePrefix()`), so they never see each other's rows.
 */
let azurite: EmbeddedAzurite | undefined;

export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(30_000);
    azurite = await startAzurite({});
    process.env.TEST_STORAGE_CONNECTION_STRING = azurite.connectionString;
  },
  async afterAll() {
    await azurite?.close();
  },
};
