import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppManifestUtils, TeamsManifestConverter } from '@microsoft/app-manifest';
import { parse as parseDotenv } from 'dotenv';
import { parse } from 'yaml';
import { buildAppPackage } from '../../scripts/package-app';

const ROOT = join(__dirname, '..', '..');

interface Action {
  uses: string;
  with?: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
}
interface Project {
  version: string;
  environmentFolderPath?: string;
  provision?: Action[];
  deploy?: Action[];
  publish?: Action[];
}

function project(file: string): Project {
  const doc = parse(readFileSync(join(ROOT, file), 'utf8'), { prettyErrors: true, strict: true }) as Project;
  assert.match(doc.version, /^v1\.\d+$/, `${file}: version`);
  return doc;
}

const template = JSON.parse(readFileSync(join(ROOT, 'infra', 'azuredeploy.json'), 'utf8')) as { outputs: Record<string, unknown> };
/** What `npm run package` writes (scripts/package-app.ts), which later steps read. */
const PACKAGE_OUTPUT = ['manifest/build/manifest.json', 'manifest/build/color.png', 'manifest/build/outline.png'];
/** Keys whose values are paths in the project. */
const PATH_KEYS = new Set(['path', 'parameters', 'manifestPath', 'appPackagePath', 'outputZipPath', 'outputFolder', 'artifactFolder', 'ignoreFile', 'target']);
/** Variables the toolkit itself provides. */
const TOOLKIT_VARIABLES = new Set(['TEAMSFX_ENV', 'AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP_NAME', 'APP_NAME_SUFFIX']);

