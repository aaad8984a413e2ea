// better-sqlite3 for Electron's ABI, kept apart from the Node build in node_modules: `npm test` (Node) and
// `npm start` (Electron) then both work, in any order, with no manual rebuild. Makes
// out/native/electron-<abi>/better_sqlite3.node when missing, the way @electron/rebuild does: first the prebuilt
// binary better-sqlite3 publishes for this Electron (`prebuild-install --runtime electron --target <version>`), and
// only if that fails a compile with node-gyp against Electron's headers (which needs a C++ toolchain and python3).
// It says which one happened. The app passes the file to better-sqlite3 as its `nativeBinding`. With --stage, also
// copies it to out/package-native/ for electron-builder.yml's extraResources.
// Exit codes: 0 ready, 1 neither download nor build worked, 2 Electron not installed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const defaultRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BINARY = 'better_sqlite3.node';

function electronVersion(root) {
  try {
    return JSON.parse(fs.readFileSync(require.resolve('electron/package.json', { paths: [root] }), 'utf8')).version;
  } catch {
    return null;
  }
}

export function electronAbi(version) {
  // node-abi (a dependency of electron-builder's rebuild tooling) maps Electron versions to NODE_MODULE_VERSION.
  return require('node-abi').getAbi(version, 'electron');
}

export function nativeBindingPath(abi, root = defaultRoot) {
  return path.join(root, 'out', 'native', `electron-${abi}`, BINARY);
}

/**
 * Copies better-sqlite3's package without its own build/ folder (that is the Node build, which must stay as it is).
 * Only a `build` directly under the package is skipped: the checkout may itself live under a folder named build.
 */
export function copyWithoutBuild(source, destination) {
  fs.cpSync(source, destination, {
    recursive: true,
    filter: (file) => {
      const relative = path.relative(source, file);
      return relative !== 'build' && !relative.startsWith(`build${path.sep}`);
    },
  });
}

function defaultRun(command, args, options) {
  execFileSync(command, args, { stdio: 'inherit', ...options });
}

/**
 * Returns { code, how }: how is 'present', 'prebuilt' or 'compiled'. `run(command, args, { cwd, env })` runs a tool
 * and throws when it fails (tests pass a fake).
 */
export function ensureElectronSqlite(options = {}) {
  const root = options.root ?? defaultRoot;
  const log = options.log ?? ((line) => console.log(line));
  const warn = options.warn ?? ((line) => console.error(line));
  const run = options.run ?? defaultRun;
  const version = options.version ?? electronVersion(root);
  if (!version) {
    warn('ensure-electron-sqlite: the electron package is not installed');
    return { code: 2, how: null };
  }
  const abi = options.abi ?? electronAbi(version);
  const target = nativeBindingPath(abi, root);
  if (fs.existsSync(target)) {
    if (!options.quiet)
      log(`ensure-electron-sqlite: ${path.relative(root, target)} is ready (Electron ${version}, ABI ${abi})`);
    return { code: 0, how: 'present' };
  }
  const source = options.source ?? path.dirname(require.resolve('better-sqlite3/package.json', { paths: [root] }));
  const arch = options.arch ?? process.arch;
  // Work in a scratch copy so node_modules/better-sqlite3 keeps its Node build.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-sqlite-'));
  const built = path.join(scratch, 'build', 'Release', BINARY);
  try {
    copyWithoutBuild(source, scratch);
    let how = 'prebuilt';
    try {
      const prebuildInstall = require.resolve('prebuild-install/bin.js', { paths: [source, root, defaultRoot] });
      run(
        process.execPath,
        [prebuildInstall, '--runtime', 'electron', '--target', version, '--arch', arch, '--verbose'],
        { cwd: scratch, env: process.env },
      );
      if (!fs.existsSync(built)) throw new Error(`prebuild-install left no ${BINARY}`);
      log(`ensure-electron-sqlite: downloaded the prebuilt better-sqlite3 for Electron ${version} (ABI ${abi})`);
    } catch (error) {
      how = 'compiled';
      log(
        `ensure-electron-sqlite: no prebuilt binary for Electron ${version} (${firstLine(error)}); compiling better-sqlite3 (needs a C++ toolchain and python3)…`,
      );
      const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js', { paths: [root, defaultRoot] });
      run(
        process.execPath,
        [
          nodeGyp,
          'rebuild',
          '--release',
          `--target=${version}`,
          '--dist-url=https://electronjs.org/headers',
          `--arch=${arch}`,
        ],
        {
          cwd: scratch,
          env: {
            ...process.env,
            npm_config_runtime: 'electron',
            npm_config_target: version,
            npm_config_disturl: 'https://electronjs.org/headers',
          },
        },
      );
      log(`ensure-electron-sqlite: compiled better-sqlite3 for Electron ${version} (ABI ${abi})`);
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(built, target);
    log(`ensure-electron-sqlite: wrote ${path.relative(root, target)}`);
    return { code: 0, how };
  } catch (error) {
    warn(
      `ensure-electron-sqlite: no better-sqlite3 for Electron ${version}: the prebuilt download failed and so did the compile (${firstLine(error)}). ` +
        'The download needs github.com; the compile needs electronjs.org/headers, a C++ toolchain and python3.',
    );
    return { code: 1, how: null };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

function firstLine(error) {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

export function stageForPackaging(root = defaultRoot) {
  const version = electronVersion(root);
  const source = nativeBindingPath(electronAbi(version), root);
  const target = path.join(root, 'out', 'package-native', BINARY);
  fs.rmSync(path.dirname(target), { recursive: true, force: true });
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(source, target);
  console.log(`ensure-electron-sqlite: staged ${path.relative(root, source)} for packaging`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { code } = ensureElectronSqlite();
  if (code === 0 && process.argv.includes('--stage')) stageForPackaging();
  process.exitCode = code;
}
