import { odata, type TransactionAction } from '@azure/data-tables';
import type { CheckIn } from '../../domain/check-in';
import { DomainError } from '../../domain/errors';
import { isRag } from '../../domain/rag';
import type { CheckInStore, SaveOutcome } from '../../domain/ports';
import { emptyState, stateFromAnswers, withAnswer, type PriorityState } from '../../domain/priority-state';
import { AzureTables, fromKeyPart, getOrUndefined, jsonColumns, keyPart, listAll, readJsonColumns, statusOf } from './tables';

/**
 * checkins, one partition per priority: PK = `<strategy>|<priority>` (each part key-encoded).
 * Row kinds, all in that partition so one transaction can write them together:
 * - `<period>`             current answer (rowKind "current")
 * - `<period>|v000003`     every version ever saved, append-only (rowKind "version")
 * - `<period>|s|<id>`      one row per card submission (rowKind "submission")
 * - `~state`               the priority's latest state (rowKind "state"; '~' sorts after every period)
 *
 * A save creates the next version row and the submission row and replaces the current row in one
 * transaction. Creating a row that exists fails with 409, and fails the whole transaction, so:
 * two editors of the same base version cannot both win (no lost update), and a retried
 * submission cannot write a second version (idempotent), without trusting the client.
 * The state row is replaced in the same transaction. Saves of one priority are for one period at
 * a time (the server decides the period), and within a period the version row serialises them,
 * so two saves never both replace the state from the same read.
 */
type Row = Record<string, unknown>;

const VERSION_WIDTH = 6;
const STATE_RK = '~state';

export class AzureTablesCheckInStore implements CheckInStore {
  constructor(private readonly tables: AzureTables) {}

  private get client() {
    return this.tables.client('checkins');
  }

  async get(strategyKey: string, priorityKey: string, period: string): Promise<CheckIn | undefined> {
    const e = await getOrUndefined<Row>(this.client, partition(strategyKey, priorityKey), keyPart(period));
    return e ? fromRow(e) : undefined;
  }

  async save(checkIn: Omit<CheckIn, 'version'>, baseVersion: number): Promise<SaveOutcome> {
    const pk = partition(checkIn.strategyKey, checkIn.priorityKey);
    const period = keyPart(checkIn.period);
    const submissionRk = `${period}|s|${keyPart(checkIn.submissionId)}`;

    const before = await this.outcomeIfSettled(pk, period, submissionRk, baseVersion);
    if (before) return before;

    const saved: CheckIn = { ...checkIn, version: baseVersion + 1 };
    const stateRow = await getOrUndefined<Row>(this.client, pk, STATE_RK);
    const state = withAnswer(stateRow ? readJsonColumns<PriorityState>(stateRow, 'state') : emptyState(saved.strategyKey, saved.priorityKey), saved);
    const actions: TransactionAction[] = [
      ['upsert', { partitionKey: pk, rowKey: STATE_RK, rowKind: 'state', ...jsonColumns(state, 'state') }, 'Replace'],
      ['create', { partitionKey: pk, rowKey: versionRk(period, saved.version), ...toRow(saved), rowKind: 'version' }],
      ['create', { partitionKey: pk, rowKey: submissionRk, rowKind: 'submission', version: saved.version }],
      baseVersion === 0
        ? ['create', { partitionKey: pk, rowKey: period, ...toRow(saved), rowKind: 'current' }]
        : ['upsert', { partitionKey: pk, rowKey: period, ...toRow(saved), rowKind: 'current' }, 'Replace'],
    ];
    try {
      await this.client.submitTransaction(actions);
      return { kind: 'saved', checkIn: saved };
    } catch (e) {
      // 409: another writer (or this same submission, whose reply was lost) got there first.
      if (statusOf(e) !== 409) throw e;
      const after = await this.outcomeIfSettled(pk, period, submissionRk, baseVersion);
      if (after) return after;
      throw e;
    }
  }

  /** Says what a save would be without writing: a duplicate, or stale; undefined when it may go ahead. */
  private async outcomeIfSettled(pk: string, period: string, submissionRk: string, baseVersion: number): Promise<SaveOutcome | undefined> {
    const submission = await getOrUndefined<Row>(this.client, pk, submissionRk);
    if (submission) {
      const version = await getOrUndefined<Row>(this.client, pk, versionRk(period, Number(submission.version)));
      if (version) return { kind: 'duplicate', checkIn: fromRow(version) };
    }
    const current = await getOrUndefined<Row>(this.client, pk, period);
    const currentVersion = current ? Number(current.version) : 0;
    // The same submission already current (its submission row not yet visible to this reader): a retry.
    if (current && current.submissionId === fromKeyPart(submissionRk.slice(submissionRk.lastIndexOf('|') + 1))) return { kind: 'duplicate', checkIn: fromRow(current) };
    if (current && currentVersion !== baseVersion) return { kind: 'stale', current: fromRow(current) };
    // A card can claim to edit a version that was never stored: it is out of date, not a fault.
    if (!current && baseVersion !== 0) throw new DomainError('STALE_ANSWER', `no answer exists to edit (base version ${baseVersion})`);
    return undefined;
  }

