import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../domain/errors';
import type { Identity } from '../domain/person';
import { isPeriodLabel } from '../domain/period';
import { isStrategyLive } from '../domain/strategy';
import { words } from '../domain/priority-lookup';
import { buildBoardReport, exportRows, type BoardReport } from '../report/report-model';
import { reportCsv, reportMarkdown, toCsv } from '../report/report-text';
import { reportDocx } from '../report/report-docx';
import type { AppDeps } from './deps';
import { requirePerson, today } from './people';

export const REPORT_FORMATS = ['docx', 'md', 'csv', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const CONTENT_TYPES: Record<ReportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  md: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

export async function boardReport(deps: Pick<AppDeps, 'strategies' | 'checkIns' | 'people' | 'clock' | 'board'>, strategyKey: string, period?: string): Promise<BoardReport> {
  const strategy = await deps.strategies.getStrategy(strategyKey);
  if (!strategy) throw new DomainError('PRIORITY_NOT_FOUND', `no strategy ${strategyKey}`, { query: strategyKey.slice(0, 80) });
  if (period !== undefined && !isPeriodLabel(period)) throw new DomainError('BAD_PERIOD', `bad period ${period}`, { input: period.slice(0, 20) });
  const [priorities, checkIns, people] = await Promise.all([deps.strategies.listPriorities(strategyKey), deps.checkIns.listForStrategy(strategyKey), deps.people.listPeople()]);
  return buildBoardReport(strategy, priorities, checkIns, new Map(people.map((p) => [p.id, p.name])), today(deps as AppDeps), period);
}

export async function renderReport(report: BoardReport, format: ReportFormat): Promise<{ body: Buffer; contentType: string; fileName: string }> {
  const base = `${report.strategy.key}-${report.period ?? 'report'}`;
  const body = format === 'docx' ? await reportDocx(report) : Buffer.from(format === 'md' ? reportMarkdown(report) : format === 'csv' ? reportCsv(report) : `${JSON.stringify(report, null, 2)}\n`, 'utf8');
  return { body, contentType: CONTENT_TYPES[format], fileName: `${base}.${format}` };
}

export async function exportCsv(deps: Pick<AppDeps, 'strategies' | 'checkIns'>, strategyKey: string, from: string, to: string): Promise<string> {
  if (!(await deps.strategies.getStrategy(strategyKey))) throw new DomainError('PRIORITY_NOT_FOUND', `no strategy ${strategyKey}`, { query: strategyKey.slice(0, 80) });
  for (const p of [from, to]) if (!isPeriodLabel(p)) throw new DomainError('BAD_PERIOD', `bad period ${p}`, { input: p.slice(0, 20) });
  const [priorities, checkIns] = await Promise.all([deps.strategies.listPriorities(strategyKey), deps.checkIns.listForStrategy(strategyKey)]);
  return toCsv(exportRows(priorities, checkIns, from, to), ['strategy', 'priority', 'number', 'title', 'period', 'rag', 'update', 'nextSteps', 'risks', 'escalation', 'ragReason', 'plusGroups', 'kpiReadings', 'submittedBy', 'onBehalfOf', 'submittedAt', 'version']);
}

/** `report [strategy words] [period]` in chat: board managers only; which strategy and period. */
export async function resolveReportRequest(deps: AppDeps, who: Identity, text: string): Promise<{ strategyKey: string; title: string; period?: string }> {
  const person = await requirePerson(deps, who);
  if (!person.boardManager) throw new DomainError('NOT_BOARD_MANAGER', `${person.id} asked for a report`);
  const parts = text.trim().split(/\s+/).filter(Boolean);
  const last = parts[parts.length - 1]?.replace(/-([qh])/i, (m) => m.toUpperCase());
  const period = last && isPeriodLabel(last) ? last : undefined;
  const query = (period ? parts.slice(0, -1) : parts).join(' ');
  const strategies = await deps.strategies.listStrategies();
  const live = strategies.filter((s) => isStrategyLive(s, today(deps)));
  const wanted = words(query);
  const match = wanted.length === 0 ? live[0] ?? strategies[0] : strategies.find((s) => s.key === query || wanted.every((w) => words(`${s.title} ${s.key} ${s.area}`).some((x) => x.startsWith(w))));
  if (!match) throw new DomainError('PRIORITY_NOT_FOUND', `no strategy ${query}`, { query: query.slice(0, 80) });
  return { strategyKey: match.key, title: match.title, ...(period ? { period } : {}) };
}

/**
 * Links to report files are signed (HMAC-SHA256) and expire, so a forwarded link stops working
 * and nobody can ask the server for a strategy or period the link did not name.
 */
export interface ReportLinkClaims {
  strategy: string;
  period?: string;
  format: ReportFormat;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

export function signReportLink(claims: ReportLinkClaims, secret: string): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const sig = createHmac('sha256', secret).update(payload).digest('base64url');
  return `${payload}.${sig}`;
}

export function verifyReportLink(token: string, secret: string, now: Date): ReportLinkClaims | undefined {
  const [payload, sig] = token.split('.');
  if (!payload || !sig) return undefined;
  const expected = createHmac('sha256', secret).update(payload).digest();
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as ReportLinkClaims;
    if (typeof claims.exp !== 'number' || claims.exp * 1000 < now.getTime()) return undefined;
    if (!REPORT_FORMATS.includes(claims.format) || typeof claims.strategy !== 'string') return undefined;
    return claims;
  } catch {
    return undefined;
  }
}
