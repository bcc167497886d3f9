import type { Logger } from 'pino';
import { DefaultAzureCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import { ConfigError, type Config } from '../config';
import type { BoardCalendarStore, BoardPeopleVersions, ChangeLog, CheckInStore, ConversationStore, CoverStore, HealthProbe, OutboxLedger, PersonStore, ReachStore, SeedLedger, StrategyStore } from '../domain/ports';
import { AzureTablesBoardPeopleVersions } from './azure-tables/azure-tables-board-people';
import { AzureTablesBoardCalendarStore } from './azure-tables/azure-tables-board-calendar-store';
import { AzureTablesChangeLog } from './azure-tables/azure-tables-change-log';
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
import { RememberedOutbox } from './remembered-outbox';
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
  /** The audit trail of changes to a board's people and settings. */
  changes: ChangeLog;
  /** Each board's people version and where its people last came from (seed or Teams). */
  boardPeople: BoardPeopleVersions;
  /** Each board's calendar as its managers set it. */
  calendars: BoardCalendarStore;
  tables: AzureTables;
  description: string;
  close(): Promise<void>;
}

/** Entra scope of Azure Storage: the token the managed identity asks for. */
export const STORAGE_SCOPE = 'https://storage.azure.com/.default';

/**
 * Who reads storage at STORAGE_ACCOUNT_URL: the user-assigned managed identity named by its
 * client id (MicrosoftAppId with UserAssignedMSI, or AZURE_CLIENT_ID), else whatever
 * DefaultAzureCredential finds (a system-assigned identity in Azure, `az login` on a laptop).
 */
export function storageCredential(config: Pick<Config, 'managedIdentityClientId'>): TokenCredential {
  return config.managedIdentityClientId ? new ManagedIdentityCredential({ clientId: config.managedIdentityClientId }) : new DefaultAzureCredential();
}

export interface StorageOptions {
  /** Replaces storageCredential(config) (tests inject one that fails or records). */
  credential?: TokenCredential;
}

type StorageConfig = Pick<Config, 'storageConnectionString' | 'storageAccountUrl' | 'managedIdentityClientId' | 'dataDir' | 'tablePrefix'>;

/**
 * A token first, so that a missing identity or role is one clear line at start rather than a
 * stack from the first table call (the SDK's own message is several lines; its first says why).
 */
async function checkToken(credential: TokenCredential, config: StorageConfig): Promise<void> {
  try {
    const token = await credential.getToken(STORAGE_SCOPE);
    if (!token) throw new Error('no token returned');
  } catch (e) {
    const why = (e instanceof Error ? e.message : String(e)).split('\n')[0]!.trim();
    const who = config.managedIdentityClientId ? `the managed identity ${config.managedIdentityClientId}` : 'DefaultAzureCredential';
    throw new ConfigError(`STORAGE_ACCOUNT_URL: no storage token for ${who} (${why}). Assign that user-assigned identity to the Web App and set MicrosoftAppId or AZURE_CLIENT_ID to its client id.`);
  }
}

/**
 * With STORAGE_ACCOUNT_URL: that account, with an Entra token (managed identity). With
 * STORAGE_CONNECTION_STRING: that account (Azure, or a shared Azurite). Without either: Azurite's
 * Table service in this process, persisted under DATA_DIR, with a write-ahead journal so that a
 * change is on disk before it is acknowledged (see table-journal.ts). The code path after this
 * is the same.
 */
export async function openStorage(config: StorageConfig, log?: Logger, options: StorageOptions = {}): Promise<Storage> {
  let azurite: EmbeddedAzurite | undefined;
  let unlock = () => {};
  let connectionString = config.storageConnectionString;
  let tables: AzureTables;
  if (config.storageAccountUrl && !connectionString) {
    const credential = options.credential ?? storageCredential(config);
    await checkToken(credential, config);
    tables = new AzureTables({ accountUrl: config.storageAccountUrl, credential, prefix: config.tablePrefix });
  } else {
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
    tables = new AzureTables({ connectionString, prefix: config.tablePrefix });
  }
  const outbox = new AzureTablesOutbox(tables);
  try {
    await tables.ensureTables();
    // Once: the outbox's first layout (one partition a day) moved into today's (see azure-tables-outbox.ts).
    const moved = await outbox.adoptFirstLayout();
    if (moved > 0) log?.info({ moved }, 'outbox rows moved from the first layout (table outbox) to outbox2');
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
    outbox: withStorageErrors(new RememberedOutbox(outbox), 'outbox'),
    cover: withStorageErrors(new AzureTablesCoverStore(tables), 'cover'),
    reach: withStorageErrors(new AzureTablesReachStore(tables), 'reach'),
    changes: withStorageErrors(new AzureTablesChangeLog(tables), 'changes'),
    boardPeople: withStorageErrors(new AzureTablesBoardPeopleVersions(tables), 'boardPeople'),
    calendars: withStorageErrors(new AzureTablesBoardCalendarStore(tables), 'calendars'),
    tables,
    description: azurite ? `embedded Azurite, data in ${config.dataDir}` : connectionString ? 'STORAGE_CONNECTION_STRING' : `${config.storageAccountUrl} (managed identity)`,
    ping: () => tables.ping(),
    async close() {
      await azurite?.close();
      unlock();
    },
  };
}
