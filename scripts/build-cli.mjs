// Bundles the `cronbar` CLI (plain Node, no Electron) to out/cli/cronbar.cjs. Runs on `npm install` (prepare) so
// `npx cronbar` works right after install. Dependencies stay external: better-sqlite3 is native and loads from
// node_modules.
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

await build({
  entryPoints: ['electron/core/cli/main.ts'],
  outfile: 'out/cli/cronbar.cjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // Small pure-JS dependencies the start-up needs go into the bundle (no package resolution at start); the native
  // module and the big lazily loaded ones (schemas, YAML, the HTTP server and metrics, plists) stay in node_modules.
  external: ['better-sqlite3', 'zod', 'yaml', 'js-yaml', 'fastify', 'prom-client', 'plist'],
  sourcemap: 'linked',
  // Less to read and parse at every start; names are kept so stack traces still say where.
  minifyWhitespace: true,
  minifySyntax: true,
  define: { CRONBAR_VERSION: JSON.stringify(version), CRONBAR_BUILD_ID: JSON.stringify(sourcesHash()) },
  logLevel: 'warning',
});
