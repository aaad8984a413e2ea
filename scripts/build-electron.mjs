// Bundles the desktop shell's main process (ESM, out/main/main.js) and preload (one CommonJS file,
// out/preload/preload.cjs: a sandboxed preload cannot require our modules). electron and better-sqlite3 stay
// external: Electron provides the first, the second is native and loads from node_modules. vite.config.ts runs this
// after the renderer build, so `npm run build` produces everything `npm start` launches.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function buildElectronBundles({ minify = false } = {}) {
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node22',
    sourcemap: 'linked',
    logLevel: 'warning',
    absWorkingDir: root,
    minify,
    external: ['electron', 'better-sqlite3'],
  };
  await Promise.all([
    build({
      ...common,
      entryPoints: ['electron/main.ts'],
      outfile: 'out/main/main.js',
      format: 'esm',
      // ES2021 syntax (private fields lowered): Electronegativity's parser rejects `#private` members, and a file it
      // cannot parse is a file it does not check.
      target: 'es2021',
      // Bundled CommonJS dependencies call require(); an ESM bundle has none unless we make one.
      banner: { js: "import { createRequire as __cronbarCreateRequire } from 'node:module'; const require = __cronbarCreateRequire(import.meta.url);" },
    }),
    build({
      ...common,
      entryPoints: ['electron/preload/preload.ts'],
      outfile: 'out/preload/preload.cjs',
      format: 'cjs',
      // The preload runs in the renderer's sandbox: only `electron` may be required there.
      external: ['electron'],
      platform: 'browser',
      target: 'es2021',
    }),
  ]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildElectronBundles();
}
