/**
 * Run as a child process by test/store/table-journal.test.ts: starts the embedded Azurite on a
 * data folder, makes every kind of change the bot's stores make (check-in transactions, stale
 * transactions that roll back, outbox claims and completions, upserts, deletes, a table dropped
 * and created again), several at a time; then writes what the account holds to a file and
 * kills itself with SIGKILL: no clean close, no last save.
 *
 * argv[2]: JSON { dataDir, dumpFile, rounds, snapshotAfterBytes?, journal? }
 */
import { writeFileSync } from 'node:fs';
import { AzureTables } from '../../src/store/azure-tables/tables';
import { AzureTablesCheckInStore } from '../../src/store/azure-tables/azure-tables-check-in-store';
import { AzureTablesConversationStore } from '../../src/store/azure-tables/azure-tables-conversation-store';
import { AzureTablesOutbox } from '../../src/store/azure-tables/azure-tables-outbox';
import { startAzurite } from '../../src/store/azurite-embedded';
import { dumpAccount } from './table-dump';

interface Args {
  dataDir: string;
  dumpFile: string;
  rounds: number;
  snapshotAfterBytes?: number;
  journal?: boolean;
}

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2]!) as Args;
  const azurite = await startAzurite({ dataDir: args.dataDir, ...(args.snapshotAfterBytes !== undefined ? { snapshotAfterBytes: args.snapshotAfterBytes } : {}), ...(args.journal !== undefined ? { journal: args.journal } : {}) });
  const tables = new AzureTables({ connectionString: azurite.connectionString, prefix: 'dur' });
  await tables.ensureTables();
  const checkIns = new AzureTablesCheckInStore(tables);
  const outbox = new AzureTablesOutbox(tables);
  const conversations = new AzureTablesConversationStore(tables);
  const at = new Date('2026-10-01T08:31:00Z');
  for (let round = 0; round < args.rounds; round++) {
    await Promise.all(
      Array.from({ length: 8 }, async (_, p) => {
        const base = { strategyKey: 's', priorityKey: `p${p}`, period: '2026-Q3', rag: 'amber' as const, update: `round ${round} ${'x'.repeat(200)}`, plusGroups: {}, kpiReadings: { k: round }, submittedBy: 'lead', submittedByName: 'Lead', submittedAt: at.toISOString() };
        const saved = await checkIns.save({ ...base, submissionId: `r${round}-p${p}` }, round);
        if (saved.kind !== 'saved') throw new Error(`round ${round} p${p}: ${saved.kind}`);
        // A second editor on the same base version: its transaction fails and rolls back.
        const stale = await checkIns.save({ ...base, submissionId: `stale-r${round}-p${p}` }, round);
        if (stale.kind !== 'stale') throw new Error(`round ${round} p${p}: the stale save was ${stale.kind}`);
        const ref = { key: `reminder|p${p}|r${round}|lead-${p}`, localDate: '2026-10-01', kind: 'reminder' as const };
        const claim = await outbox.claim(ref, 'me', at, 120_000);
        if (typeof claim === 'string') throw new Error(`round ${round} p${p}: the claim was ${claim}`);
        if (p % 3 === 0) await outbox.release(claim, 'try later');
        else await outbox.complete(claim, { status: 'sent', recipientId: `lead-${p}` }, at);
        await conversations.put({ key: `user:lead-${p}`, personId: `lead-${p}`, reference: { round }, updatedAt: at.toISOString() });
        await tables.client('cover').upsertEntity({ partitionKey: 'cover', rowKey: `c${p}`, round }, 'Replace');
        if (round % 2 === 1) await tables.client('cover').deleteEntity('cover', `c${(p + 1) % 8}`).catch(() => undefined);
      }),
    );
    if (round === 1) {
      await tables.client('meta').deleteTable();
      await tables.client('meta').createTable();
      await tables.client('meta').createEntity({ partitionKey: 'seed', rowKey: 'seeds', hash: 'after-recreate' });
    }
  }
  writeFileSync(args.dumpFile, JSON.stringify(await dumpAccount(azurite.connectionString)));
  process.kill(process.pid, 'SIGKILL');
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(2);
});
