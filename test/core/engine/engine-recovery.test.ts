import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { isProcessGroupAlive } from '../../../electron/core/runner/process-group';
import { MemoryStore } from '../../helpers/memory-store';
import { job } from './fake-runner';
import { flush, makeHarness } from './harness';

const spawned: number[] = [];
afterEach(() => {
  for (const pgid of spawned.splice(0)) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
});

describe('crash recovery', () => {
  it('turns rows left queued or running into interrupted ones', () => {
    const store = new MemoryStore();
    const now = Date.parse('2026-01-01T00:00:00Z');
    store.seedLiveRun({
      jobId: 'j',
      trigger: 'schedule',
      status: 'running',
      scheduledFor: now - 60_000,
      createdAt: now - 60_000,
      startedAt: now - 60_000,
    });
    store.seedLiveRun({
      jobId: 'j',
      trigger: 'schedule',
      status: 'queued',
      scheduledFor: now - 30_000,
      createdAt: now - 30_000,
    });
    const h = makeHarness([job({ id: 'j', cron: '0 5 * * *' })], { store });
    expect(h.runs().map((run) => [run.status, run.reason, run.finishedAt])).toEqual([
      ['interrupted', 'Cronbar stopped while this ran', now],
      ['interrupted', 'Cronbar stopped while this ran', now],
    ]);
    expect(h.finished).toHaveLength(2);
  });

  it.skipIf(process.platform === 'win32')('kills a process group a crashed Cronbar left alive', async () => {
    const child = spawn('sleep', ['60'], { detached: true, stdio: 'ignore' });
    const pgid = child.pid!;
    spawned.push(pgid);
    child.unref();
    const exited = new Promise<string | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    expect(isProcessGroupAlive(pgid)).toBe(true);
    const store = new MemoryStore();
    const startedAt = Date.now();
    store.seedLiveRun({
      jobId: 'j',
      trigger: 'schedule',
      status: 'running',
      scheduledFor: startedAt,
      createdAt: startedAt,
      startedAt,
      pid: pgid,
      pgid,
    });
    const h = makeHarness([job({ id: 'j', cron: '0 5 * * *' })], { store, start: Date.now() });
    expect(await exited).toBe('SIGKILL');
    expect(isProcessGroupAlive(pgid)).toBe(false);
    expect(h.logs.some((line) => line.includes(`killed process group ${pgid}`))).toBe(true);
    expect(h.runs()[0]!.status).toBe('interrupted');
  });

  it.skipIf(process.platform !== 'linux')(
    'leaves alone a process group whose pid was reused after the run started',
    async () => {
      const child = spawn('sleep', ['60'], { detached: true, stdio: 'ignore' });
      const pgid = child.pid!;
      spawned.push(pgid);
      child.unref();
      const store = new MemoryStore();
      // A run from an hour before this process existed: the pid now belongs to someone else.
      const startedAt = Date.now() - 3_600_000;
      store.seedLiveRun({
        jobId: 'j',
        trigger: 'schedule',
        status: 'running',
        scheduledFor: startedAt,
        createdAt: startedAt,
        startedAt,
        pid: pgid,
        pgid,
      });
      const h = makeHarness([job({ id: 'j', cron: '0 5 * * *' })], { store, start: Date.now() });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(isProcessGroupAlive(pgid)).toBe(true);
      expect(h.logs.some((line) => line.includes('left process group'))).toBe(true);
    },
  );
});

/** A detached `sleep 60`: a process group, or a stand-in for another Cronbar process (a `cronbar run`). */
function sleeper(): { pid: number; exited: Promise<string | null> } {
  const child = spawn('sleep', ['60'], { detached: true, stdio: 'ignore' });
  spawned.push(child.pid!);
  child.unref();
  return { pid: child.pid!, exited: new Promise((resolve) => child.once('exit', (_code, signal) => resolve(signal))) };
}

