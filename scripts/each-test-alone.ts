/**
 * Runs every test (`it`) of the given files on its own, as `mocha --grep "<its full title>"`
 * would: only that test and the hooks of the suites around it. A test that leans on one before
 * it (state a previous `it` left in the file, a row it stored) fails here.
 *
 * One process for all of it, so Node, tsx and Azurite start once (a process per test costs
 * 5–30 s each on a busy machine): each run loads the spec file afresh, and a file's tests run in
 * reverse order, so none can find what an earlier test of its file left behind in a module both
 * import.
 *
 *   node --require tsx/cjs scripts/each-test-alone.ts test/journey/projects.test.ts …
 */
import { resolve } from 'node:path';
import Mocha from 'mocha';
import { startAzurite } from '../src/store/azurite-embedded';

/** As `.mocharc.json` sets it for the fast suite. */
const TIMEOUT_MS = 20_000;

function titlesOf(suite: Mocha.Suite): string[] {
  return [...suite.tests.map((t) => t.fullTitle()), ...suite.suites.flatMap(titlesOf)];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function listTests(file: string): Promise<string[]> {
  const mocha = new Mocha();
  mocha.addFile(file);
  await mocha.loadFilesAsync();
  const titles = titlesOf(mocha.suite);
  mocha.unloadFiles();
  mocha.dispose();
  return titles;
}

async function runAlone(file: string, title: string): Promise<{ passed: number; failures: string[] }> {
  const mocha = new Mocha({ timeout: TIMEOUT_MS, reporter: 'base' });
  mocha.addFile(file);
  mocha.grep(new RegExp(`^${escapeRegExp(title)}$`));
  await mocha.loadFilesAsync();
  const failures: string[] = [];
  let passed = 0;
  await new Promise<void>((done) => {
    const runner = mocha.run(() => done());
    runner.on('pass', () => (passed += 1));
    runner.on('fail', (t, err: Error) => failures.push(`${t.fullTitle()}\n    ${err.stack ?? err.message}`));
  });
  mocha.unloadFiles();
  mocha.dispose();
  return { passed, failures };
}

async function main(): Promise<number> {
  const files = process.argv.slice(2).map((f) => resolve(f));
  if (files.length === 0) {
    console.error('usage: each-test-alone.ts <test file>…');
    return 2;
  }
  const azurite = await startAzurite({});
  process.env.TEST_STORAGE_CONNECTION_STRING = azurite.connectionString;
  const started = Date.now();
  let failed = 0;
  let ran = 0;
  try {
    for (const file of files) {
      const titles = await listTests(file);
      for (const title of [...titles].reverse()) {
        const t0 = Date.now();
        const { passed, failures } = await runAlone(file, title);
        ran += 1;
        if (passed === 1 && failures.length === 0) {
          console.log(`  ✔ alone (${((Date.now() - t0) / 1000).toFixed(1)} s): ${title}`);
        } else {
          failed += 1;
          console.log(`  ✘ alone: ${title}${passed === 0 && failures.length === 0 ? '\n    (it did not run)' : ''}`);
          for (const f of failures) console.log(`    ${f}`);
        }
      }
    }
  } finally {
    await azurite.close();
  }
  console.log(`${ran - failed} of ${ran} tests pass alone (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
