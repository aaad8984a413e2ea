// better-sqlite3 for Electron's ABI, kept apart from the Node build in node_modules: `npm test` (Node) and
// `npm start` (Electron) then both work, in any order, with no manual rebuild. Builds
// out/native/electron-<abi>/better_sqlite3.node when missing, with node-gyp against Electron's headers (downloaded
// from electronjs.org, so this needs a machine that can reach it). The app passes the file to better-sqlite3 as its
// `nativeBinding`. With --stage, also copies it to out/package-native/ for electron-builder.yml's extraResources.
// Exit codes: 0 ready, 1 build failed, 2 Electron not installed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function electronVersion() {
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

export function nativeBindingPath(abi) {
  return path.join(root, 'out', 'native', `electron-${abi}`, 'better_sqlite3.node');
}

export function ensureElectronSqlite({ quiet = false } = {}) {
  const version = electronVersion();
  if (!version) {
    console.error('ensure-electron-sqlite: the electron package is not installed');
    return 2;
  }
  const abi = electronAbi(version);
  const target = nativeBindingPath(abi);
  if (fs.existsSync(target)) {
    if (!quiet) console.log(`ensure-electron-sqlite: ${path.relative(root, target)} is ready (Electron ${version}, ABI ${abi})`);
    return 0;
  }
  const source = path.dirname(require.resolve('better-sqlite3/package.json', { paths: [root] }));
  // Build in a scratch copy so node_modules/better-sqlite3 keeps its Node build.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-sqlite-'));
  try {
    fs.cpSync(source, scratch, { recursive: true, filter: (file) => !file.includes(`${path.sep}build${path.sep}`) });
    const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js', { paths: [root] });
    console.log(`ensure-electron-sqlite: building better-sqlite3 for Electron ${version} (ABI ${abi})…`);
    execFileSync(process.execPath, [nodeGyp, 'rebuild', '--release', `--target=${version}`, '--dist-url=https://electronjs.org/headers', `--arch=${process.arch}`], {
      cwd: scratch,
      stdio: 'inherit',
      env: { ...process.env, npm_config_runtime: 'electron', npm_config_target: version, npm_config_disturl: 'https://electronjs.org/headers' },
    });
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(scratch, 'build', 'Release', 'better_sqlite3.node'), target);
    console.log(`ensure-electron-sqlite: wrote ${path.relative(root, target)}`);
    return 0;
  } catch (error) {
    console.error(`ensure-electron-sqlite: build failed (${error instanceof Error ? error.message : String(error)}). It needs network access to electronjs.org/headers and a C++ toolchain.`);
    return 1;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

export function stageForPackaging() {
  const version = electronVersion();
  const source = nativeBindingPath(electronAbi(version));
  const target = path.join(root, 'out', 'package-native', 'better_sqlite3.node');
  fs.rmSync(path.dirname(target), { recursive: true, force: true });
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(source, target);
  console.log(`ensure-electron-sqlite: staged ${path.relative(root, source)} for packaging`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const code = ensureElectronSqlite();
  if (code === 0 && process.argv.includes('--stage')) stageForPackaging();
  process.exitCode = code;
}
