import { startAzurite, type EmbeddedAzurite } from '../../src/store/azurite-embedded';

/**
 * One real Azurite (in memory, free port) for the whole run: a mocha global fixture, so it runs
 * once in the main process, also when the suite runs its files in parallel workers (they are
 * started after it and inherit the connection string). Suites isolate themselves with a table
 * prefix of their own (`uniquePrefix()`), so they never see each other's rows.
 */
let azurite: EmbeddedAzurite | undefined;

export async function mochaGlobalSetup(): Promise<void> {
  azurite = await startAzurite({});
  process.env.TEST_STORAGE_CONNECTION_STRING = azurite.connectionString;
}

export async function mochaGlobalTeardown(): Promise<void> {
  await azurite?.close();
}
