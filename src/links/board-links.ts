import { signToken, verifyToken } from './signed-token';

/**
 * The link to a board's page that `board` gives in chat: signed (a JWT, HS256, with jose), short
 * lived, naming one person and one board. It carries no rights of its own: at each request the
 * page asks storage what that person may see of that board now.
 */
export interface BoardLinkClaims {
  personId: string;
  board: string;
}

export interface BoardLinkSettings {
  /** Where people reach the bot (PUBLIC_URL, or its own address once it listens). */
  baseUrl: string;
  secret: string;
  minutes: number;
}

const AUDIENCE = 'hwb-bot/board';

export function boardPath(board: string): string {
  return `/boards/${encodeURIComponent(board)}`;
}

export async function signBoardLink(claims: BoardLinkClaims, settings: BoardLinkSettings, now: Date): Promise<string> {
  const token = await signToken({ sub: claims.personId, board: claims.board }, AUDIENCE, settings.secret, now, new Date(now.getTime() + settings.minutes * 60_000));
  return `${settings.baseUrl}${boardPath(claims.board)}?token=${encodeURIComponent(token)}`;
}

/** `issueBoardLink(personId, boardKey)` bound to the settings and the clock (the chat command and the Teams tab call it). */
export function boardLinkIssuer(settings: BoardLinkSettings, clock: { now(): Date }): (personId: string, boardKey: string) => Promise<string> {
  return (personId, boardKey) => signBoardLink({ personId, board: boardKey }, settings, clock.now());
}

export async function verifyBoardLink(token: string, secret: string, now: Date): Promise<{ ok: true; claims: BoardLinkClaims } | { ok: false; reason: 'expired' | 'invalid' }> {
  const verified = await verifyToken(token, AUDIENCE, secret, now);
  if (!verified.ok) return verified;
  const { sub, board } = verified.payload as Record<string, unknown>;
  if (typeof sub !== 'string' || typeof board !== 'string') return { ok: false, reason: 'invalid' };
  return { ok: true, claims: { personId: sub, board } };
}
