import { DomainError } from '../domain/errors';
import type { Identity } from '../domain/person';
import type { StrategyPicture } from '../domain/picture';
import { summaryOf } from '../domain/strategy-summary';
import { isStrategyLive, type Strategy, type Theme } from '../domain/strategy';
import type { SummaryView } from '../domain/notice';
import { words } from '../domain/priority-lookup';
import { boardsInView, loadPicture, strategiesOf, type PictureDeps, type PictureRequest } from './board-picture';
import type { AppDeps } from './deps';
import { requirePerson, today } from './people';

export type { SummaryView } from '../domain/notice';

/** One strategy's (or theme's) summary, read off its picture. */
export function summaryView(sp: StrategyPicture, asAt: string, theme?: Theme): SummaryView {
  const keys = theme ? new Set(sp.priorities.filter((p) => p.priority.themeKey === theme.key).map((p) => p.priority.number)) : undefined;
  return {
    strategy: { key: sp.strategy.key, title: sp.strategy.title, board: sp.strategy.board },
    ...(theme ? { themeTitle: theme.title } : {}),
    summary: summaryOf(sp, asAt, theme?.key),
    indicators: keys ? sp.indicators.filter((i) => i.priorityNumber !== undefined && keys.has(i.priorityNumber)) : sp.indicators,
  };
}

/** Strategy summary from stored data; the same function serves chat and the command line. */
export async function strategySummary(deps: PictureDeps, strategyKey: string, period?: string, themeKey?: string, asAt?: string): Promise<SummaryView> {
  const strategy = await deps.strategies.getStrategy(strategyKey);
  if (!strategy) throw new DomainError('STRATEGY_NOT_FOUND', `no strategy ${strategyKey}`, { query: strategyKey.slice(0, 80) });
  const picture = await loadPicture(deps, [strategy], { ...(period !== undefined ? { period } : {}), ...(asAt !== undefined ? { asAt } : {}) });
  const theme = themeKey === undefined ? undefined : strategy.themes.find((t) => t.key === themeKey);
  return summaryView(picture.strategies[0]!, picture.asAt, theme);
}

/** "as at 2026-03-31" (or "as of") at the end of a query: the date, and the rest of the words. */
export function splitAsAt(query: string): { rest: string; asAt?: string } {
  const m = /^(.*?)\s*\bas (?:at|of)\s+(\S+)\s*$/i.exec(query.trim());
  if (!m) return { rest: query.trim() };
  const date = m[2]!;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) throw new DomainError('BAD_DATE', `bad as-at date ${date}`, { input: date.slice(0, 20) });
  return { rest: m[1]!.trim(), asAt: date };
}

/**
 * `summary [board, strategy or theme words] [as at YYYY-MM-DD]` in chat: the live strategies of
 * the sender's boards (or the board, strategy or theme named). Open to anyone the board knows:
 * leads see their board's summary as well as their own priorities.
 */
export async function chatSummary(deps: AppDeps, who: Identity, query: string): Promise<SummaryView[]> {
  const person = await requirePerson(deps, who);
  const { rest, asAt } = splitAsAt(query);
  const request: PictureRequest = asAt ? { asAt } : {};
  const date = asAt ?? today(deps);
  const named = rest === '' ? [] : await boardsInView(deps, person, rest);
  const boards = named.length > 0 ? named : await boardsInView(deps, person);
  const strategies = await strategiesOf(deps, boards);
  const live = (list: Strategy[]) => {
    const l = list.filter((s) => isStrategyLive(s, date));
    return l.length > 0 ? l : list;
  };
  const views = async (list: Strategy[], theme?: (s: Strategy) => Theme | undefined) => {
    const picture = await loadPicture(deps, list, request);
    return picture.strategies.map((sp) => summaryView(sp, picture.asAt, theme?.(sp.strategy)));
  };
  if (rest === '' || named.length > 0) return views(live(strategies));
  const q = words(rest);
  const matches = (text: string) => q.every((w) => words(text).some((x) => x.startsWith(w)));
  const byStrategy = strategies.filter((s) => s.key === rest || matches(`${s.title} ${s.key} ${s.area}`));
  if (byStrategy.length > 0) return views(byStrategy);
  const byTheme = strategies.flatMap((s) => s.themes.filter((t) => matches(t.title)).map((t) => ({ s, t })));
  if (byTheme.length > 0) {
    const out: SummaryView[] = [];
    for (const { s, t } of byTheme) out.push(...(await views([s], () => t)));
    return out;
  }
  throw new DomainError('STRATEGY_NOT_FOUND', `no board, strategy or theme ${rest}`, { query: rest.slice(0, 80) });
}
