import { jwtVerify, SignJWT } from 'jose';
import { REPORT_FORMATS, type ReportFormat } from '../app/report';

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

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

export async function signReportLink(claims: ReportLinkClaims, secret: string, now: Date, minutes: number): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({ ...claims }).setProtectedHeader({ alg: 'HS256' }).setAudience(AUDIENCE).setIssuedAt(iat).setExpirationTime(iat + minutes * 60).sign(key(secret));
}

/** The claims of a valid, unexpired link; undefined for anything else (altered, expired, another kind of token). */
export async function verifyReportLink(token: string, secret: string, now: Date): Promise<ReportLinkClaims | undefined> {
  try {
    const { payload } = await jwtVerify(token, key(secret), { algorithms: ['HS256'], audience: AUDIENCE, currentDate: now });
    const { strategy, period, format } = payload as Record<string, unknown>;
    if (typeof strategy !== 'string' || !REPORT_FORMATS.includes(format as ReportFormat)) return undefined;
    if (period !== undefined && typeof period !== 'string') return undefined;
    return { strategy, format: format as ReportFormat, ...(typeof period === 'string' ? { period } : {}) };
  } catch {
    // jose says why (expired, bad signature, malformed); to the caller every case is "not valid".
    return undefined;
  }
}
