import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { AppManifestUtils, TeamsManifestConverter, type TeamsManifest } from '@microsoft/app-manifest';
import { unzipSync } from 'fflate';
import { PNG } from 'pngjs';
import { buildAppPackage, LOCAL_BOT_ID, MANIFEST_DIR, PackageError, ROOT, TAB_HOST_PLACEHOLDER } from '../../scripts/package-app';
import { parseCommand } from '../../src/bot/commands';
import { COMMANDS } from '../../src/cards/help-card';

/** The Teams schemas that ship inside @microsoft/app-manifest: validation needs no network. */
const SCHEMAS_DIR = join(dirname(require.resolve('@microsoft/app-manifest')), 'json-schemas', 'teams');
const PACKAGE_VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

interface JsonSchema {
  maxItems?: number;
  maxLength?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
}

function newestOfflineVersion(): string {
  const versions = readdirSync(SCHEMAS_DIR)
    .filter((d) => /^v\d+\.\d+$/.test(d) && existsSync(join(SCHEMAS_DIR, d, 'MicrosoftTeams.schema.json')))
    .map((d) => d.slice(1));
  return versions.sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]) || Number(a.split('.')[0]) - Number(b.split('.')[0])).at(-1)!;
}

function offlineSchema(version: string): Record<string, unknown> & { properties: Record<string, JsonSchema> } {
  return JSON.parse(readFileSync(join(SCHEMAS_DIR, `v${version}`, 'MicrosoftTeams.schema.json'), 'utf8')) as Record<string, unknown> & { properties: Record<string, JsonSchema> };
}

/** Validates with the package's own converter (type check) and its schema check, with the network switched off. */
async function validate(json: string): Promise<string[]> {
  const realFetch = globalThis.fetch;
  globalThis.fetch = () => Promise.reject(new Error('the manifest test must not use the network'));
  try {
    const manifest: TeamsManifest = TeamsManifestConverter.jsonToManifest(json);
    return await AppManifestUtils.validateAgainstSchema(manifest);
  } finally {
    globalThis.fetch = realFetch;
  }
}

interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
}

/** Width, height, bit depth and colour type from the PNG signature and IHDR chunk. */
function pngHeader(bytes: Uint8Array): PngHeader {
  const buf = Buffer.from(bytes);
  assert.deepEqual([...buf.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'not a PNG file (signature)');
  assert.equal(buf.toString('latin1', 12, 16), 'IHDR', 'the first chunk of a PNG must be IHDR');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20), bitDepth: buf[24]!, colorType: buf[25]! };
}

/** Teams' outline icon: white on a fully transparent background, nothing else. */
function assertWhiteOnTransparent(bytes: Uint8Array): void {
  const png = PNG.sync.read(Buffer.from(bytes));
  let transparent = 0;
  let opaque = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const [r, g, b, a] = [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!, png.data[i + 3]!];
    if (a === 0) transparent += 1;
    else {
      assert.deepEqual([r, g, b], [255, 255, 255], `pixel ${i / 4} is not white: rgba(${r}, ${g}, ${b}, ${a})`);
      if (a === 255) opaque += 1;
    }
  }
  const pixels = png.width * png.height;
  for (const corner of [0, png.width - 1, pixels - png.width, pixels - 1]) assert.equal(png.data[corner * 4 + 3], 0, `corner pixel ${corner} must be transparent`);
  assert.ok(transparent > pixels / 3, `the background must be transparent (${transparent} of ${pixels} pixels are)`);
  assert.ok(opaque > 40, `the symbol must be visible (${opaque} opaque pixels)`);
}

function assertIcons(files: Record<string, Uint8Array>, manifest: { icons: { color: string; outline: string } }): void {
  const color = pngHeader(files[manifest.icons.color]!);
  assert.deepEqual([color.width, color.height], [192, 192], 'colour icon must be 192×192');
  const outline = pngHeader(files[manifest.icons.outline]!);
  assert.deepEqual([outline.width, outline.height], [32, 32], 'outline icon must be 32×32');
  // Colour type 6 is RGBA; 4 is grey + alpha. Either carries the transparency.
  assert.ok([4, 6].includes(outline.colorType), `outline icon needs an alpha channel (colour type ${outline.colorType})`);
  assertWhiteOnTransparent(files[manifest.icons.outline]!);
}

