import { TableClient, TableServiceClient } from '@azure/data-tables';

/**
 * Every table and every row of an account, with every property (ETag and Timestamp included),
 * in key order: two dumps are equal exactly when the stored state is.
 */
export async function dumpAccount(connectionString: string): Promise<Record<string, Record<string, unknown>[]>> {
  const options = { allowInsecureConnection: true };
  const service = TableServiceClient.fromConnectionString(connectionString, options);
  const out: Record<string, Record<string, unknown>[]> = {};
  const names: string[] = [];
  for await (const t of service.listTables()) names.push(t.name!);
  for (const name of names.sort()) {
    const client = TableClient.fromConnectionString(connectionString, name, options);
    const rows: Record<string, unknown>[] = [];
    for await (const e of client.listEntities()) rows.push({ ...e });
    rows.sort((a, b) => cmp(`${String(a.partitionKey)}\u0000${String(a.rowKey)}`, `${String(b.partitionKey)}\u0000${String(b.rowKey)}`));
    out[name] = rows;
  }
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
