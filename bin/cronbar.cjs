#!/usr/bin/env node
// The `cronbar` command. The CLI itself is bundled by `npm install` (scripts/build-cli.mjs).
const path = require('node:path');
const entry = path.join(__dirname, '..', 'out', 'cli', 'cronbar.cjs');
try {
  require.resolve(entry);
} catch {
  console.error('cronbar: the CLI is not built yet; run `npm run build:cli` (npm install does it too).');
  process.exit(2);
}
require(entry).main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error) => { console.error(`cronbar: ${error && error.stack ? error.stack : error}`); process.exitCode = 1; },
);
