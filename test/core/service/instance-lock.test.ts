import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runSlotWorker } from '../../helpers/slot-worker';
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

  it('is taken over past a takeover claim that a process killed mid-takeover left behind', async () => {
    const file = lockPath();
    const child = spawn('true', [], { stdio: 'ignore' });
    await new Promise((resolve) => child.once('exit', resolve));
    writeLock(file, child.pid!, Date.now());
    fs.writeFileSync(`${file}.takeover`, '');
    const longAgo = new Date(Date.now() - 60_000);
    fs.utimesSync(`${file}.takeover`, longAgo, longAgo);
    expect(acquireInstanceLock(file, 'app').acquired).toBe(true);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['cronbar.lock']);
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

const RACE_WORKER = path.resolve(__dirname, '../../helpers/lock-race-worker.ts');

const raceWorker = (root: string, trials: number, slotMs: number, startAt: number) =>
  runSlotWorker(RACE_WORKER, root, trials, slotMs, startAt);

describe.skipIf(process.platform === 'win32')('schedulers starting together after a crash', () => {
  it('exactly one of them takes over the stale lock, every time; the others name it as the holder', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-lock-race-'));
    cleanups.push(() => fs.rmSync(root, { recursive: true, force: true }));
    const trials = Number(process.env.LOCK_RACE_TRIALS ?? 150);
    const processes = 4;
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    for (let trial = 0; trial < trials; trial++) {
      fs.mkdirSync(path.join(root, `t${trial}`));
      writeLock(path.join(root, `t${trial}`, 'cronbar.lock'), dead, Date.now());
    }
    const startAt = Date.now() + 3_000;
    const byWorker = await Promise.all(Array.from({ length: processes }, () => raceWorker(root, trials, 30, startAt)));
    const wrong: string[] = [];
    for (let trial = 0; trial < trials; trial++) {
      const outcomes = byWorker.map((lines) => lines[trial]!);
      const winners = outcomes.filter((line) => line === 'acquired').length;
      const holder = JSON.parse(fs.readFileSync(path.join(root, `t${trial}`, 'cronbar.lock'), 'utf8')) as {
        pid: number;
      };
      const losersNameHolder = outcomes.every((line) => line === 'acquired' || line === `refused ${holder.pid}`);
      if (winners !== 1 || !losersNameHolder)
        wrong.push(`trial ${trial}: ${outcomes.join(', ')} (lock: ${holder.pid})`);
    }
    expect(wrong).toEqual([]);
  }, 60_000);
});
