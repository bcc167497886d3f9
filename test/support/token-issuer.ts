import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for the Bot Framework's token service (Entra ID cannot run here): it serves OpenID
 * metadata and signing keys on loopback, the way https://login.botframework.com does, and signs
 * RS256 tokens like the ones the Bot Connector sends with each activity.
 */
export class TokenIssuer {
  readonly issuer = 'https://api.botframework.test';
  private readonly keys: { kid: string; privateKey: KeyObject; publicKey: KeyObject }[] = [];
  private server: Server | undefined;
  url = '';
  /** When set, every request is answered with this status (a key service in trouble). */
  failWith: number | undefined;

  constructor() {
    for (const kid of ['key-1', 'key-2']) {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      this.keys.push({ kid, privateKey, publicKey });
    }
  }

  get metadataUrl(): string {
    return `${this.url}/v1/.well-known/openidconfiguration`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (this.failWith !== undefined) {
        res.statusCode = this.failWith;
        res.end('{}');
      } else if (req.url === '/v1/.well-known/openidconfiguration') {
        res.end(JSON.stringify({ issuer: this.issuer, authorization_endpoint: `${this.url}/authorize`, jwks_uri: `${this.url}/v1/.well-known/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
      } else if (req.url === '/v1/.well-known/keys') {
        // Only key-1 is published: tokens signed with key-2 carry an unknown key id.
        const jwk = this.keys[0]!.publicKey.export({ format: 'jwk' });
        res.end(JSON.stringify({ keys: [{ ...jwk, kid: 'key-1', kty: 'RSA', use: 'sig', alg: 'RS256', endorsements: ['msteams'] }] }));
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** A signed JWT; `over` replaces claims, `kid` picks the key (key-2 is never published). */
  sign(claims: Record<string, unknown>, kid: 'key-1' | 'key-2' = 'key-1', header: { kid?: string; alg?: string } = {}): string {
    const key = this.keys.find((k) => k.kid === kid)!;
    // `header` forges the header: another kid than the key that signed (a bad signature), or one nobody knows.
    const head = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid, ...header })).toString('base64url');
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    const signature = createSign('RSA-SHA256').update(`${head}.${payload}`).sign(key.privateKey).toString('base64url');
    return `${head}.${payload}.${signature}`;
  }
}
