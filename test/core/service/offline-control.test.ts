/** Pause written while no scheduler runs is what the next scheduler starts with. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCronbar } from '../../../electron/core/service/open-cronbar';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function dataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-offline-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(
    path.join(dir, 'jobs.yaml'),
    'jobs:\n  - id: new\n    every: 1m\n    command: "true"\n  - id: other\n    cron: "0 3 * * *"\n    command: "true"\n',
  );
  return dir;
}

describe('pause without a scheduler', () => {
  it('a job never scheduled before starts paused, with its until, when a scheduler opens the directory', async () => {
    const dir = dataDir();
    const reader = await openCronbar({ dataDir: dir, schedule: false });
    const until = Date.now() + 3_600_000;
    expect(await reader.control.pauseJob('new', until)).toEqual({ how: 'stored', by: null });
    expect(await reader.control.pauseAll(null)).toEqual({ how: 'stored', by: null });
    await reader.shutdown();

    const scheduler = await openCronbar({ dataDir: dir, schedule: true });
    cleanups.push(async () => void (await scheduler.shutdown({ graceMs: 0 })));
    const { job } = await scheduler.getJob({ id: 'new', fireCount: 1 });
    expect([job.paused, job.pausedUntil]).toEqual([true, until]);
    expect((await scheduler.status({})).pausedAll).toBe(true);
    expect((await scheduler.getJob({ id: 'other', fireCount: 1 })).job.paused).toBe(false);
  });

  it('resume without a scheduler clears it for the next start', async () => {
    const dir = dataDir();
    const first = await openCronbar({ dataDir: dir, schedule: false });
    await first.control.pauseJob('new', null);
    await first.control.pauseAll(null);
    expect(await first.control.resumeJob('new')).toEqual({ how: 'stored', by: null });
    expect(await first.control.resumeAll()).toEqual({ how: 'stored', by: null });
    await first.shutdown();
    const scheduler = await openCronbar({ dataDir: dir, schedule: true });
    cleanups.push(async () => void (await scheduler.shutdown({ graceMs: 0 })));
    expect((await scheduler.getJob({ id: 'new', fireCount: 1 })).job.paused).toBe(false);
    expect((await scheduler.status({})).pausedAll).toBe(false);
  });

  it('refuses an unknown job and a past until, changing nothing', async () => {
    const dir = dataDir();
    const reader = await openCronbar({ dataDir: dir, schedule: false });
    cleanups.push(async () => void (await reader.shutdown()));
    await expect(reader.control.pauseJob('nope', null)).rejects.toMatchObject({ code: 'not-found' });
    await expect(reader.control.pauseJob('new', Date.now() - 1000)).rejects.toMatchObject({ code: 'invalid-input' });
    expect((await reader.getJob({ id: 'new', fireCount: 1 })).job.paused).toBe(false);
  });
});
