// Bundles the desktop shell's main process (ESM, out/main/main.js) and preload (one CommonJS file,
// out/preload/preload.cjs: a sandboxed preload cannot require our modules). electron and better-sqlite3 stay
// external: Electron provides the first, the second is native and loads from node_modules. vite.config.ts runs this
// after the renderer build, so `npm run build` produces everything `npm start` launches.
import { build } from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CONTRACT = path.join(root, 'shared', 'api', 'contract.ts');

/** The channel names from the real contract, read at build time (the contract needs zod; the names do not). */
async function contractNames() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-contract-'));
  try {
    const outfile = path.join(dir, 'contract.mjs');
    await build({
      entryPoints: [CONTRACT],
      outfile,
      bundle: true,
      format: 'esm',
      platform: 'node',
      logLevel: 'warning',
      absWorkingDir: root,
    });
    const contract = await import(pathToFileURL(outfile).href);
    return {
      methodNames: contract.methodNames,
      eventNames: contract.eventNames,
      channelPrefix: contract.channelFor('x').slice(0, -1),
      eventPrefix: contract.eventChannelFor('x').slice(0, -1),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The preload needs only the contract's names (shared/api/client.ts builds window.api from them), so the preload
 * bundle gets a stand-in contract with just those, generated from the real one: 830 KB of zod stays out of every
 * window's start-up.
 */
function contractNamesOnly(names) {
  return {
    name: 'cronbar-contract-names',
    setup(pluginBuild) {
      pluginBuild.onLoad({ filter: /shared[\\/]api[\\/]contract\.ts$/ }, () => ({
        loader: 'js',
        contents: [
          `export const methodNames = ${JSON.stringify(names.methodNames)};`,
          `export const eventNames = ${JSON.stringify(names.eventNames)};`,
          `export const channelFor = (method) => ${JSON.stringify(names.channelPrefix)} + method;`,
          `export const eventChannelFor = (event) => ${JSON.stringify(names.eventPrefix)} + event;`,
        ].join('\n'),
      }));
    },
  };
}

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
  const names = await contractNames();
  await Promise.all([
    build({
      ...common,
      // The main process, and beside it the worker thread imports are planned on (service/import-off-thread.ts).
      entryPoints: { main: 'electron/main.ts', 'import-plan-worker': 'electron/core/service/import-plan-worker.ts' },
      outdir: 'out/main',
      define: { CRONBAR_IMPORT_WORKER: JSON.stringify('import-plan-worker.js') },
      format: 'esm',
      // ES2021 syntax (private fields lowered): Electronegativity's parser rejects `#private` members, and a file it
      // cannot parse is a file it does not check.
      target: 'es2021',
      // Bundled CommonJS dependencies call require(); an ESM bundle has none unless we make one.
      banner: {
        js: "import { createRequire as __cronbarCreateRequire } from 'node:module'; const require = __cronbarCreateRequire(import.meta.url);",
      },
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
      plugins: [contractNamesOnly(names)],
    }),
  ]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildElectronBundles();
}