describe.skipIf(process.platform === 'win32')('crash recovery leaves runs of live processes alone', () => {
  it('a run whose owner process lives stays running with its process group, until that owner is gone', async () => {
    const owner = sleeper();
    const group = sleeper();
    const store = new MemoryStore();
    const createdAt = Date.now();
    const seeded = store.seedLiveRun({
      jobId: 'j',
      trigger: 'manual',
      status: 'running',
      scheduledFor: null,
      createdAt,
      startedAt: createdAt,
      pid: group.pid,
      pgid: group.pid,
      ownerPid: owner.pid,
    });
    const h = makeHarness([job({ id: 'j', cron: '0 5 * * *' })], { store, start: Date.now() });
    expect(h.runs().map((run) => run.status)).toEqual(['running']);
    expect(h.finished).toEqual([]);
    expect(isProcessGroupAlive(group.pid)).toBe(true);
    expect(h.logs).toContain(`left run ${seeded.id} (j) running: process ${owner.pid} is running it`);

    process.kill(owner.pid, 'SIGKILL');
    await owner.exited;
    const restarted = h.restart([job({ id: 'j', cron: '0 5 * * *' })]);
    expect(restarted.runs().map((run) => [run.status, run.reason])).toEqual([
      ['interrupted', 'Cronbar stopped while this ran'],
    ]);
    expect(await group.exited).toBe('SIGKILL');
  });

  it.skipIf(process.platform !== 'linux')(
    'an owner that is only a zombie is dead: its run is recovered and its process group killed',
    async () => {
      // sh forks `sleep 0`, then becomes `sleep 60`, which never reaps it: the first pid stays a zombie.
      const parent = spawn('/bin/sh', ['-c', 'sleep 0 & echo $!; exec sleep 60'], {
        detached: true,
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      spawned.push(parent.pid!);
      const zombie = await new Promise<number>((resolve) =>
        parent.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))),
      );
      for (let tries = 0; tries < 200 && !/\) Z /.test(procStat(zombie)); tries++)
        await new Promise((resolve) => setTimeout(resolve, 10));
      expect(procStat(zombie)).toMatch(/\) Z /);
      const group = sleeper();
      const store = new MemoryStore();
      const createdAt = Date.now();
      store.seedLiveRun({
        jobId: 'j',
        trigger: 'manual',
        status: 'running',
        scheduledFor: null,
        createdAt,
        startedAt: createdAt,
        pid: group.pid,
        pgid: group.pid,
        ownerPid: zombie,
      });
      const h = makeHarness([job({ id: 'j', cron: '0 5 * * *' })], { store, start: Date.now() });
      expect(h.runs().map((run) => run.status)).toEqual(['interrupted']);
      expect(await group.exited).toBe('SIGKILL');
    },
  );

  it.skipIf(process.platform !== 'linux')(
    'a run whose owner pid now names a process started after the run is recovered',
    () => {
      const reused = sleeper();
      const store = new MemoryStore();
      // The run is an hour older than the process that holds its owner's pid now.
      const createdAt = Date.now() - 3_600_000;
      store.seedLiveRun({
        jobId: 'j',
        trigger: 'manual',
        status: 'running',
        scheduledFor: null,
        createdAt,
        startedAt: createdAt,
        ownerPid: reused.pid,
      });
      const h = makeHarness([job({ id: 'j', cron: '0 5 * * *' })], { store, start: Date.now() });
      expect(h.runs().map((run) => run.status)).toEqual(['interrupted']);
    },
  );

  it('a run this engine started before start() is not recovered by it', () => {
    const h = makeHarness([job({ id: 'j', cron: '0 5 * * *' })], { autoStart: false });
    const { runId } = h.engine.runNow('j', { force: true });
    expect(h.store.liveRuns().map((run) => [run.id, run.ownerPid])).toEqual([[runId, process.pid]]);
    h.engine.start();
    expect(h.runs().map((run) => run.status)).toEqual(['running']);
  });
});

function procStat(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return '';
  }
}

describe('stop', () => {
  it('drops queued runs, waits for running ones within the grace, then cancels the rest', async () => {
    const specs = ['a', 'b', 'c'].map((id) => job({ id, cron: '0 1 * * *' }));
    const h = makeHarness(specs, { concurrency: 2 });
    await h.clock.advanceTo('2026-01-01T01:00:00Z');
    const progress: number[] = [];
    h.engine.on('stopping', ({ running }) => progress.push(running));
    const stopping = h.engine.stop({ graceMs: 5_000 });
    await flush();
    expect(h.store.getRun(3)).toMatchObject({ status: 'interrupted', reason: 'Cronbar stopped before this ran' });
    h.runner.forJob('a')[0]!.succeed();
    await flush();
    await h.clock.advanceAsync(5_000);
    const result = await stopping;
    expect(result).toEqual({ interrupted: 2 });
    expect(progress).toEqual([2, 1, 0]);
    expect(h.runs().map((run) => `${run.jobId}:${run.status}`)).toEqual([
      'a:succeeded',
      'b:interrupted',
      'c:interrupted',
    ]);
    expect(h.store.getRun(2)!.reason).toBe('Cronbar stopped while this ran');
    // Nothing is scheduled after stop.
    await h.clock.advanceTo('2026-01-02T01:00:00Z');
    expect(h.runner.actions).toHaveLength(2);
  });

  it('writes the row itself when a run ignores the cancel', async () => {
    const h = makeHarness([job({ id: 'stuck', cron: '0 1 * * *' })]);
    h.runner.settleOnCancel = false;
    await h.clock.advanceTo('2026-01-01T01:00:00Z');
    const stopping = h.engine.stop({ graceMs: 1_000 });
    await h.clock.advanceAsync(1_000);
    await h.clock.advanceAsync(15_000);
    expect(await stopping).toEqual({ interrupted: 1 });
    expect(h.runs()[0]).toMatchObject({ status: 'interrupted', reason: 'Cronbar stopped while this ran' });
    expect(h.runner.actions[0]!.cancelledWith).toBe('Cronbar stopped while this ran');
  });
});
