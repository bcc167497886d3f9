import { REPORT_FORMATS, type ReportFormat } from '../app/report';
import { signToken, verifyToken } from './signed-token';

/**
 * Links to report files are signed (a JWT, HS256, with jose) and expire, so a forwarded link
 * stops working and nobody can ask the server for a strategy or period the link did not name.
 */
export interface ReportLinkClaims {
  strategy: string;
  period?: string;
  format: ReportFormat;
}

const AUDIENCE = 'hwb-bot/report';

export async function signReportLink(claims: ReportLinkClaims, secret: string, now: Date, minutes: number): Promise<string> {
  return signToken({ ...claims }, AUDIENCE, secret, now, new Date(now.getTime() + minutes * 60_000));
}

/**
 * The claims of a valid, unexpired link, or why not: expired is told apart from altered, forged
 * or another kind of token, as the check-in page does (410 and 401).
 */
export async function verifyReportLink(token: string, secret: string, now: Date): Promise<{ ok: true; claims: ReportLinkClaims } | { ok: false; reason: 'expired' | 'invalid' }> {
  const verified = await verifyToken(token, AUDIENCE, secret, now);
  if (!verified.ok) return verified;
  const { strategy, period, format } = verified.payload as Record<string, unknown>;
  const invalid = { ok: false, reason: 'invalid' } as const;
  if (typeof strategy !== 'string' || !REPORT_FORMATS.includes(format as ReportFormat)) return invalid;
  if (period !== undefined && typeof period !== 'string') return invalid;
  return { ok: true, claims: { strategy, format: format as ReportFormat, ...(typeof period === 'string' ? { period } : {}) } };
}
