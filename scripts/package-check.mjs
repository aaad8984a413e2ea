// The packaging check (`npm test` runs it through test/packaging): electron-builder's real Linux `dir` and `deb`
// targets, offline, against stand-ins for what it would download:
// - Electron itself: a stand-in distribution passed as `electronDist` (an unpacked folder with the files
//   electron-builder copies and renames, and an `electron` binary that carries Electron's fuse wire, so the
//   `electronFuses` step really runs: https://www.electron.build/configuration#electronDist);
// - fpm (the .deb builder, a download): CUSTOM_FPM_PATH points at a stand-in that records the arguments
//   electron-builder computed (maintainer, homepage, depends) and writes an empty package;
// - the Electron-ABI better-sqlite3: the Node build staged in its place, so the packaged main can be run under Node.
// The `dir` target downloads nothing else (no app-builder binary, no AppImage tools).
// Usage: node scripts/package-check.mjs <output dir>; prints a JSON summary on its last line.
import { Buffer } from 'node:buffer';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The fuse sentinel of @electron/fuses and Electron's default wire (v1, 8 fuses). */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const DEFAULT_FUSES = '10011100';

export function writeStandInElectron(dir) {
  fs.mkdirSync(path.join(dir, 'resources'), { recursive: true });
  const binary = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stand-in Electron: not runnable" >&2; exit 1\n'),
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([1, DEFAULT_FUSES.length]),
    Buffer.from(DEFAULT_FUSES),
  ]);
  fs.writeFileSync(path.join(dir, 'electron'), binary, { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'chrome-sandbox'), '', { mode: 0o4755 });
  fs.writeFileSync(path.join(dir, 'LICENSE'), 'MIT (stand-in)\n');
  fs.writeFileSync(path.join(dir, 'LICENSES.chromium.html'), '<!-- stand-in -->\n');
  fs.writeFileSync(path.join(dir, 'version'), require('electron/package.json').version);
  return dir;
}

export function writeStandInFpm(dir, argsFile) {
  const script = path.join(dir, 'fpm');
  fs.writeFileSync(
    script,
    [
      `#!${process.execPath}`,
      // Works as CommonJS or ESM (the folder's package.json decides which).
      'const fs = process.getBuiltinModule("node:fs");',
      'const args = process.argv.slice(2);',
      `fs.writeFileSync(${JSON.stringify(argsFile)}, JSON.stringify(args));`,
      'const out = args[args.indexOf("--package") + 1];',
      'fs.writeFileSync(out, "stand-in deb");',
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  return script;
}

export async function packageCheck(outDir) {
  fs.rmSync(outDir, { recursive: true, force: true });
  const electronDist = writeStandInElectron(path.join(outDir, 'stand-in-electron'));
  const tools = path.join(outDir, 'tools');
  fs.mkdirSync(tools, { recursive: true });
  const fpmArgsFile = path.join(outDir, 'fpm-args.json');
  process.env.CUSTOM_FPM_PATH = writeStandInFpm(tools, fpmArgsFile);

  const native = path.join(outDir, 'native');
  fs.mkdirSync(native, { recursive: true });
  fs.copyFileSync(
    path.join(path.dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node'),
    path.join(native, 'better_sqlite3.node'),
  );

  const config = YAML.parse(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8'));
  config.electronDist = electronDist;
  config.directories = { ...config.directories, output: path.join(outDir, 'dist') };
  config.extraResources = config.extraResources.map((entry) =>
    entry.to === 'native/' ? { ...entry, from: native } : entry,
  );

  // A config file of its own (a config object would be merged into electron-builder.yml, arrays concatenated).
  const configFile = path.join(outDir, 'electron-builder.yml');
  fs.writeFileSync(configFile, YAML.stringify(config));
  const builder = require('electron-builder');
  await builder.build({
    projectDir: root,
    targets: builder.Platform.LINUX.createTarget(['dir', 'deb'], builder.Arch.x64),
    config: configFile,
    publish: 'never',
  });
  return {
    appOutDir: path.join(outDir, 'dist', 'linux-unpacked'),
    executable: config.linux.executableName,
    fpmArgs: JSON.parse(fs.readFileSync(fpmArgsFile, 'utf8')),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = path.resolve(process.argv[2] ?? path.join(root, 'out', 'package-check'));
  const summary = await packageCheck(outDir);
  console.log(JSON.stringify(summary));
}