const placeholders = (text: string) => [...text.matchAll(/\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)].map((m) => m[1]!);
const at = (p: string) => p.replace(/^\.\//, '');

/** Every path an action names, in order, with the paths earlier actions produce. */
function checkPaths(file: string, lifecycle: Action[], produced: Set<string>): void {
  for (const action of lifecycle) {
    const inputs: string[] = [];
    const visit = (value: unknown, key = ''): void => {
      if (Array.isArray(value)) value.forEach((v) => visit(v, key));
      else if (value && typeof value === 'object') Object.entries(value).forEach(([k, v]) => visit(v, k));
      else if (typeof value === 'string' && PATH_KEYS.has(key)) inputs.push(key === 'outputZipPath' || key === 'outputFolder' || key === 'target' ? `>${value}` : value);
    };
    visit(action.with);
    for (const raw of inputs) {
      const output = raw.startsWith('>');
      const path = at(raw.replace(/^>/, '').replace('${{TEAMSFX_ENV}}', 'dev'));
      if (output) {
        produced.add(path);
        continue;
      }
      assert.ok(existsSync(join(ROOT, path)) || produced.has(path), `${file}: ${action.uses} names ${path}, which neither exists nor is made by an earlier step`);
    }
    if (action.uses === 'script' && String(action.with?.run) === 'npm run package') PACKAGE_OUTPUT.forEach((p) => produced.add(p));
    if (action.uses === 'teamsApp/zipAppPackage') produced.add(at(String(action.with!.outputZipPath).replace('${{TEAMSFX_ENV}}', 'dev')));
  }
}

describe('Agents Toolkit project (m365agents.yml)', () => {
  it('m365agents.yml parses and has provision, deploy and publish in the order the issue asks', () => {
    const p = project('m365agents.yml');
    assert.deepEqual(
      p.provision!.map((a) => a.uses),
      ['teamsApp/create', 'arm/deploy', 'script', 'teamsApp/validateManifest', 'teamsApp/zipAppPackage', 'teamsApp/validateAppPackage', 'teamsApp/update'],
    );
    assert.deepEqual(
      p.deploy!.map((a) => [a.uses, a.with?.args ?? '']),
      [
        ['cli/runNpmCommand', 'ci'],
        ['cli/runNpmCommand', 'run build'],
        ['azureAppService/zipDeploy', ''],
      ],
    );
    assert.equal(p.publish!.at(-1)!.uses, 'teamsApp/publishAppPackage');
    const arm = p.provision![1]!.with as { templates: { path: string; parameters: string }[] };
    assert.deepEqual(arm.templates.map((t) => t.path), ['./infra/azuredeploy.json']);
  });

  it('m365agents.yml and m365agents.local.yml name only files that exist or that an earlier step makes', () => {
    for (const file of ['m365agents.yml', 'm365agents.local.yml']) {
      const p = project(file);
      assert.ok(existsSync(join(ROOT, p.environmentFolderPath ?? './env')), `${file}: environment folder`);
      const produced = new Set<string>();
      for (const lifecycle of [p.provision, p.deploy, p.publish]) if (lifecycle) checkPaths(file, lifecycle, produced);
    }
    // The path checker does fail on a missing file.
    assert.throws(() => checkPaths('broken.yml', [{ uses: 'teamsApp/validateManifest', with: { manifestPath: './manifest/nothing.json' } }], new Set()), /names manifest\/nothing\.json/);
  });

  it('every ${{VARIABLE}} is the toolkit\'s, in env/.env.dev, a secret in .env.dev.user, or written by an earlier step (the template\'s outputs)', () => {
    const dev = parseDotenv(readFileSync(join(ROOT, 'env', '.env.dev')));
    const known = new Set([...TOOLKIT_VARIABLES, ...Object.keys(dev), ...Object.keys(template.outputs), 'TEAMS_APP_ID', 'TEAMS_APP_PUBLISHED_APP_ID']);
    for (const output of Object.keys(template.outputs)) assert.ok(output in dev, `env/.env.dev lists the output ${output}, which provision writes`);
    for (const file of ['m365agents.yml', 'm365agents.local.yml', 'infra/azuredeploy.parameters.dev.json']) {
      for (const name of placeholders(readFileSync(join(ROOT, file), 'utf8'))) assert.ok(known.has(name) || name.startsWith('SECRET_'), `${file}: \${{${name}}} is set nowhere`);
    }
    assert.ok(placeholders(readFileSync(join(ROOT, 'infra', 'azuredeploy.parameters.dev.json'), 'utf8')).includes('SECRET_SMTP_PASSWORD'), 'the SMTP password comes from the .user file');
  });

  it('the app package built from the template\'s outputs validates, with webApplicationInfo and validDomains', async () => {
    const out = mkdtempSync(join(tmpdir(), 'hwb-package-'));
    try {
      // What provision hands `npm run package`: the template's outputs and teamsApp/create's id.
      const env = { BOT_ID: '3f2504e0-4f89-11d3-9a0c-0305e82c3301', BOT_DOMAIN: 'hwbabcdef-app.azurewebsites.net', TEAMS_APP_ID: 'ff29706a-017a-429e-9175-1c13509b6703' };
      const built = buildAppPackage({ outDir: out, env });
      const manifest = built.manifest as { bots: { botId: string }[]; webApplicationInfo?: { id: string; resource?: string }; validDomains?: string[] };
      assert.equal(manifest.bots[0]!.botId, env.BOT_ID);
      assert.deepEqual(manifest.webApplicationInfo, { id: env.BOT_ID, resource: `api://${env.BOT_DOMAIN}/${env.BOT_ID}` });
      // The tabs are on the bot's host, where tab single sign-on's Application ID URI is.
      assert.equal((built.manifest.configurableTabs as { configurationUrl: string }[])[0]!.configurationUrl, `https://${env.BOT_DOMAIN}/tab/config`);
      assert.deepEqual(manifest.validDomains, [env.BOT_DOMAIN]);
      for (const f of ['manifest.json', 'color.png', 'outline.png', 'appPackage.zip']) assert.ok(existsSync(join(out, f)), f);
      const realFetch = globalThis.fetch;
      globalThis.fetch = () => Promise.reject(new Error('validation must not use the network'));
      try {
        assert.deepEqual(await AppManifestUtils.validateAgainstSchema(TeamsManifestConverter.jsonToManifest(readFileSync(built.manifestPath, 'utf8'))), []);
      } finally {
        globalThis.fetch = realFetch;
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
