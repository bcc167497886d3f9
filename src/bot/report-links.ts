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

/** The claims of a valid, unexpired link; undefined for anything else (altered, expired, another kind of token). */
export async function verifyReportLink(token: string, secret: string, now: Date): Promise<ReportLinkClaims | undefined> {
  const verified = await verifyToken(token, AUDIENCE, secret, now);
  // Expired or altered: to a report download every case is "not valid".
  if (!verified.ok) return undefined;
  const { strategy, period, format } = verified.payload as Record<string, unknown>;
  if (typeof strategy !== 'string' || !REPORT_FORMATS.includes(format as ReportFormat)) return undefined;
  if (period !== undefined && typeof period !== 'string') return undefined;
  return { strategy, format: format as ReportFormat, ...(typeof period === 'string' ? { period } : {}) };
}
