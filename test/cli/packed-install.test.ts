/**
 * `cronbar` installs like any npm CLI: `npm pack` (its prepack builds the bundle) and `npm install -g` of the tarball
 * into an empty prefix give a working `cronbar` outside the checkout — `--version`, `validate`, a daemon that
 * schedules and stops cleanly, and `service install` writing a unit that starts the installed binary.
 *
 * The pack runs in a copy of the sources, so the checkout's own bundle (which the other CLI tests run) is never
 * rewritten under them. The install reuses npm's cache (`--prefer-offline`) and may reach the npm registry; when the
 * registry cannot be reached the test is skipped and says so. better-sqlite3's native addon comes from a local
 * prebuild made of the checkout's own build (prebuild-install's documented `local-prebuilds`), so the test does not
 * depend on GitHub or a C++ toolchain.
 */
import { type SpawnOptions, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-packed-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function sh(command: string, args: string[], options: SpawnOptions & { timeoutMs?: number } = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk) => (stdout += chunk));
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')} took too long\n${stdout}\n${stderr}`));
    }, options.timeoutMs ?? 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** What `npm pack` needs from the checkout: the sources the bundle is built from, the build script, the manifest. */
function copySources(into: string): void {
  for (const entry of ['package.json', 'package-lock.json', 'bin', 'scripts', 'electron/core', 'shared', 'README.md'])
    fs.cpSync(path.join(ROOT, entry), path.join(into, entry), { recursive: true });
  if (fs.existsSync(path.join(ROOT, 'docs')))
    fs.cpSync(path.join(ROOT, 'docs'), path.join(into, 'docs'), { recursive: true });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(into, 'node_modules'), 'dir');
}

/** better-sqlite3's own build as the prebuild tarball prebuild-install looks for in `local-prebuilds`. */
async function localPrebuild(dir: string): Promise<void> {
  const sqlite = path.join(ROOT, 'node_modules/better-sqlite3');
  const version = (JSON.parse(fs.readFileSync(path.join(sqlite, 'package.json'), 'utf8')) as { version: string })
    .version;
  const stage = path.join(dir, 'stage');
  fs.mkdirSync(path.join(stage, 'build/Release'), { recursive: true });
  fs.copyFileSync(
    path.join(sqlite, 'build/Release/better_sqlite3.node'),
    path.join(stage, 'build/Release/better_sqlite3.node'),
  );
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  const tar = await sh('tar', ['-czf', path.join(dir, name), '-C', stage, 'build']);
  expect(tar.code, tar.stderr).toBe(0);
}

const unreachable = /ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNREFUSED|ECONNRESET|network request|getaddrinfo/i;

describe.skipIf(process.platform === 'win32')('the packed package, installed globally', () => {
  it('gives a working cronbar outside the checkout: --version, validate, notify test, import, daemon, service install', async (context) => {
    const source = path.join(work, 'source');
    fs.mkdirSync(source);
    copySources(source);
    const packed = await sh('npm', ['pack', '--pack-destination', work, '--silent'], {
      cwd: source,
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
    });
    expect(packed.code, packed.stderr).toBe(0);
    const tarball = path.join(work, `cronbar-${pkg.version}.tgz`);
    expect(fs.existsSync(tarball)).toBe(true);
    const listing = await sh('tar', ['-tzf', tarball]);
    const files = listing.stdout.split('\n').filter(Boolean);
    expect(files).toContain('package/out/cli/cronbar.cjs');
    expect(files).toContain('package/bin/cronbar.cjs');
    // Only what the CLI runs: no sources, tests or the desktop build.
    expect(files.filter((file) => /^package\/(electron|renderer|test|src)\//.test(file))).toEqual([]);

    const prebuilds = path.join(work, 'prebuilds');
    fs.mkdirSync(prebuilds);
    await localPrebuild(prebuilds);
    const prefix = path.join(work, 'prefix');
    const install = await sh(
      'npm',
      ['install', '-g', tarball, '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'],
      {
        cwd: work,
        env: { ...process.env, npm_config_better_sqlite3_local_prebuilds: prebuilds },
        timeoutMs: 170_000,
      },
    );
    if (install.code !== 0 && unreachable.test(install.stderr)) {
      context.skip(
        `the npm registry cannot be reached: ${install.stderr.split('\n').find((l) => unreachable.test(l))}`,
      );
    }
    expect(install.code, install.stderr).toBe(0);

    const bin = path.join(prefix, 'bin', 'cronbar');
    const home = path.join(work, 'home');
    const dataDir = path.join(home, 'data');
    fs.mkdirSync(dataDir, { recursive: true });
    // Outside the checkout, with no way back into it: the installed package must stand alone.
    const env = {
      PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin`,
      HOME: home,
      CRONBAR_HOME: dataDir,
      XDG_RUNTIME_DIR: path.join(home, 'no-runtime'),
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent',
    };
    const run = (args: string[]) => sh(bin, args, { cwd: home, env, timeoutMs: 20_000 });

    const version = await run(['--version']);
    expect(version.code, version.stderr).toBe(0);
    expect(version.stdout.trim()).toBe(pkg.version);

    // A mail channel to a closed port: `notify test` must load the mailer from the installed package and say why.
    fs.writeFileSync(
      path.join(dataDir, 'jobs.yaml'),
      'notifications:\n  mail: { email: { to: a@example.org, smtp: { host: 127.0.0.1, port: 1 } } }\n' +
        'jobs:\n  - id: tick\n    every: 1s\n    command: echo tick\n',
    );
    const validate = await run(['validate']);
    expect(validate.code, validate.stderr).toBe(0);
    expect(validate.stdout).toContain('OK, 1 job');
    const mailTest = await run(['notify', 'test', 'mail']);
    expect(mailTest.code).toBe(1);
    expect(mailTest.stdout + mailTest.stderr).toContain('connection refused');
    // The import preview plans on a worker thread, a file of its own in the package.
    fs.writeFileSync(path.join(home, 'crontab'), '0 4 * * * /usr/bin/true\n');
    const preview = await run(['import', 'crontab', path.join(home, 'crontab'), '--dry-run']);
    expect(preview.code, preview.stderr).toBe(0);
    expect(files).toContain('package/out/cli/import-plan-worker.cjs');

    const daemon = spawn(bin, ['daemon'], { cwd: home, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    daemon.stdout!.on('data', (chunk) => (log += chunk));
    daemon.stderr!.on('data', (chunk) => (log += chunk));
    const exited = new Promise<number | null>((resolve) => daemon.on('exit', (code) => resolve(code)));
    const deadline = Date.now() + 15_000;
    while (!/tick succeeded/.test(log) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    daemon.kill('SIGTERM');
    expect(await exited, log).toBe(0);
    expect(log).toMatch(/tick succeeded/);

    const install2 = await run(['service', 'install']);
    const unit = fs.readFileSync(path.join(home, '.config/systemd/user/cronbar.service'), 'utf8');
    const installed = fs.realpathSync(path.join(prefix, 'lib/node_modules/cronbar/bin/cronbar.cjs'));
    expect(unit, install2.stdout + install2.stderr).toContain(`ExecStart=${process.execPath} ${installed} daemon`);
  }, 240_000);
});
