import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireInstanceLock } from '../../../electron/core/service/instance-lock';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function lockPath(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-lock-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return path.join(dir, 'cronbar.lock');
}

/** Another process on this host, as a lock holder. */
function otherProcess(): number {
  const child = spawn('sleep', ['60'], { stdio: 'ignore' });
  cleanups.push(() => void child.kill('SIGKILL'));
  return child.pid!;
}

function writeLock(file: string, pid: number, since: number): void {
  fs.writeFileSync(file, JSON.stringify({ pid, host: os.hostname(), kind: 'daemon', since }));
}

describe.skipIf(process.platform === 'win32')('the one-scheduler lock', () => {
  it('is refused while its holder runs, naming it', () => {
    const file = lockPath();
    const holder = otherProcess();
    writeLock(file, holder, Date.now());
    const result = acquireInstanceLock(file, 'app');
    expect(result.acquired).toBe(false);
    if (!result.acquired) expect(result.description).toMatch(new RegExp(`^cronbar daemon \\(pid ${holder} on `));
  });

  it('is taken over when its holder died', async () => {
    const file = lockPath();
    const child = spawn('true', [], { stdio: 'ignore' });
    await new Promise((resolve) => child.once('exit', resolve));
    writeLock(file, child.pid!, Date.now());
    const result = acquireInstanceLock(file, 'app');
    expect(result.acquired).toBe(true);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ pid: process.pid, kind: 'app' });
  });

  it.skipIf(process.platform !== 'linux')(
    'is taken over when its pid now names a process started after the lock (a reboot)',
    () => {
      const file = lockPath();
      writeLock(file, otherProcess(), Date.now() - 3_600_000);
      expect(acquireInstanceLock(file, 'app').acquired).toBe(true);
    },
  );
});
