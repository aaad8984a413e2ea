/** Other local users cannot read Cronbar's data: the directory is 0700 and its files 0600, whatever the umask. */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, tempHome } from './cli-helpers';

const started: ChildProcess[] = [];
afterEach(() => {
  for (const child of started.splice(0)) child.kill('SIGKILL');
});

/** `cronbar <args>` under umask 022 (files 0644 and directories 0755 unless Cronbar asks for less). */
function underUmask022(args: string[], dataDir: string): { child: ChildProcess; output: () => string } {
  const child = spawn('/bin/sh', ['-c', 'umask 022 && exec "$@"', 'sh', process.execPath, BIN, ...args], {
    env: { ...process.env, CRONBAR_HOME: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  return { child, output: () => output };
}

async function waitFor(output: () => string, pattern: RegExp): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!pattern.test(output())) {
    if (Date.now() > deadline) throw new Error(`never printed ${pattern}:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function finished(run: { child: ChildProcess; output: () => string }): Promise<string> {
  const code = await new Promise((resolve) => run.child.once('exit', resolve));
  expect(code, run.output()).toBe(0);
  return run.output();
}

function modeOf(file: string): string {
  return (fs.statSync(file).mode & 0o777).toString(8);
}

function modes(dataDir: string, names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, modeOf(path.join(dataDir, name))]));
}

const DB_FILES = ['cronbar.db', 'cronbar.db-wal', 'cronbar.db-shm'];

describe.skipIf(process.platform === 'win32')('data directory permissions', () => {
  it('a new data directory is 0700 and the DB, its -wal and -shm, the lock and the API token 0600', async () => {
    const dataDir = path.join(tempHome(), 'Cronbar');
    await finished(underUmask022(['api', 'token'], dataDir));
    const daemon = underUmask022(['daemon'], dataDir);
    await waitFor(daemon.output, /scheduling \d+ jobs/);

    expect(modeOf(dataDir)).toBe('700');
    expect(modes(dataDir, [...DB_FILES, 'cronbar.lock', 'api-token', 'jobs.yaml'])).toEqual({
      'cronbar.db': '600',
      'cronbar.db-wal': '600',
      'cronbar.db-shm': '600',
      'cronbar.lock': '600',
      'api-token': '600',
      'jobs.yaml': '600',
    });
    expect(daemon.output()).not.toMatch(/other local users/);
  });

  it('a data directory an older Cronbar left 0755 with 0644 files is made private on start, saying so once', async () => {
    const dataDir = path.join(tempHome(), 'Cronbar');
    await finished(underUmask022(['list'], dataDir));
    // As an older Cronbar left them: everything readable by everyone.
    fs.chmodSync(dataDir, 0o755);
    for (const name of fs.readdirSync(dataDir)) fs.chmodSync(path.join(dataDir, name), 0o644);
    fs.mkdirSync(path.join(dataDir, 'backups'), { mode: 0o755 });
    fs.writeFileSync(path.join(dataDir, 'backups', 'cronbar-20260101-020000.db'), '', { mode: 0o644 });

    const daemon = underUmask022(['daemon'], dataDir);
    await waitFor(daemon.output, /scheduling \d+ jobs/);
    const lines = daemon.output().split('\n');
    expect(lines.filter((line) => /other local users/.test(line))).toEqual([
      expect.stringMatching(
        new RegExp(
          `other local users could read Cronbar's data in ${dataDir}; now private: ${dataDir}, backups/ 0700; cronbar.db, jobs.yaml, backups/cronbar-20260101-020000.db 0600$`,
        ),
      ),
    ]);
    expect(modeOf(dataDir)).toBe('700');
    expect(modeOf(path.join(dataDir, 'backups'))).toBe('700');
    expect(modes(dataDir, [...DB_FILES, 'jobs.yaml', 'backups/cronbar-20260101-020000.db'])).toEqual({
      'cronbar.db': '600',
      'cronbar.db-wal': '600',
      'cronbar.db-shm': '600',
      'jobs.yaml': '600',
      'backups/cronbar-20260101-020000.db': '600',
    });
  });
});
