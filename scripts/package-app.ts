/**
 * `npm run package`: the Teams app package, manifest/build/appPackage.zip.
 *
 * Takes manifest/manifest.json and its two icons, fills in
 *   - the bot id from MicrosoftAppId or BOT_ID (environment or .env); without one, a GUID of zeros, which is
 *     fine for the Agents Playground but not for a tenant,
 *   - the version from package.json,
 *   - validDomains from BOT_DOMAIN (the host of the bot's messaging endpoint), when set,
 *   - the tabs' addresses on BOT_DOMAIN (the personal "Boards" tab and the channel tab's
 *     configuration page); without BOT_DOMAIN the package has no tabs, only the bot,
 *   - webApplicationInfo with a real app id: the Entra app whose API the tab signs in to
 *     (TAB_SSO_APP_ID, else the bot's app id) and its Application ID URI api://<BOT_DOMAIN>/<app id>,
 *   - the Teams app id from TEAMS_APP_ID, when set (otherwise the one in manifest.json),
 * and writes manifest/build/manifest.json, its icons, and appPackage.zip (manifest.json, color.png, outline.png
 * at the root of the zip, as Teams expects).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { zipSync } from 'fflate';

export const ROOT = resolve(__dirname, '..');
export const MANIFEST_DIR = join(ROOT, 'manifest');
export const LOCAL_BOT_ID = '00000000-0000-0000-0000-000000000000';

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
/** A bare host name (with an optional port or a leading wildcard), as validDomains wants it. */
const DOMAIN = /^(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(:\d+)?$/;

export class PackageError extends Error {
  override name = 'PackageError';
}

export interface PackageOptions {
  /** Environment to read MicrosoftAppId, BOT_DOMAIN, TAB_SSO_APP_ID and TEAMS_APP_ID from. */
  env?: NodeJS.ProcessEnv;
  /** Where manifest.json, appPackage.zip go; manifest/build by default. */
  outDir?: string;
  /** Folder with manifest.json and the icons; manifest/ by default. */
  sourceDir?: string;
}

export interface BuiltPackage {
  zipPath: string;
  manifestPath: string;
  manifest: Record<string, unknown>;
  botId: string;
  localPlaceholder: boolean;
}

/** The host the source manifest's tab addresses are written with; packaging puts BOT_DOMAIN in its place. */
export const TAB_HOST_PLACEHOLDER = 'hwb-bot.example.org';

interface TabEntry {
  entityId?: string;
  contentUrl?: string;
  configurationUrl?: string;
  [key: string]: unknown;
}

interface BotEntry {
  botId: string;
  [key: string]: unknown;
}

export function buildAppPackage(options: PackageOptions = {}): BuiltPackage {
  const env = options.env ?? process.env;
  const sourceDir = options.sourceDir ?? MANIFEST_DIR;
  const outDir = options.outDir ?? join(MANIFEST_DIR, 'build');
  const manifest = JSON.parse(readFileSync(join(sourceDir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

  // BOT_ID: the ARM template's output, as the Agents Toolkit passes it (m365agents.yml).
  const appId = (env.MicrosoftAppId || env.BOT_ID || '').trim();
  if (appId !== '' && !GUID.test(appId)) throw new PackageError(`MicrosoftAppId "${appId}" is not a GUID. Copy the app id (client id) of your Azure Bot resource.`);
  const botId = appId === '' ? LOCAL_BOT_ID : appId.toLowerCase();

  const teamsAppId = (env.TEAMS_APP_ID ?? '').trim();
  if (teamsAppId !== '' && !GUID.test(teamsAppId)) throw new PackageError(`TEAMS_APP_ID "${teamsAppId}" is not a GUID.`);

  const domain = hostOf((env.BOT_DOMAIN ?? '').trim());
  if (domain !== '' && !DOMAIN.test(domain)) throw new PackageError(`BOT_DOMAIN "${env.BOT_DOMAIN}" is not a host name, e.g. hwb-bot.azurewebsites.net.`);

  const ssoAppId = (env.TAB_SSO_APP_ID ?? '').trim();
  if (ssoAppId !== '' && !GUID.test(ssoAppId)) throw new PackageError(`TAB_SSO_APP_ID "${ssoAppId}" is not a GUID. Copy the application (client) id of the app registration that exposes the tab's API.`);

  const bots = manifest.bots as BotEntry[] | undefined;
  if (!bots || bots.length !== 1) throw new PackageError('manifest.json must declare exactly one bot.');
  bots[0]!.botId = botId;
  manifest.version = version;
  if (teamsAppId !== '') manifest.id = teamsAppId.toLowerCase();
  if (domain !== '') {
    const existing = (manifest.validDomains as string[] | undefined) ?? [];
    manifest.validDomains = [...new Set([...existing, domain])];
  }
  placeTabs(manifest, domain);
  // The Entra app the tab's single sign-on asks a token for: TAB_SSO_APP_ID (an app registration,
  // as a managed identity cannot expose an API), else the bot's own app id. Graph lets an app
  // install only the Teams app whose webApplicationInfo.id is its own
  // (TeamsAppInstallation.ReadWriteSelfForUser.All), so with a separate TAB_SSO_APP_ID that is
  // the one Graph install must run as (README, "The Teams tabs").
  const webAppId = ssoAppId !== '' ? ssoAppId.toLowerCase() : botId;
  if (webAppId !== LOCAL_BOT_ID) manifest.webApplicationInfo = { id: webAppId, ...(domain !== '' ? { resource: `api://${domain}/${webAppId}` } : {}) };

  const icons = manifest.icons as Record<string, string>;
  const files: Record<string, Uint8Array> = { 'manifest.json': Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') };
  for (const icon of Object.values(icons)) files[icon] = readFileSync(join(sourceDir, icon));

  mkdirSync(outDir, { recursive: true });
  const manifestPath = join(outDir, 'manifest.json');
  const zipPath = join(outDir, 'appPackage.zip');
  writeFileSync(manifestPath, files['manifest.json']!);
  // The icons beside the manifest too, so the Agents Toolkit's teamsApp/zipAppPackage can zip this folder.
  for (const icon of Object.values(icons)) writeFileSync(join(outDir, icon), files[icon]!);
  // A fixed timestamp keeps the zip byte-for-byte the same for the same inputs.
  writeFileSync(zipPath, zipSync(files, { level: 9, mtime: new Date('2020-01-01T00:00:00Z') }));
  return { zipPath, manifestPath, manifest, botId, localPlaceholder: botId === LOCAL_BOT_ID };
}

/**
 * The tabs live on the bot's own host: their addresses get BOT_DOMAIN. Without it there is no
 * address Teams could load, so the package carries the bot alone (the Agents Playground ignores
 * tabs anyway) and keeps the bot's chat tab as it is without static tabs.
 */
function placeTabs(manifest: Record<string, unknown>, domain: string): void {
  const staticTabs = (manifest.staticTabs as TabEntry[] | undefined) ?? [];
  const configurableTabs = (manifest.configurableTabs as TabEntry[] | undefined) ?? [];
  if (domain === '') {
    delete manifest.staticTabs;
    delete manifest.configurableTabs;
    return;
  }
  const onDomain = (url: string | undefined) => {
    if (url === undefined) return undefined;
    const parsed = new URL(url);
    if (parsed.host !== TAB_HOST_PLACEHOLDER) throw new PackageError(`manifest.json: the tab address ${url} should be on ${TAB_HOST_PLACEHOLDER}, which packaging replaces with BOT_DOMAIN.`);
    return `https://${domain}${parsed.pathname}${parsed.search}`;
  };
  for (const tab of [...staticTabs, ...configurableTabs]) {
    for (const field of ['contentUrl', 'configurationUrl', 'websiteUrl'] as const) {
      const placed = onDomain(tab[field] as string | undefined);
      if (placed !== undefined) tab[field] = placed;
    }
  }
}

/** Accepts a bare host or a URL (https://host/api/messages) and returns the host. */
function hostOf(value: string): string {
  if (!/^[a-z]+:\/\//i.test(value)) return value;
  try {
    return new URL(value).host;
  } catch {
    return value;
  }
}

if (require.main === module) {
  loadDotenv({ quiet: true });
  try {
    const built = buildAppPackage();
    console.log(`Wrote ${built.zipPath}`);
    console.log(`  app ${String(built.manifest.id)}, version ${String(built.manifest.version)}, bot ${built.botId}`);
    if (built.localPlaceholder) {
      console.log('  The bot id is a placeholder (no MicrosoftAppId): fine for local tests, but Teams needs the app id of your Azure Bot resource.');
      console.log('  Set MicrosoftAppId (and BOT_DOMAIN, the host of your messaging endpoint) and run `npm run package` again.');
    }
    if (((built.manifest.validDomains as string[] | undefined) ?? []).length === 0) console.log('  validDomains is empty and the package has no tabs: set BOT_DOMAIN to your bot\'s host for both.');
  } catch (e) {
    if (!(e instanceof PackageError)) throw e;
    console.error(`Cannot package: ${e.message}`);
    process.exit(1);
  }
}
