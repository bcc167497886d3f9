import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import TableServer from 'azurite/dist/src/table/TableServer';
import TableConfiguration from 'azurite/dist/src/table/TableConfiguration';

/** The well-known Azurite development account (public, documented by Microsoft; not a secret). */
export const DEV_ACCOUNT = 'devstoreaccount1';
export const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface EmbeddedAzurite {
  connectionString: string;
  /** Flushes everything to disk and stops listening. Azurite autosaves only every 5 s. */
  close(): Promise<void>;
}

export interface AzuriteOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Folder for the table database; omitted = in memory (tests). */
  dataDir?: string;
}

/**
 * Starts Azurite's Table service in this process. `require('azurite')` pulls in VS Code
 * modules; the table server's own modules load cleanly and start in milliseconds.
 */
export async function startAzurite(options: AzuriteOptions = {}): Promise<EmbeddedAzurite> {
  const host = options.host ?? '127.0.0.1';
  const inMemory = options.dataDir === undefined;
  let dbPath = join(resolve('.'), '__azurite_table__.json');
  if (options.dataDir !== undefined) {
    mkdirSync(options.dataDir, { recursive: true });
    dbPath = join(resolve(options.dataDir), '__azurite_db_table__.json');
  }
  const config = new TableConfiguration(host, options.port ?? 0, undefined, dbPath, false, false, undefined, undefined, false, false, '', '', '', undefined, false, inMemory);
  const server = new TableServer(config);
  shieldQueryParsing(server);
  await server.start();
  const address = server.getHttpServerAddress(); // e.g. http://127.0.0.1:54321
  const connectionString = `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};TableEndpoint=${address}/${DEV_ACCOUNT};`;
  let closed = false;
  return {
    connectionString,
    async close() {
      if (closed) return;
      closed = true;
      await server.close();
    },
  };
}

/**
 * restify adds `query()` to http.IncomingMessage.prototype. Azurite's Express then believes every
 * request's query is parsed already and drops `$filter`: every query returns the whole table.
 * Giving each request to Azurite an own `query` of undefined lets Express parse it as usual.
 * (Found when the bot and the embedded emulator shared a process; test/store covers it.)
 */
function shieldQueryParsing(server: TableServer): void {
  const http = (server as unknown as { httpServer: import('node:http').Server }).httpServer;
  http.prependListener('request', (req) => {
    Object.defineProperty(req, 'query', { value: undefined, writable: true, configurable: true, enumerable: true });
  });
}
