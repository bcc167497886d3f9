import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { BotHarness } from '../support/bot-harness';

/**
 * The tab pages as the bot serves them: a strict Content Security Policy (no inline script or
 * style, scripts only from the bot), framing allowed to Teams and Microsoft 365 only, TeamsJS
 * from the bot's own node_modules (no CDN), and every message readable in the HTML.
 */
describe('Teams tab pages', function () {
  this.timeout(60_000);
  let bot: BotHarness;
  before(async () => {
    bot = await new BotHarness().start();
  });
  after(async () => bot?.stop());

  function directives(csp: string): Map<string, string[]> {
    return new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name!, values]));
  }

  for (const path of ['/tab/boards', '/tab/config']) {
    it(`${path}: strict CSP, no inline script or style, Teams may frame it, and every script and stylesheet it names is served`, async () => {
      const res = await fetch(`${bot.app.url}${path}`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
      const csp = directives(res.headers.get('content-security-policy') ?? '');
      assert.deepEqual(csp.get('default-src'), ["'none'"]);
      assert.deepEqual(csp.get('script-src'), ["'self'"]);
      assert.deepEqual(csp.get('style-src'), ["'self'"]);
      for (const host of ['https://teams.microsoft.com', 'https://*.teams.microsoft.com', 'https://*.cloud.microsoft']) assert.ok(csp.get('frame-ancestors')?.includes(host), `frame-ancestors lacks ${host}`);
      assert.ok(!csp.get('frame-ancestors')?.includes('*'), 'not framable by any site');
      assert.equal(res.headers.get('cache-control'), 'no-store');

      const page = await res.text();
      const scripts = [...page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
      assert.equal(scripts.length, 3, 'TeamsJS, the tabs\' shared script and the page\'s own');
      for (const [, attrs, body] of scripts) {
        assert.match(attrs!, /\ssrc="\/tab\/assets\/[a-z.-]+\.js"/);
        assert.equal(body!.trim(), '', 'no inline script');
      }
      assert.doesNotMatch(page, /<style\b|\sstyle="|\son[a-z]+="/i, 'no inline style or event handler');
      for (const [, src] of page.matchAll(/(?:src|href)="(\/tab\/assets\/[^"]+)"/g)) {
        const asset = await fetch(`${bot.app.url}${src}`);
        assert.equal(asset.status, 200, src);
        assert.match(asset.headers.get('content-type') ?? '', src!.endsWith('.css') ? /^text\/css/ : /^text\/javascript/);
        assert.ok((await asset.text()).length > 100, `${src} has content`);
      }
      // Said before any script runs, and by the script without asking the server.
      assert.match(page, /<noscript>[\s\S]*This tab needs JavaScript/);
      assert.match(page, /id="outside-teams"[^>]*hidden[\s\S]*Open this tab in Teams[\s\S]*the link the bot&#39;s &quot;board&quot; command gives/);
    });
  }

  it('TeamsJS is the pinned 2.58.0 from node_modules, byte for byte', async () => {
    const served = await (await fetch(`${bot.app.url}/tab/assets/teams-js.min.js`)).text();
    assert.equal(served, readFileSync(require.resolve('@microsoft/teams-js/dist/umd/MicrosoftTeams.min.js'), 'utf8'));
    assert.ok(served.includes('"2.58.0"'), 'version 2.58.0');
  });

  it('the channel tab page has a labelled board picker; the personal tab a place to choose among boards', async () => {
    const config = await (await fetch(`${bot.app.url}/tab/config`)).text();
    assert.match(config, /<label for="board">Board to show in this channel<\/label><select id="board"/);
    const boards = await (await fetch(`${bot.app.url}/tab/boards`)).text();
    assert.match(boards, /<section id="choose" hidden aria-labelledby="choose-title">/);
  });
});
