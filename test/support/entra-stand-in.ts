import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload, type KeyLike } from 'jose';

/**
 * A stand-in for Entra ID's OpenID configuration and signing keys (Entra cannot run here): on
 * loopback it serves `.well-known/openid-configuration` and a JWKS as
 * https://login.microsoftonline.com/common/v2.0 does, and signs RS256 access tokens like those
 * Teams hands a tab from `authentication.getAuthToken()`. Keys are made with jose.
 */
export class EntraStandIn {
  private server: Server | undefined;
  private published!: { kid: string; privateKey: KeyLike; publicKey: KeyLike };
  /** A key of the right kind that the JWKS never lists: tokens it signs are forged. */
  private unpublished!: { kid: string; privateKey: KeyLike };
  url = '';
  /** When set, every request is answered with this status (Entra's key service in trouble). */
  failWith: number | undefined;
  /** Requests served, by path (a refetch of the keys shows here). */
  readonly requests: string[] = [];

  get metadataUrl(): string {
    return `${this.url}/common/v2.0/.well-known/openid-configuration`;
  }

  /** Listens on `port` (0: any); started again after `stop()`, it keeps its keys. */
  async start(port = 0): Promise<this> {
    if (!this.published) {
      const one = await generateKeyPair('RS256', { extractable: true });
      const two = await generateKeyPair('RS256', { extractable: true });
      this.published = { kid: 'entra-key-1', ...one };
      this.unpublished = { kid: 'entra-key-2', privateKey: two.privateKey };
    }
    const jwk = await exportJWK(this.published.publicKey);
    this.server = createServer((req, res) => {
      this.requests.push(req.url ?? '');
      res.setHeader('content-type', 'application/json');
      if (this.failWith !== undefined) {
        res.statusCode = this.failWith;
        res.end('{}');
      } else if (req.url === '/common/v2.0/.well-known/openid-configuration') {
        res.end(JSON.stringify({ issuer: 'https://login.microsoftonline.com/{tenantid}/v2.0', jwks_uri: `${this.url}/common/discovery/v2.0/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
      } else if (req.url === '/common/discovery/v2.0/keys') {
        res.end(JSON.stringify({ keys: [{ ...jwk, kid: this.published.kid, use: 'sig', alg: 'RS256' }] }));
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }

  /** Claims of a Teams tab token for `oid` in `tid`, for `audience`, valid for an hour from `now`. */
  static claims(opts: { oid: string; tid: string; audience: string; now: Date }): JWTPayload {
    const iat = Math.floor(opts.now.getTime() / 1000);
    return {
      aud: opts.audience,
      iss: `https://login.microsoftonline.com/${opts.tid}/v2.0`,
      iat,
      nbf: iat,
      exp: iat + 3600,
      // The Teams desktop and mobile client, pre-authorised on the app's scope.
      azp: '1fec8e78-bce4-4aaf-ab1b-5451cc387264',
      scp: 'access_as_user',
      name: 'Test User',
      oid: opts.oid,
      tid: opts.tid,
      ver: '2.0',
    };
  }

  /** An RS256 token; `unpublishedKey` signs with the key the JWKS never lists. */
  async sign(claims: JWTPayload, options: { unpublishedKey?: boolean } = {}): Promise<string> {
    const key = options.unpublishedKey ? this.unpublished : this.published;
    return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.kid }).sign(key.privateKey);
  }

  /** The same claims with `alg: none` and no signature, as an attacker would send them. */
  static unsigned(claims: JWTPayload): string {
    const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
  }
}
