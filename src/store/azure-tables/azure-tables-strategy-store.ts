import { odata } from '@azure/data-tables';
import type { StrategyStore } from '../../domain/ports';
import type { Board } from '../../domain/board';
import type { Priority, Strategy } from '../../domain/strategy';
import { AzureTables, getOrUndefined, jsonColumns, keyPart, listAll, readJsonColumns } from './tables';

/**
 * strategies: PK "strategy", RK strategy key, body = JSON; PK "board", RK board key, body = JSON.
 * priorities: PK strategy key, RK priority key, body = JSON (with KPIs, leads, deputies),
 * plus number/title columns for people reading the table in Storage Explorer.
 */
export class AzureTablesStrategyStore implements StrategyStore {
  constructor(private readonly tables: AzureTables) {}

  async putStrategy(strategy: Strategy): Promise<void> {
    await this.tables.client('strategies').upsertEntity({ partitionKey: 'strategy', rowKey: keyPart(strategy.key), title: strategy.title, ...jsonColumns(strategy) }, 'Replace');
  }

  async getStrategy(key: string): Promise<Strategy | undefined> {
    const e = await getOrUndefined<Record<string, unknown>>(this.tables.client('strategies'), 'strategy', keyPart(key));
    return e ? readJsonColumns<Strategy>(e) : undefined;
  }

  async listStrategies(): Promise<Strategy[]> {
    const rows = await listAll<Record<string, unknown>>(this.tables.client('strategies'), odata`PartitionKey eq ${'strategy'}`);
    return rows.map((e) => readJsonColumns<Strategy>(e)).sort((a, b) => a.key.localeCompare(b.key));
  }

  async putBoard(board: Board): Promise<void> {
    await this.tables.client('strategies').upsertEntity({ partitionKey: 'board', rowKey: keyPart(board.key), name: board.name, ...jsonColumns(board) }, 'Replace');
  }

  async listBoards(): Promise<Board[]> {
    const rows = await listAll<Record<string, unknown>>(this.tables.client('strategies'), odata`PartitionKey eq ${'board'}`);
    return rows.map((e) => readJsonColumns<Board>(e)).sort((a, b) => a.key.localeCompare(b.key));
  }

  async putPriority(priority: Priority): Promise<void> {
    await this.tables.client('priorities').upsertEntity(
      { partitionKey: keyPart(priority.strategyKey), rowKey: keyPart(priority.key), number: priority.number, title: priority.title.slice(0, 1000), ...jsonColumns(priority) },
      'Replace',
    );
  }

  async getPriority(strategyKey: string, key: string): Promise<Priority | undefined> {
    const e = await getOrUndefined<Record<string, unknown>>(this.tables.client('priorities'), keyPart(strategyKey), keyPart(key));
    return e ? readJsonColumns<Priority>(e) : undefined;
  }

  async listPriorities(strategyKey?: string): Promise<Priority[]> {
    const filter = strategyKey === undefined ? undefined : odata`PartitionKey eq ${keyPart(strategyKey)}`;
    const rows = await listAll<Record<string, unknown>>(this.tables.client('priorities'), filter);
    return rows.map((e) => readJsonColumns<Priority>(e));
  }
}
