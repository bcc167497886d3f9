import { DomainError } from '../domain/errors';
import type { Identity } from '../domain/person';
import { isStrategyLive } from '../domain/strategy';
import type { SummaryView } from '../domain/notice';
import { summarise } from '../domain/summary';
import { words } from '../domain/priority-lookup';
import type { AppDeps } from './deps';
import { requirePerson, today } from './people';

export type { SummaryView } from '../domain/notice';

/** Strategy summary from stored data; the same function serves chat and the command line. */
export async function strategySummary(deps: Pick<AppDeps, 'strategies' | 'checkIns'>, strategyKey: string, period?: string, themeKey?: string): Promise<SummaryView> {
  const strategy = await deps.strategies.getStrategy(strategyKey);
  if (!strategy) throw new DomainError('STRATEGY_NOT_FOUND', `no strategy ${strategyKey}`, { query: strategyKey.slice(0, 80) });
  const [priorities, checkIns] = await Promise.all([deps.strategies.listPriorities(strategyKey), deps.checkIns.listForStrategy(strategyKey)]);
  const theme = themeKey === undefined ? undefined : strategy.themes.find((t) => t.key === themeKey);
  return {
    strategy: { key: strategy.key, title: strategy.title, board: strategy.board },
    ...(theme ? { themeTitle: theme.title } : {}),
    summary: summarise(strategy, priorities, checkIns, period, theme?.key),
  };
}

/**
 * `summary [theme or strategy words]` in chat: every live strategy (or the one or theme named).
 * Open to anyone the board knows: leads see the summary as well as their own priorities.
 */
export async function chatSummary(deps: AppDeps, who: Identity, query: string): Promise<SummaryView[]> {
  await requirePerson(deps, who);
  const strategies = await deps.strategies.listStrategies();
  const q = words(query);
  if (q.length === 0) {
    const live = strategies.filter((s) => isStrategyLive(s, today(deps)));
    return Promise.all((live.length > 0 ? live : strategies).map((s) => strategySummary(deps, s.key)));
  }
  const matches = (text: string) => q.every((w) => words(text).some((x) => x.startsWith(w)));
  const byStrategy = strategies.filter((s) => s.key === query.trim() || matches(`${s.title} ${s.key} ${s.area}`));
  if (byStrategy.length > 0) return Promise.all(byStrategy.map((s) => strategySummary(deps, s.key)));
  const byTheme = strategies.flatMap((s) => s.themes.filter((t) => matches(t.title)).map((t) => ({ s, t })));
  if (byTheme.length > 0) return Promise.all(byTheme.map(({ s, t }) => strategySummary(deps, s.key, undefined, t.key)));
  throw new DomainError('STRATEGY_NOT_FOUND', `no strategy or theme ${query}`, { query: query.slice(0, 80) });
}
