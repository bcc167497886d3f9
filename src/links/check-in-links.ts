import { signToken, verifyToken } from './signed-token';
import type { ReportingPeriod } from '../domain/period';
import { zonedInstant } from '../domain/zoned-time';

/**
 * The personal link in a reminder email: it names one person, one priority and one period, and
 * stops working when the period closes (midnight, board time, of its closing day). No login: the
 * link is the credential, and it carries no more rights than answering that priority for that period.
 */
export interface CheckInLinkClaims {
  personId: string;
  /** `<strategy>/<priority>`. */
  priority: string;
  period: string;
}

export interface CheckInLinkSettings {
  /** The bot's public address (PUBLIC_URL, or the address it listens on: see src/http/host.ts). */
  baseUrl: string;
  secret: string;
  timeZone: string;
}

const AUDIENCE = 'hwb-bot/checkin';

export async function signCheckInLink(claims: CheckInLinkClaims, period: Pick<ReportingPeriod, 'closes'>, settings: CheckInLinkSettings, now: Date): Promise<string> {
  const token = await signToken({ sub: claims.personId, priority: claims.priority, period: claims.period }, AUDIENCE, settings.secret, now, zonedInstant(period.closes, '00:00', settings.timeZone));
  return `${settings.baseUrl}/checkin?token=${encodeURIComponent(token)}`;
}

export type CheckInLinkCheck = { ok: true; claims: CheckInLinkClaims } | { ok: false; reason: 'expired' | 'invalid' };

export async function verifyCheckInLink(token: string, secret: string, now: Date): Promise<CheckInLinkCheck> {
  const verified = await verifyToken(token, AUDIENCE, secret, now);
  if (!verified.ok) return verified;
  const { sub, priority, period } = verified.payload as Record<string, unknown>;
  if (typeof sub !== 'string' || typeof priority !== 'string' || typeof period !== 'string') return { ok: false, reason: 'invalid' };
  return { ok: true, claims: { personId: sub, priority, period } };
}
