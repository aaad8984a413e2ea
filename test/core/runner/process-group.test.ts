import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import {
  isPidAlive,
  isProcessGroupAlive,
  killProcessGroup,
  processStartEpoch,
  startedAfter,
} from '../../../electron/core/runner/process-group';
import { isRunning } from './runner-fixtures';

const leaders: number[] = [];
afterEach(() => {
  for (const pid of leaders.splice(0)) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/** A group leader (like a job) with one background member; resolves with both pids once they are up. */
async function startGroup(): Promise<{ leader: number; member: number; exited: Promise<void> }> {
  const child = spawn('/bin/sh', ['-c', 'sleep 300 & echo $!; wait'], {
    detached: true,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  leaders.push(child.pid!);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const member = await new Promise<number>((resolve) =>
    child.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))),
  );
  return { leader: child.pid!, member, exited };
}

async function until(condition: () => boolean): Promise<void> {
  for (let tries = 0; tries < 300 && !condition(); tries++) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('process groups', () => {
  it('sees a live group and kills every member of it', async () => {
    const group = await startGroup();
    expect(isProcessGroupAlive(group.leader)).toBe(true);

    expect(killProcessGroup(group.leader, 'SIGKILL')).toBe(true);
    await group.exited;
    await until(() => !isRunning(group.member));

    expect(isRunning(group.member)).toBe(false);
    expect(isProcessGroupAlive(group.leader)).toBe(false);
    expect(killProcessGroup(group.leader, 'SIGTERM')).toBe(false);
  });

  it('still sees the group after its leader exited, while a member runs (crash recovery finds it this way)', async () => {
    const group = await startGroup();
    process.kill(group.leader, 'SIGKILL');
    await group.exited;

    expect(isPidAlive(group.leader)).toBe(false);
    expect(isProcessGroupAlive(group.leader)).toBe(true);
    killProcessGroup(group.leader, 'SIGKILL');
    await until(() => !isProcessGroupAlive(group.leader));
    expect(isRunning(group.member)).toBe(false);
  });

  it('refuses ids that would signal ourselves or everything: 0, 1, -1, our own pid, non-integers', () => {
    for (const pgid of [0, 1, -1, -5, process.pid, 1.5, Number.NaN]) {
      expect(killProcessGroup(pgid, 'SIGTERM'), String(pgid)).toBe(false);
      expect(isProcessGroupAlive(pgid), String(pgid)).toBe(false);
    }
  });

  it.skipIf(process.platform !== 'linux')(
    'tells a process that started after a given time from one that did not (a reused pid)',
    async () => {
      const before = Date.now() - 60_000;
      const group = await startGroup();
      expect(processStartEpoch(group.leader)).toBeGreaterThan(before);
      expect(startedAfter(group.leader, before)).toBe(true);
      expect(startedAfter(group.leader, Date.now())).toBe(false);
      // Gone or unknown is not "started after": only a live process with a later start proves a reused pid.
      expect(startedAfter(2 ** 30, before)).toBe(false);
    },
  );

  it('reports a group that never existed as dead', () => {
    // Pids are below 2^22 on Linux; this one cannot be in use.
    expect(isProcessGroupAlive(2 ** 30)).toBe(false);
    expect(killProcessGroup(2 ** 30, 'SIGTERM')).toBe(false);
  });
});
