import { DomainError } from '../domain/errors';
import type { Identity } from '../domain/person';
import { isPeriodLabel } from '../domain/period';
import { isStrategyLive } from '../domain/strategy';
import { boardOf } from '../domain/board';
import { words } from '../domain/priority-lookup';
import { buildBoardReport, exportRows, type BoardReport } from './report-model';
import type { AppDeps } from './deps';
import { today } from './people';
import { loadPicture, strategiesOf } from './board-picture';
import { monitoringSheetsFor } from './monitoring';
import { requireBoardManager } from './digest';

export const REPORT_FORMATS = ['docx', 'md', 'csv', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The columns of `hwb-bot export`: one row per stored answer. */
export const EXPORT_COLUMNS = ['strategy', 'priority', 'number', 'title', 'period', 'rag', 'update', 'nextSteps', 'risks', 'escalation', 'ragReason', 'plusGroups', 'kpiReadings', 'submittedBy', 'onBehalfOf', 'submittedAt', 'version'];

export async function boardReport(deps: Pick<AppDeps, 'strategies' | 'checkIns' | 'people' | 'clock' | 'board'>, strategyKey: string, period?: string): Promise<BoardReport> {
  const strategy = await deps.strategies.getStrategy(strategyKey);
  if (!strategy) throw new DomainError('STRATEGY_NOT_FOUND', `no strategy ${strategyKey}`, { query: strategyKey.slice(0, 80) });
  if (period !== undefined && !isPeriodLabel(period)) throw new DomainError('BAD_PERIOD', `bad period ${period}`, { input: period.slice(0, 20) });
  const [picture, people] = await Promise.all([loadPicture(deps, [strategy], { texts: true, ...(period !== undefined ? { period } : {}) }), deps.people.listPeople()]);
  // The monitoring sheets are as at the picture's date, so a paper for a period shows that period's rows.
  const monitoring = await monitoringSheetsFor(deps, strategy, picture.asAt);
  return buildBoardReport(picture.strategies[0]!, picture.asAt, new Map(people.map((p) => [p.id, p.name])), today(deps as AppDeps), monitoring);
}

/** Every answer of a strategy between two periods, as rows (the CLI writes them as CSV). */
export async function exportAnswers(deps: Pick<AppDeps, 'strategies' | 'checkIns'>, strategyKey: string, from: string, to: string): Promise<Record<string, string>[]> {
  if (!(await deps.strategies.getStrategy(strategyKey))) throw new DomainError('STRATEGY_NOT_FOUND', `no strategy ${strategyKey}`, { query: strategyKey.slice(0, 80) });
  for (const p of [from, to]) if (!isPeriodLabel(p)) throw new DomainError('BAD_PERIOD', `bad period ${p}`, { input: p.slice(0, 20) });
  const [priorities, checkIns] = await Promise.all([deps.strategies.listPriorities(strategyKey), deps.checkIns.listForStrategy(strategyKey)]);
  return exportRows(priorities, checkIns, from, to);
}

export interface ReportChoice {
  strategyKey: string;
  title: string;
  board: string;
  period?: string;
}

/**
 * `report [strategy words] [period]` in chat: board managers only. With no words, every strategy
 * of every board the sender manages (live ones first); with words, the strategies they match.
 */
export async function reportChoices(deps: AppDeps, who: Identity, text: string): Promise<ReportChoice[]> {
  const { boards } = await requireBoardManager(deps, who);
  const parts = text.trim().split(/\s+/).filter(Boolean);
  const last = parts[parts.length - 1]?.replace(/-([qh])/i, (m) => m.toUpperCase());
  const period = last && isPeriodLabel(last) ? last : undefined;
  const query = (period ? parts.slice(0, -1) : parts).join(' ');
  const strategies = await strategiesOf(deps, boards);
  const date = today(deps);
  const wanted = words(query);
  const boardName = new Map(boards.map((b) => [b.key, b.name]));
  const matching = wanted.length === 0 ? strategies : strategies.filter((s) => s.key === query || wanted.every((w) => words(`${s.title} ${s.key} ${s.area} ${boardName.get(boardOf(s)) ?? ''}`).some((x) => x.startsWith(w))));
  if (matching.length === 0) throw new DomainError('STRATEGY_NOT_FOUND', `no strategy ${query}`, { query: query.slice(0, 80) });
  const rank = (s: (typeof strategies)[number]) => (isStrategyLive(s, date) ? 0 : 1);
  const ordered = [...matching].sort((a, b) => (boardName.get(boardOf(a)) ?? '').localeCompare(boardName.get(boardOf(b)) ?? '') || rank(a) - rank(b) || b.years.to - a.years.to);
  return ordered.map((s) => ({ strategyKey: s.key, title: s.title, board: boardName.get(boardOf(s)) ?? s.board, ...(period ? { period } : {}) }));
}