describe('Teams app package', () => {
  const sourceJson = readFileSync(join(MANIFEST_DIR, 'manifest.json'), 'utf8');
  const source = JSON.parse(sourceJson) as Record<string, unknown> & {
    $schema: string;
    manifestVersion: string;
    icons: { color: string; outline: string };
    bots: { botId: string; scopes: string[]; commandLists: { scopes: string[]; commands: { title: string; description?: string }[] }[] }[];
    name: { short: string; full?: string };
    description: { short: string; full: string };
    validDomains?: string[];
  };
  let tmp: string;

  beforeEach(() => {
    tmp = mkdtempSync(join(tmpdir(), 'hwb-package-'));
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('manifest.json is on the newest schema the package validates offline, and valid against it', async () => {
    const newest = newestOfflineVersion();
    assert.equal(source.manifestVersion, newest);
    assert.equal(source.$schema, `https://developer.microsoft.com/json-schemas/teams/v${newest}/MicrosoftTeams.schema.json`);
    assert.deepEqual(await validate(sourceJson), []);
  });

  it('the validation really checks: a broken manifest is refused', async () => {
    const broken = JSON.parse(sourceJson) as typeof source;
    broken.bots[0]!.botId = 'not-a-guid';
    broken.name.short = 'A name far longer than Teams allows for short';
    const failures = await validate(JSON.stringify(broken));
    assert.ok(failures.some((f) => f.includes('/bots/0/botId')), failures.join('\n'));
    assert.ok(failures.some((f) => f.includes('/name/short')), failures.join('\n'));
  });

  it('the bot works in personal chats, teams and group chats, with its commands in each', () => {
    const [bot] = source.bots;
    assert.deepEqual([...bot!.scopes].sort(), ['groupChat', 'personal', 'team']);
    const listed = new Set(bot!.commandLists.flatMap((l) => l.scopes));
    assert.deepEqual([...listed].sort(), ['groupChat', 'personal', 'team']);
    const personal = bot!.commandLists.find((l) => l.scopes.includes('personal'))!.commands.map((c) => c.title);
    for (const command of ['help', 'checkin', 'status', 'summary']) assert.ok(personal.includes(command), `personal commands lack ${command}`);
  });

  it('command lists stay within the schema\'s limits, and Teams\' older 32/128-character ones', () => {
    const commandLists = offlineSchema(source.manifestVersion).properties.bots!.items!.properties!.commandLists!;
    const commands = commandLists.items!.properties!.commands!;
    const limits = commands.items!.properties!;
    const [bot] = source.bots;
    assert.ok(bot!.commandLists.length <= commandLists.maxItems!, `at most ${commandLists.maxItems} command lists`);
    for (const list of bot!.commandLists) {
      // Teams clients show at most 10 commands per scope, whatever the schema allows.
      assert.ok(list.commands.length <= Math.min(commands.maxItems!, 10), `at most ${Math.min(commands.maxItems!, 10)} commands per list`);
      for (const c of list.commands) {
        assert.ok(c.title.length <= Math.min(limits.title!.maxLength!, 32), `title too long: ${c.title}`);
        assert.ok((c.description ?? '').length <= Math.min(limits.description!.maxLength!, 128), `description too long: ${c.title}`);
      }
    }
  });

  it('every command on the menu is one the bot understands and its help card lists', () => {
    const helped = COMMANDS.map(([usage]) => usage.replace(/\s*[<[].*$/, ''));
    for (const c of source.bots[0]!.commandLists.flatMap((l) => l.commands)) {
      // Teams puts the title in the compose box; some commands then need an argument ("status 19").
      const understood = parseCommand(c.title).name !== 'unknown' || parseCommand(`${c.title} 19`).name !== 'unknown';
      assert.ok(understood, `the bot does not understand "${c.title}"`);
      if (c.title !== 'back') assert.ok(helped.some((h) => h.startsWith(c.title)), `the help card does not list "${c.title}"`);
    }
  });

  it('the command menu offers every command the help card lists', () => {
    const titles = new Set(source.bots[0]!.commandLists.flatMap((l) => l.commands.map((c) => c.title)));
    for (const [usage] of COMMANDS) {
      const title = usage.replace(/\s*[<[].*$/, '');
      assert.ok(titles.has(title), `"${title}" is in the help card but not in manifest/manifest.json commandLists`);
    }
  });

  it('a board manager finds people, calendar and board on a menu and on the help card; the personal board link is offered only in a personal chat', () => {
    const menu = (scope: string) => source.bots[0]!.commandLists.find((l) => l.scopes.includes(scope))!.commands.map((c) => c.title);
    for (const command of ['people', 'calendar', 'board']) assert.ok(menu('personal').includes(command), `the personal menu lacks ${command}`);
    assert.ok(menu('team').includes('people'), 'the team menu lacks people');
    assert.ok(menu('groupChat').includes('calendar'), 'the group chat menu lacks calendar');
    // `board` answers with a link signed for the sender: in a channel or group chat everyone would see it.
    assert.ok(!menu('team').includes('board') && !menu('groupChat').includes('board'));
    const helped = COMMANDS.map(([usage]) => usage.replace(/\s*[<[].*$/, ''));
    for (const command of ['people', 'calendar', 'board']) assert.ok(helped.includes(command), `the help card lacks ${command}`);
  });

  it('names and descriptions are within Teams\' lengths and say what the bot is for', () => {
    assert.ok(source.name.short.length <= 30);
    assert.ok(source.description.short.length <= 80);
    assert.match(source.description.short, /check-ins/i);
    assert.match(source.description.full, /Health and Wellbeing Board/);
    assert.match(source.description.full, /Red, Amber or Green/);
  });

  it('icons are real PNGs: colour 192×192, outline 32×32 white on transparent', () => {
    const files = Object.fromEntries(Object.values(source.icons).map((f) => [f, readFileSync(join(MANIFEST_DIR, f))]));
    assertIcons(files, source);
  });

  it('packaging fills in the bot id, version and domain, and the zip validates with both icons', async () => {
    const botId = '3F2504E0-4F89-11D3-9A0C-0305E82C3301';
    const built = buildAppPackage({ outDir: tmp, env: { MicrosoftAppId: botId, BOT_DOMAIN: 'https://hwb-bot.azurewebsites.net/api/messages' } });
    const files = unzipSync(readFileSync(built.zipPath));
    assert.deepEqual(Object.keys(files).sort(), ['color.png', 'manifest.json', 'outline.png']);
    const json = Buffer.from(files['manifest.json']!).toString('utf8');
    assert.deepEqual(await validate(json), []);
    const manifest = JSON.parse(json) as typeof source & { version: string; id: string };
    assert.equal(manifest.bots[0]!.botId, botId.toLowerCase());
    assert.equal(manifest.version, PACKAGE_VERSION);
    assert.equal(manifest.id, (source as { id?: string }).id);
    assert.deepEqual(manifest.validDomains, ['hwb-bot.azurewebsites.net']);
    assertIcons(files, manifest);
    assert.equal(readFileSync(built.manifestPath, 'utf8'), json);
  });

  it('the tabs: a personal "Boards" tab beside the bot\'s chat, and a channel tab configured on its own page', () => {
    const tabs = source as unknown as { staticTabs: { entityId: string; name?: string; contentUrl?: string; scopes: string[] }[]; configurableTabs: { configurationUrl: string; canUpdateConfiguration: boolean; scopes: string[]; context: string[] }[] };
    // A bot with static tabs loses its chat tab unless "conversations" is listed.
    assert.deepEqual(tabs.staticTabs.map((t) => t.entityId), ['conversations', 'boards']);
    const boards = tabs.staticTabs.find((t) => t.entityId === 'boards')!;
    assert.equal(boards.name, 'Boards');
    assert.deepEqual(boards.scopes, ['personal']);
    assert.equal(new URL(boards.contentUrl!).pathname, '/tab/boards');
    assert.equal(tabs.configurableTabs.length, 1);
    assert.deepEqual(tabs.configurableTabs[0]!.scopes, ['team']);
    assert.deepEqual(tabs.configurableTabs[0]!.context, ['channelTab']);
    assert.equal(new URL(tabs.configurableTabs[0]!.configurationUrl).pathname, '/tab/config');
  });

  it('packaging puts the tabs on BOT_DOMAIN, and webApplicationInfo is the bot\'s app id with api://<domain>/<app id>', async () => {
    const botId = '7f3c2a10-5b6d-4e8f-9a0b-1c2d3e4f5a6b';
    const built = buildAppPackage({ outDir: tmp, env: { MicrosoftAppId: botId, BOT_DOMAIN: 'hwb-bot.azurewebsites.net' } });
    const json = Buffer.from(unzipSync(readFileSync(built.zipPath))['manifest.json']!).toString('utf8');
    assert.deepEqual(await validate(json), []);
    const manifest = JSON.parse(json) as { staticTabs: { contentUrl?: string }[]; configurableTabs: { configurationUrl: string }[]; webApplicationInfo: unknown; validDomains: string[] };
    assert.deepEqual(manifest.staticTabs.flatMap((t) => (t.contentUrl ? [t.contentUrl] : [])), ['https://hwb-bot.azurewebsites.net/tab/boards']);
    assert.equal(manifest.configurableTabs[0]!.configurationUrl, 'https://hwb-bot.azurewebsites.net/tab/config');
    assert.deepEqual(manifest.webApplicationInfo, { id: botId, resource: `api://hwb-bot.azurewebsites.net/${botId}` });
    assert.deepEqual(manifest.validDomains, ['hwb-bot.azurewebsites.net']);
    assert.ok(!json.includes(TAB_HOST_PLACEHOLDER), 'no placeholder host left');
  });

  it('with TAB_SSO_APP_ID (an app registration beside a managed identity) webApplicationInfo names that app', async () => {
    const sso = 'a1b2c3d4-0000-4000-8000-000000000001';
    const built = buildAppPackage({ outDir: tmp, env: { MicrosoftAppId: '7f3c2a10-5b6d-4e8f-9a0b-1c2d3e4f5a6b', BOT_DOMAIN: 'hwb-bot.azurewebsites.net', TAB_SSO_APP_ID: sso } });
    assert.deepEqual(built.manifest.webApplicationInfo, { id: sso, resource: `api://hwb-bot.azurewebsites.net/${sso}` });
    assert.deepEqual(await validate(readFileSync(built.manifestPath, 'utf8')), []);
    assert.throws(() => buildAppPackage({ outDir: tmp, env: { TAB_SSO_APP_ID: 'tab-app' } }), (e: unknown) => e instanceof PackageError && /TAB_SSO_APP_ID "tab-app" is not a GUID/.test(e.message));
  });

  it('without BOT_DOMAIN the package has no tabs (no address to load them from) and still validates', async () => {
    const built = buildAppPackage({ outDir: tmp, env: { MicrosoftAppId: '7f3c2a10-5b6d-4e8f-9a0b-1c2d3e4f5a6b' } });
    assert.equal(built.manifest.staticTabs, undefined);
    assert.equal(built.manifest.configurableTabs, undefined);
    assert.deepEqual(await validate(readFileSync(built.manifestPath, 'utf8')), []);
  });

  it('without MicrosoftAppId the bot id is a GUID of zeros, still a valid package', async () => {
    const built = buildAppPackage({ outDir: tmp, env: {} });
    assert.equal(built.botId, LOCAL_BOT_ID);
    assert.ok(built.localPlaceholder);
    assert.deepEqual(await validate(readFileSync(built.manifestPath, 'utf8')), []);
  });

  it('a bot id or domain that Teams would refuse stops packaging with a clear message', () => {
    assert.throws(() => buildAppPackage({ outDir: tmp, env: { MicrosoftAppId: 'my-bot' } }), (e: unknown) => e instanceof PackageError && /MicrosoftAppId "my-bot" is not a GUID/.test(e.message));
    assert.throws(() => buildAppPackage({ outDir: tmp, env: { BOT_DOMAIN: 'not a host' } }), (e: unknown) => e instanceof PackageError && /BOT_DOMAIN/.test(e.message));
    assert.throws(() => buildAppPackage({ outDir: tmp, env: { TEAMS_APP_ID: '123' } }), PackageError);
  });

  it('npm run package writes manifest/build/appPackage.zip', function () {
    this.timeout(30_000);
    const run = spawnSync(process.execPath, ['--require', 'tsx/cjs', join(ROOT, 'scripts', 'package-app.ts')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', MicrosoftAppId: '', BOT_DOMAIN: '' },
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /Wrote .*manifest[/\\]build[/\\]appPackage\.zip/);
    assert.match(run.stdout, /placeholder/);
    const files = unzipSync(readFileSync(join(MANIFEST_DIR, 'build', 'appPackage.zip')));
    assert.equal((JSON.parse(Buffer.from(files['manifest.json']!).toString('utf8')) as typeof source).bots[0]!.botId, LOCAL_BOT_ID);
  });
});
