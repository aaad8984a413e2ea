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
// V8's compile cache (Node >= 22.1): later starts reuse the compiled bundle and modules. Node 20 has none (a cache of
// our own through vm.Script measured no faster there: V8 compiles the bundle lazily already).
const Module = require('node:module');
if (typeof Module.enableCompileCache === 'function') {
  try {
    Module.enableCompileCache();
  } catch {
    // A read-only or missing cache directory: start without it.
  }
}
require(entry).main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error) => { console.error(`cronbar: ${error && error.stack ? error.stack : error}`); process.exitCode = 1; },
);
