// Bundles the `cronbar` CLI (plain Node, no Electron) to out/cli/cronbar.cjs. Runs on `npm install` (prepare) so
// `npx cronbar` works right after install.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const version = JSON.parse(readFileSync('package.json', 'utf8')).version;
// A hash of every source the CLI is built from: the parsed-jobs cache in the DB (service/lazy-config.ts) is only read
// by the build that wrote it, so a changed schema never reads an old parse.
function sourcesHash() {
  const hash = createHash('sha256').update(version);
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.tsx?$/.test(entry.name)) hash.update(file).update(readFileSync(file));
    }
  };
  walk('electron/core');
  walk('shared');
  hash.update(readFileSync('package-lock.json'));
  return hash.digest('hex').slice(0, 16);
}

// `import fs from 'node:fs'` in a CommonJS bundle becomes `__toESM(require("node:fs"))` in every module that says it:
// a copy of each of fs's hundred properties per importer, ~4 ms of a start. One shared module per built-in instead.
const defaultBuiltins = {
  name: 'default-builtins',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^node:(fs|path|os)$/ }, (args) =>
      args.kind === 'import-statement' ? { path: args.path, namespace: 'default-builtin' } : undefined,
    );
    pluginBuild.onLoad({ filter: /.*/, namespace: 'default-builtin' }, (args) => ({
      contents: `export default require(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

await build({
  // The CLI, and beside it the worker thread the daemon plans imports on (service/import-off-thread.ts).
  entryPoints: {
    cronbar: 'electron/core/cli/main.ts',
    'import-plan-worker': 'electron/core/service/import-plan-worker.ts',
  },
  outdir: 'out/cli',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // Small pure-JS dependencies the start-up needs go into the bundle (no package resolution at start), better-sqlite3's
  // JavaScript too (a dozen files to resolve and read: ~15 ms of every start), its native addon loaded from
  // node_modules by a stand-in for `bindings`; the big lazily loaded ones (schemas, YAML, the HTTP server and
  // metrics, plists, nodemailer, the MCP SDK) stay in node_modules.
  external: ['zod', 'yaml', 'js-yaml', 'fastify', 'prom-client', 'plist', 'nodemailer', '@modelcontextprotocol/sdk'],
  alias: { bindings: './scripts/cli/sqlite-bindings.cjs' },
  sourcemap: 'linked',
  // Less to read and parse at every start; names are kept so stack traces still say where.
  minifyWhitespace: true,
  minifySyntax: true,
  define: {
    CRONBAR_VERSION: JSON.stringify(version),
    CRONBAR_BUILD_ID: JSON.stringify(sourcesHash()),
    CRONBAR_IMPORT_WORKER: JSON.stringify('import-plan-worker.cjs'),
  },
  // import-off-thread.ts reads import.meta.url only where __filename is missing (ESM); in this CommonJS bundle it
  // never is.
  logOverride: { 'empty-import-meta': 'silent' },
  plugins: [defaultBuiltins],
  logLevel: 'warning',
});
