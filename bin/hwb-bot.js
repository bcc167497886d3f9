#!/usr/bin/env node
// The hwb-bot command line. Runs the TypeScript source through tsx in a checkout (always current),
// or the compiled dist/ where dev dependencies are not installed.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const src = join(__dirname, '..', 'src', 'cli', 'main.ts');
let useSource = false;
try {
  require.resolve('tsx/cjs');
  useSource = existsSync(src);
} catch {
  useSource = false;
}
if (useSource) {
  require('tsx/cjs');
  require(src);
} else {
  require(join(__dirname, '..', 'dist', 'src', 'cli', 'main.js'));
}
