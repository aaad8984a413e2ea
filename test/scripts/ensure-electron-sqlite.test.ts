/**
 * Defect: `npm start` needed a C++ toolchain everywhere (it always compiled better-sqlite3 for Electron), and its copy
 * filter dropped every file when the checkout's path contained a `build` folder. The tools are faked here: `run`
 * stands for prebuild-install and node-gyp, and writes the binary where each would.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Run, copyWithoutBuild, ensureElectronSqlite } from '../../scripts/ensure-electron-sqlite.mjs';

function checkout() {
  // A checkout under a folder named build, as in CI workspaces (/home/ci/build/cronbar).
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-ensure-'));
  const root = path.join(base, 'build', 'cronbar');
  const source = path.join(root, 'node_modules', 'better-sqlite3');
  fs.mkdirSync(path.join(source, 'src'), { recursive: true });
  fs.mkdirSync(path.join(source, 'build', 'Release'), { recursive: true });
  fs.writeFileSync(path.join(source, 'package.json'), '{"name":"better-sqlite3","version":"12.11.1"}');
  fs.writeFileSync(path.join(source, 'binding.gyp'), '{}');
  fs.writeFileSync(path.join(source, 'src', 'better_sqlite3.cpp'), '// source');
  fs.writeFileSync(path.join(source, 'build', 'Release', 'better_sqlite3.node'), 'node-abi build');
  return { root, source };
}

function tools(prebuiltWorks: boolean) {
  const ran: string[] = [];
  const run: Run = (_command, args, { cwd }) => {
    const tool = args[0]!.includes('prebuild-install') ? 'prebuild-install' : 'node-gyp';
    ran.push(`${tool} ${args.slice(1).join(' ')}`);
    if (!fs.existsSync(path.join(cwd, 'package.json'))) throw new Error('the scratch copy is empty');
    if (tool === 'prebuild-install' && !prebuiltWorks)
      throw new Error('Command failed: prebuild-install: 404 Not Found');
    fs.mkdirSync(path.join(cwd, 'build', 'Release'), { recursive: true });
    fs.writeFileSync(path.join(cwd, 'build', 'Release', 'better_sqlite3.node'), `${tool} build`);
  };
  return { ran, run };
}

const quietLogs = () => {
  const lines: string[] = [];
  return { lines, log: (line: string) => lines.push(line), warn: (line: string) => lines.push(line) };
};

describe('ensure-electron-sqlite', () => {
  it('uses the prebuilt Electron binary when there is one, compiles nothing, and says so', () => {
    const { root, source } = checkout();
    const { ran, run } = tools(true);
    const logs = quietLogs();
    expect(ensureElectronSqlite({ root, source, version: '45.4.1', abi: '140', arch: 'x64', run, ...logs })).toEqual({
      code: 0,
      how: 'prebuilt',
    });
    expect(ran).toEqual(['prebuild-install --runtime electron --target 45.4.1 --arch x64 --verbose']);
    expect(fs.readFileSync(path.join(root, 'out', 'native', 'electron-140', 'better_sqlite3.node'), 'utf8')).toBe(
      'prebuild-install build',
    );
    expect(logs.lines.join('\n')).toContain('downloaded the prebuilt better-sqlite3 for Electron 45.4.1');
    // node_modules keeps its Node build.
    expect(fs.readFileSync(path.join(source, 'build', 'Release', 'better_sqlite3.node'), 'utf8')).toBe(
      'node-abi build',
    );
  });

  it('compiles only when the download fails, and says which happened', () => {
    const { root, source } = checkout();
    const { ran, run } = tools(false);
    const logs = quietLogs();
    expect(ensureElectronSqlite({ root, source, version: '45.4.1', abi: '140', arch: 'x64', run, ...logs })).toEqual({
      code: 0,
      how: 'compiled',
    });
    expect(ran.map((line) => line.split(' ')[0])).toEqual(['prebuild-install', 'node-gyp']);
    expect(logs.lines.join('\n')).toMatch(
      /no prebuilt binary for Electron 45\.4\.1 \(Command failed: prebuild-install: 404 Not Found\); compiling/,
    );
    expect(logs.lines.join('\n')).toContain('compiled better-sqlite3 for Electron 45.4.1');
  });

  it('copies the package without its own build/ even when the checkout lives under a folder named build', () => {
    const { source } = checkout();
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-copy-'));
    copyWithoutBuild(source, scratch);
    expect(fs.readdirSync(scratch).sort()).toEqual(['binding.gyp', 'package.json', 'src']);
    expect(fs.existsSync(path.join(scratch, 'src', 'better_sqlite3.cpp'))).toBe(true);
  });
});
