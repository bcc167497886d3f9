import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { ALEX, message } from '../support/activities';
import { FIXTURE_SEEDS } from '../support/bot-harness';
import { BotProcess } from '../support/bot-process';
import { bundledBot } from '../support/bundled-bot';
import { testConnectionString, uniquePrefix } from '../support/storage';
import { TokenIssuer } from '../support/token-issuer';

const APP_ID = '11111111-2222-3333-4444-555555555555';

/** Resident memory of a process, in bytes, as the kernel counts it. */
function rssOf(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(kb![1]) * 1024;
}

/**
 * A body labelled compressed never reaches a decompressor: restify 11's body parser inflated it
 * before any route or token check, with no error handler, so one garbage "gzip" body ended the
 * process and a small "bomb" inflated to hundreds of megabytes. The bot runs in its own process
 * here, so a crash is seen as a crash (not as this test runner dying).
 */
describe('compressed request bodies are refused before they are read (415), in local and app-id mode', function () {
  this.timeout(120_000);
  const issuer = new TokenIssuer();
  let bundle: Awaited<ReturnType<typeof bundledBot>>;
  // 64 MiB of zeros: about 64 KB compressed, well under the body limit, as an attacker would send it.
  const zeros = Buffer.alloc(64 * 1024 * 1024);
  const gzipBomb = gzipSync(zeros, { level: 9 });
  const deflateBomb = deflateSync(zeros, { level: 9 });
  const garbage = Buffer.from('this is not compressed at all, but says it is');
  // An event: read and handled, with nothing to reply (so no call to a connector).
  const activity = Buffer.from(JSON.stringify({ ...message(ALEX, 'http://127.0.0.1:9/', 'help'), type: 'event', name: 'ping' }));

  before(async () => {
    await issuer.start();
    bundle = await bundledBot();
  });
  after(async () => {
    await issuer.stop();
    bundle?.remove();
  });

  const modes: [string, () => Record<string, string>][] = [
    ['local mode', () => ({})],
    ['app-id mode, no token', () => ({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret', ToBotFromChannelOpenIdMetadataUrl: issuer.metadataUrl, ToBotFromChannelTokenIssuer: issuer.issuer })],
  ];

  for (const [mode, env] of modes) {
    it(`${mode}: gzip, deflate and br bodies (garbage and bombs) to /api/messages and /checkin/submit get 415; the process lives, /healthz answers, RSS grows < 20 MB`, async () => {
      const bot = await new BotProcess({ STORAGE_CONNECTION_STRING: testConnectionString(), TABLE_PREFIX: uniquePrefix(), SEEDS_DIR: FIXTURE_SEEDS, SCHEDULER: 'off', LOG_LEVEL: 'warn', ...env() }, bundle.entry).start();
      try {
        assert.equal((await fetch(`${bot.url}/healthz`)).status, 200);
        const before = rssOf(bot.pid!);
        const bodies: [string, string, Buffer][] = [
          ['gzip garbage', 'gzip', garbage],
          ['deflate garbage', 'deflate', garbage],
          ['br garbage', 'br', garbage],
          ['GZIP (upper case) garbage', 'GZIP', garbage],
          ['gzip bomb', 'gzip', gzipBomb],
          ['deflate bomb', 'deflate', deflateBomb],
          ['br-compressed activity', 'br', brotliCompressSync(activity)],
          ['gzip-compressed activity', 'gzip', gzipSync(activity)],
          ['gzip then identity', 'gzip, identity', gzipSync(activity)],
        ];
        for (const route of ['/api/messages', '/checkin/submit?token=x']) {
          for (const [name, encoding, body] of bodies) {
            const res = await fetch(`${bot.url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': encoding }, body });
            const text = await res.text();
            assert.equal(res.status, 415, `${route}, ${name}: ${res.status} ${text.slice(0, 200)}`);
            assert.match(text, /not accepted compressed/, `${route}, ${name}: our words, not the library's`);
            assert.equal(bot.exitCode, null, `${route}, ${name}: the process ended:\n${bot.output}`);
          }
        }
        assert.equal((await fetch(`${bot.url}/healthz`)).status, 200, 'still answers');
        const growth = rssOf(bot.pid!) - before;
        assert.ok(growth < 20 * 1024 * 1024, `RSS grew by ${(growth / 1024 / 1024).toFixed(1)} MB`);
        // `identity` means "not encoded": such a body is read as usual.
        const plain = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'identity' }, body: activity });
        assert.notEqual(plain.status, 415);
      } finally {
        await bot.stop();
      }
    });
  }
});
