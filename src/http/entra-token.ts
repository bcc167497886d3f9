import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';

/**
 * Checks the Entra ID token a Teams tab gets from `authentication.getAuthToken()` (tab single
 * sign-on): signed RS256 by a key Entra publishes (the OpenID configuration's `jwks_uri`), for
 * this app's API (`api://<domain>/<app id>`, or the app id), issued by Entra for one of the
 * board's tenants, not expired. What it proves is who the user is (`oid` in `tid`); what they may
 * see is decided from stored data, as in chat.
 */
export interface EntraTokenSettings {
  /** The OpenID configuration (Microsoft's common v2.0 one; tests point it at a stand-in). */
  metadataUrl: string;
  /** Accepted `aud` values: `api://<domain>/<app id>` and the app id. */
  audiences: readonly string[];
  /** Tenant ids (lower case) whose users may sign in; never empty. */
  allowedTenants: readonly string[];
  /** Seconds of clock difference accepted on `exp` and `nbf`. */
  clockToleranceS?: number;
}

/** Who the token says the user is. */
export interface EntraUser {
  oid: string;
  tid: string;
}

/**
 * `invalid`: not a token of ours (missing, malformed, unsigned, forged, expired, another
 * audience or issuer): 401. `tenant`: a genuine token from a tenant this board does not allow: 403.
 */
export type EntraVerdict = { ok: true; user: EntraUser } | { ok: false; reason: 'invalid' | 'tenant'; detail: string };

/** The key service (OpenID configuration or keys) could not be reached: not the caller's fault (503). */
export class EntraKeysUnavailable extends Error {
  constructor(cause: unknown) {
    super('the Entra ID signing keys could not be loaded', { cause });
    this.name = 'EntraKeysUnavailable';
  }
}

/** The scope the app registration exposes for Teams (README, "The Teams tabs"). */
export const TAB_SCOPE = 'access_as_user';

const METADATA_TIMEOUT_MS = 5_000;
/** Entra's keys rotate over weeks; the metadata document is read again after this long. */
const METADATA_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** jose's failures that are about the token itself; any other failure is the key service's. */
const TOKEN_FAILURES = [
  errors.JWTExpired,
  errors.JWTClaimValidationFailed,
  errors.JWTInvalid,
  errors.JWSInvalid,
  errors.JWSSignatureVerificationFailed,
  errors.JOSEAlgNotAllowed,
  errors.JOSENotSupported,
  errors.JWKSNoMatchingKey,
  errors.JWKSMultipleMatchingKeys,
  errors.JWKInvalid,
];

export class EntraTokenVerifier {
  private keys: { set: ReturnType<typeof createRemoteJWKSet>; loadedAt: number } | undefined;
  private readonly tolerance: number;

  constructor(private readonly settings: EntraTokenSettings) {
    if (settings.allowedTenants.length === 0) throw new Error('tab sign-in needs at least one allowed tenant');
    this.tolerance = settings.clockToleranceS ?? 120;
  }

  /** Throws EntraKeysUnavailable when the keys cannot be had; every other failure is a verdict. */
  async verify(token: string, now: Date): Promise<EntraVerdict> {
    if (token === '' || token.split('.').length !== 3) return { ok: false, reason: 'invalid', detail: 'not a JWT' };
    const keys = await this.keySet(now);
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        algorithms: ['RS256'],
        audience: [...this.settings.audiences],
        currentDate: now,
        clockTolerance: this.tolerance,
        requiredClaims: ['exp', 'iss', 'tid', 'oid'],
      }));
    } catch (e) {
      if (TOKEN_FAILURES.some((kind) => e instanceof kind)) return { ok: false, reason: 'invalid', detail: (e as Error).name };
      throw new EntraKeysUnavailable(e);
    }
    const tid = typeof payload.tid === 'string' ? payload.tid.toLowerCase() : '';
    const oid = typeof payload.oid === 'string' ? payload.oid.toLowerCase() : '';
    // Entra's two issuer forms, for the token's own tenant: v2.0 tokens, and v1.0 ones (an app
    // registration left at accessTokenAcceptedVersion 1 gets those).
    const issuers = [`https://login.microsoftonline.com/${tid}/v2.0`, `https://sts.windows.net/${tid}/`];
    if (tid === '' || oid === '' || !issuers.includes(String(payload.iss).toLowerCase())) return { ok: false, reason: 'invalid', detail: 'issuer or tenant' };
    const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
    if (!scopes.includes(TAB_SCOPE)) return { ok: false, reason: 'invalid', detail: 'scope' };
    if (!this.settings.allowedTenants.includes(tid)) return { ok: false, reason: 'tenant', detail: tid.slice(0, 64) };
    return { ok: true, user: { oid, tid } };
  }

  /** The JWKS from the OpenID configuration's `jwks_uri` (jose caches the keys and refetches an unknown kid). */
  private async keySet(now: Date): Promise<ReturnType<typeof createRemoteJWKSet>> {
    if (this.keys && now.getTime() - this.keys.loadedAt < METADATA_MAX_AGE_MS) return this.keys.set;
    let jwksUri: string;
    try {
      const res = await fetch(this.settings.metadataUrl, { signal: AbortSignal.timeout(METADATA_TIMEOUT_MS), headers: { accept: 'application/json' } });
      if (!res.ok) throw new Error(`OpenID configuration answered ${res.status}`);
      const body = (await res.json()) as { jwks_uri?: unknown };
      if (typeof body.jwks_uri !== 'string' || !URL.canParse(body.jwks_uri)) throw new Error('OpenID configuration has no jwks_uri');
      jwksUri = body.jwks_uri;
    } catch (e) {
      throw new EntraKeysUnavailable(e);
    }
    this.keys = { set: createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: METADATA_TIMEOUT_MS }), loadedAt: now.getTime() };
    return this.keys.set;
  }
}
