import type { Logger } from 'pino';
import type { Config } from '../config';
import type { CheckInStore, ConversationStore, CoverStore, HealthProbe, OutboxLedger, PersonStore, ReachStore, SeedLedger, StrategyStore } from '../domain/ports';
import { AzureTablesCoverStore } from './azure-tables/azure-tables-cover-store';
import { AzureTablesOutbox } from './azure-tables/azure-tables-outbox';
import { AzureTablesCheckInStore } from './azure-tables/azure-tables-check-in-store';
import { AzureTablesConversationStore, AzureTablesSeedLedger } from './azure-tables/azure-tables-conversation-store';
import { AzureTablesReachStore } from './azure-tables/azure-tables-reach-store';
import { AzureTablesPersonStore } from './azure-tables/azure-tables-person-store';
import { AzureTablesStrategyStore } from './azure-tables/azure-tables-strategy-store';
import { AzureTables } from './azure-tables/tables';
import { startAzurite, type EmbeddedAzurite } from './azurite-embedded';
import { lockDataDir } from './data-dir-lock';
import { withStorageErrors } from './storage-errors';

export interface Storage extends HealthProbe {
  strategies: StrategyStore;
  people: PersonStore;
  checkIns: CheckInStore;
  conversations: ConversationStore;
  ledger: SeedLedger;
  outbox: OutboxLedger;
  cover: CoverStore;
  reach: ReachStore;
  tables: AzureTables;
  description: string;
  close(): Promise<void>;
}

/**
 * With STORAGE_CONNECTION_STRING: that account (Azure, or a shared Azurite). Without: Azurite's
 * Table service in this process, persisted under DATA_DIR, with a write-ahead journal so that a
 * change is on disk before it is acknowledged (see table-journal.ts). The code path after this
 * is the same.
 */
export async function openStorage(config: Pick<Config, 'storageConnectionString' | 'dataDir' | 'tablePrefix'>, log?: Logger): Promise<Storage> {
  let azurite: EmbeddedAzurite | undefined;
  let unlock = () => {};
  let connectionString = config.storageConnectionString;
  if (!connectionString) {
    unlock = await lockDataDir(config.dataDir);
    azurite = await startAzurite({ dataDir: config.dataDir }).catch((e: unknown) => {
      unlock();
      throw e;
    });
    connectionString = azurite.connectionString;
    log?.info({ dataDir: config.dataDir }, 'embedded Azurite table service started');
    const replayed = azurite.journal?.replayedRecords ?? 0;
    if (replayed > 0) log?.warn({ replayed, tornTail: azurite.journal?.tornTail }, 'the last run did not stop cleanly: its acknowledged changes were replayed from the table journal');
  }
  const tables = new AzureTables({ connectionString, prefix: config.tablePrefix });
  try {
    await tables.ensureTables();
  } catch (e) {
    await azurite?.close();
    unlock();
    throw e;
  }
  return {
    // An outage becomes STORAGE_UNAVAILABLE here, once, for every port.
    strategies: withStorageErrors(new AzureTablesStrategyStore(tables), 'strategies'),
    people: withStorageErrors(new AzureTablesPersonStore(tables), 'people'),
    checkIns: withStorageErrors(new AzureTablesCheckInStore(tables), 'checkIns'),
    conversations: withStorageErrors(new AzureTablesConversationStore(tables), 'conversations'),
    ledger: withStorageErrors(new AzureTablesSeedLedger(tables), 'ledger'),
    outbox: withStorageErrors(new AzureTablesOutbox(tables), 'outbox'),
    cover: withStorageErrors(new AzureTablesCoverStore(tables), 'cover'),
    reach: withStorageErrors(new AzureTablesReachStore(tables), 'reach'),
    tables,
    description: azurite ? `embedded Azurite, data in ${config.dataDir}` : 'STORAGE_CONNECTION_STRING',
    ping: () => tables.ping(),
    async close() {
      await azurite?.close();
      unlock();
    },
  };
}
