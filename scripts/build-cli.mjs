// Bundles the `cronbar` CLI (plain Node, no Electron) to out/cli/cronbar.cjs. Runs on `npm install` (prepare) so
// `npx cronbar` works right after install. Dependencies stay external: better-sqlite3 is native and loads from
// node_modules.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

await build({
  entryPoints: ['electron/core/cli/main.ts'],
  outfile: 'out/cli/cronbar.cjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  sourcemap: 'linked',
  define: { CRONBAR_VERSION: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
  logLevel: 'warning',
});
