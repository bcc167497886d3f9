import { errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';

/**
 * Signed links (a JWT, HS256, with jose): report files and the emailed check-in page. Each kind
 * has its own audience, so a token made for one is refused by the other even with one secret.
 * The bot and the email issue links; src/http verifies them: neither adapter owns this module.
 */
function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

export async function signToken(claims: Record<string, unknown>, audience: string, secret: string, issuedAt: Date, expiresAt: Date): Promise<string> {
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setAudience(audience)
    .setIssuedAt(Math.floor(issuedAt.getTime() / 1000))
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(key(secret));
}

/** Expired is told apart from everything else (altered, forged, another audience): a page says which. */
export type Verified = { ok: true; payload: JWTPayload } | { ok: false; reason: 'expired' | 'invalid' };

export async function verifyToken(token: string, audience: string, secret: string, now: Date): Promise<Verified> {
  try {
    const { payload } = await jwtVerify(token, key(secret), { algorithms: ['HS256'], audience, currentDate: now });
    return { ok: true, payload };
  } catch (e) {
    // jose checks the signature before the expiry, so "expired" is only said of a genuine token.
    return { ok: false, reason: e instanceof errors.JWTExpired ? 'expired' : 'invalid' };
  }
}
