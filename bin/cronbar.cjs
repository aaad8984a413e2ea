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
// A reader that goes away (`cronbar history | head`) is not an error: later writes are dropped and the command ends as
// it would have (a `cronbar run` still records its whole run), instead of dying with a stack trace on EPIPE.
const droppedReader = (error) => {
  if (error && (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED')) return;
  throw error;
};
process.stdout.on('error', droppedReader);
process.stderr.on('error', droppedReader);
require(entry)
  .main(process.argv.slice(2))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      // main() reports its own errors; this is the last resort (the stream to report on failed). Still one line.
      const debug = process.env.CRONBAR_DEBUG === '1' || process.argv.includes('--debug');
      const message = error && error.message ? error.message : String(error);
      console.error(`cronbar: ${message} (run again with --debug for the details)`);
      if (debug && error && error.stack) console.error(error.stack);
      process.exitCode = 1;
    },
  );