  async versions(strategyKey: string, priorityKey: string, period: string): Promise<CheckIn[]> {
    const pk = partition(strategyKey, priorityKey);
    const p = keyPart(period);
    const rows = await listAll<Row>(this.client, odata`PartitionKey eq ${pk} and RowKey gt ${`${p}|v`} and RowKey lt ${`${p}|w`}`);
    return rows.map(fromRow).sort((a, b) => a.version - b.version);
  }

  async listForPriority(strategyKey: string, priorityKey: string): Promise<CheckIn[]> {
    const pk = partition(strategyKey, priorityKey);
    const rows = await listAll<Row>(this.client, odata`PartitionKey eq ${pk} and rowKind eq ${'current'}`);
    return rows.map(fromRow).sort(byPeriod);
  }

  async states(strategyKey: string): Promise<PriorityState[]> {
    const s = keyPart(strategyKey);
    const rows = await listAll<Row>(this.client, odata`PartitionKey ge ${`${s}|`} and PartitionKey lt ${`${s}}`} and RowKey eq ${STATE_RK}`);
    return rows.map((e) => readJsonColumns<PriorityState>(e, 'state'));
  }

  async state(strategyKey: string, priorityKey: string): Promise<PriorityState | undefined> {
    const e = await getOrUndefined<Row>(this.client, partition(strategyKey, priorityKey), STATE_RK);
    return e ? readJsonColumns<PriorityState>(e, 'state') : undefined;
  }

  async buildMissingStates(): Promise<number> {
    const [current, states] = await Promise.all([
      listAll<Row>(this.client, odata`rowKind eq ${'current'}`),
      listAll<Row>(this.client, odata`RowKey eq ${STATE_RK}`),
    ]);
    const have = new Set(states.map((e) => String(e.partitionKey)));
    const missing = new Map<string, CheckIn[]>();
    for (const e of current) {
      const pk = String(e.partitionKey);
      if (have.has(pk)) continue;
      const list = missing.get(pk);
      if (list) list.push(fromRow(e));
      else missing.set(pk, [fromRow(e)]);
    }
    for (const [pk, answers] of missing) {
      const state = stateFromAnswers(answers[0]!.strategyKey, answers[0]!.priorityKey, answers);
      // Create, not upsert: a save that wrote the record meanwhile has the newer state.
      await this.client.createEntity({ partitionKey: pk, rowKey: STATE_RK, rowKind: 'state', ...jsonColumns(state, 'state') }).catch((e: unknown) => {
        if (statusOf(e) !== 409) throw e;
      });
    }
    return missing.size;
  }

  async listForStrategy(strategyKey: string): Promise<CheckIn[]> {
    const s = keyPart(strategyKey);
    // '|' is followed by '}' in code-point order: this range is every partition of the strategy.
    const rows = await listAll<Row>(this.client, odata`PartitionKey ge ${`${s}|`} and PartitionKey lt ${`${s}}`} and rowKind eq ${'current'}`);
    return rows.map(fromRow).sort(byPeriod);
  }
}

function partition(strategyKey: string, priorityKey: string): string {
  return `${keyPart(strategyKey)}|${keyPart(priorityKey)}`;
}

function versionRk(period: string, version: number): string {
  return `${period}|v${String(version).padStart(VERSION_WIDTH, '0')}`;
}

function byPeriod(a: CheckIn, b: CheckIn): number {
  return a.period < b.period ? -1 : a.period > b.period ? 1 : 0;
}

/** The mapping at the storage boundary: tested both ways in the contract suite. */
export function toRow(c: CheckIn): Row {
  const row: Row = {
    strategyKey: c.strategyKey,
    priorityKey: c.priorityKey,
    period: c.period,
    update: c.update,
    plusGroups: JSON.stringify(c.plusGroups),
    kpiReadings: JSON.stringify(c.kpiReadings),
    submittedBy: c.submittedBy,
    submittedByName: c.submittedByName,
    submittedAt: c.submittedAt,
    version: c.version,
    submissionId: c.submissionId,
  };
  for (const k of ['rag', 'nextSteps', 'risks', 'escalation', 'ragReason', 'onBehalfOf', 'onBehalfOfName', 'source', 'channel'] as const) {
    if (c[k] !== undefined) row[k] = c[k];
  }
  if (c.noChange) row.noChange = true;
  return row;
}

export function fromRow(e: Row): CheckIn {
  const str = (k: string) => (typeof e[k] === 'string' ? (e[k] as string) : undefined);
  const c: CheckIn = {
    strategyKey: String(e.strategyKey),
    priorityKey: String(e.priorityKey),
    period: String(e.period),
    update: str('update') ?? '',
    plusGroups: JSON.parse(str('plusGroups') ?? '{}') as Record<string, string>,
    kpiReadings: JSON.parse(str('kpiReadings') ?? '{}') as Record<string, number>,
    submittedBy: String(e.submittedBy),
    submittedByName: String(e.submittedByName),
    submittedAt: String(e.submittedAt),
    version: Number(e.version),
    submissionId: String(e.submissionId),
  };
  if (isRag(e.rag)) c.rag = e.rag;
  if (e.channel === 'teams' || e.channel === 'web') c.channel = e.channel;
  if (e.noChange === true) c.noChange = true;
  for (const k of ['nextSteps', 'risks', 'escalation', 'ragReason', 'onBehalfOf', 'onBehalfOfName', 'source'] as const) {
    const v = str(k);
    if (v !== undefined) c[k] = v;
  }
  return c;
}
