import { TableClient, TableServiceClient, RestError, type TableEntityResult, type TableServiceClientOptions } from '@azure/data-tables';
import type { TokenCredential } from '@azure/identity';

/**
 * Connection to an Azure Table Storage account (real, or Azurite through the same code path).
 * Table names get a prefix so tests and several boards can share one account.
 */
export const TABLES = ['strategies', 'priorities', 'people', 'checkins', 'conversations', 'meta', 'outbox2', 'cover', 'reach', 'changes'] as const;
export type TableName = (typeof TABLES)[number];

/**
 * An account by connection string (Azurite, or a key), or by its Table endpoint with an Entra
 * token (a managed identity: no key to leak or rotate; the account can refuse shared keys).
 */
export type TablesConfig = ({ connectionString: string } | { accountUrl: string; credential: TokenCredential }) & {
  /** Letters and digits only; prepended to every table name. */
  prefix: string;
};

export class AzureTables {
  private readonly clients = new Map<TableName, TableClient>();
  private readonly service: TableServiceClient;

  constructor(private readonly config: TablesConfig) {
    if (!/^[A-Za-z][A-Za-z0-9]{0,20}$|^$/.test(config.prefix)) throw new Error(`table prefix must be letters and digits: ${config.prefix}`);
    const options: TableServiceClientOptions = {
      allowInsecureConnection: 'connectionString' in config && isInsecure(config.connectionString),
      additionalPolicies: [{ policy: escapeLineSeparatorsPolicy, position: 'perCall' }],
    };
    if ('connectionString' in config) {
      this.service = TableServiceClient.fromConnectionString(config.connectionString, options);
      for (const name of TABLES) this.clients.set(name, TableClient.fromConnectionString(config.connectionString, this.tableName(name), options));
    } else {
      this.service = new TableServiceClient(config.accountUrl, config.credential, options);
      for (const name of TABLES) this.clients.set(name, new TableClient(config.accountUrl, this.tableName(name), config.credential, options));
    }
  }

  tableName(name: string): string {
    return `${this.config.prefix}${name}`;
  }

  client(name: TableName): TableClient {
    return this.clients.get(name)!;
  }

  /** A table that is no longer one of TABLES (not created at start), for moving its rows: `outbox`. */
  clientByName(name: string): TableClient {
    const { config } = this;
    const options = { allowInsecureConnection: 'connectionString' in config && isInsecure(config.connectionString) };
    return 'connectionString' in config ? TableClient.fromConnectionString(config.connectionString, this.tableName(name), options) : new TableClient(config.accountUrl, this.tableName(name), config.credential, options);
  }

  /** Creates the tables if missing; safe to call at every start. */
  async ensureTables(): Promise<void> {
    await Promise.all(TABLES.map((name) => this.client(name).createTable()));
  }

  /** A cheap round trip, for /healthz. */
  async ping(): Promise<void> {
    const iter = this.service.listTables().byPage({ maxPageSize: 1 });
    await iter.next();
  }

  async dropTables(): Promise<void> {
    await Promise.all(TABLES.map((name) => this.client(name).deleteTable()));
  }
}

type PipelinePolicy = NonNullable<TableServiceClientOptions['additionalPolicies']>[number]['policy'];

/**
 * Azurite reads each operation of a transaction out of the multipart body with a regular
 * expression whose `.` stops at JavaScript's line terminators, U+2028 and U+2029 among them;
 * JSON.stringify leaves those two raw, so an answer holding either failed with 500 on every
 * retry and could never be saved. Written as the JSON escapes `\u2028` / `\u2029` they are the
 * same string to any JSON reader (Azure's too) and no parser sees a line break inside a value.
 * Only request bodies are touched: they are JSON (or multipart around JSON, whose headers and
 * percent-encoded URLs never hold these characters).
 */
function escapeLineSeparators(body: string): string {
  return body.replace(/[\u2028\u2029]/g, (c) => (c === '\u2028' ? '\\u2028' : '\\u2029'));
}

const escapeLineSeparatorsPolicy: PipelinePolicy = {
  name: 'escapeLineSeparators',
  sendRequest(request, next) {
    if (typeof request.body === 'string') request.body = escapeLineSeparators(request.body);
    return next(request);
  },
};

function isInsecure(connectionString: string): boolean {
  return /UseDevelopmentStorage=true/i.test(connectionString) || /DefaultEndpointsProtocol=http;/i.test(connectionString) || /TableEndpoint=http:/i.test(connectionString);
}

/**
 * Keys may not contain `/ \ # ?` or control characters: every key part is percent-encoded,
 * which leaves ordinary keys readable and makes any input safe.
 */
export function keyPart(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function fromKeyPart(value: string): string {
  return decodeURIComponent(value);
}

/** Storage errors are translated narrowly: only the status codes we mean; everything else is rethrown. */
export function statusOf(e: unknown): number | undefined {
  return e instanceof RestError ? e.statusCode : undefined;
}

export async function getOrUndefined<T extends object>(client: TableClient, pk: string, rk: string): Promise<TableEntityResult<T> | undefined> {
  try {
    return await client.getEntity<T>(pk, rk);
  } catch (e) {
    if (statusOf(e) === 404) return undefined;
    throw e;
  }
}

/** Table strings are limited to 64 KiB (32K UTF-16 units); larger JSON is split over several properties. */
const CHUNK = 30_000;

export function jsonColumns(value: unknown, name = 'body'): Record<string, string> {
  const json = JSON.stringify(value);
  const out: Record<string, string> = {};
  const count = Math.max(1, Math.ceil(json.length / CHUNK));
  for (let i = 0; i < count; i++) out[`${name}${i}`] = json.slice(i * CHUNK, (i + 1) * CHUNK);
  return out;
}

export function readJsonColumns<T>(entity: Record<string, unknown>, name = 'body'): T {
  let json = '';
  for (let i = 0; typeof entity[`${name}${i}`] === 'string'; i++) json += entity[`${name}${i}`] as string;
  return JSON.parse(json) as T;
}

export async function listAll<T extends object>(client: TableClient, filter?: string): Promise<TableEntityResult<T>[]> {
  const out: TableEntityResult<T>[] = [];
  for await (const e of client.listEntities<T>(filter ? { queryOptions: { filter } } : {})) out.push(e);
  return out;
}

