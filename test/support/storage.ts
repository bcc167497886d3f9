import { randomBytes } from 'node:crypto';
import { openStorage, type Storage } from '../../src/store/open-storage';

export function testConnectionString(): string {
  const cs = process.env.TEST_STORAGE_CONNECTION_STRING;
  if (!cs) throw new Error('the global Azurite hook did not run (see .mocharc.json)');
  return cs;
}

export function uniquePrefix(): string {
  return `t${randomBytes(5).toString('hex')}`;
}

/** Fresh tables in the shared Azurite. */
export async function freshStorage(): Promise<Storage> {
  return openStorage({ storageConnectionString: testConnectionString(), dataDir: '', tablePrefix: uniquePrefix() });
}

/** Environment for a bot process on `storage`'s tables, as instances share one storage account. */
export function sharedStorageEnv(storage: Storage, env: Record<string, string>): Record<string, string> {
  return { STORAGE_CONNECTION_STRING: testConnectionString(), TABLE_PREFIX: storage.tables.tableName('meta').replace(/meta$/, ''), LOG_LEVEL: 'warn', ...env };
}
