/** The service API on a real data directory: the jobs file it writes and watches, and runs left by other processes. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCronbar } from '../../../electron/core/service/open-cronbar';
import type { CronbarService } from '../../../electron/core/service/types';
import { openStore } from '../../../electron/core/store/open-store';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function dataDir(jobsYaml: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-service-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(path.join(dir, 'jobs.yaml'), jobsYaml);
  return dir;
}

async function open(dir: string, options: { watch?: boolean } = {}): Promise<CronbarService> {
  const service = await openCronbar({ dataDir: dir, schedule: false, watch: options.watch ?? false });
  cleanups.push(async () => void (await service.shutdown({ graceMs: 0 })));
  return service;
}

function rejectAfter(ms: number, message: string): Promise<never> {
  return new Promise((_, reject) => {
    const timer = setTimeout(() => reject(new Error(message)), ms);
    cleanups.push(() => clearTimeout(timer));
  });
}

const jobsFile = (id: string) => `jobs:\n  - id: ${id}\n    cron: "0 0 1 1 *"\n    command: "true"\n`;

describe('the jobs file written by Cronbar', () => {
  it('an outside edit back to the previous text, right after Cronbar wrote the file, is still picked up', async () => {
    const dir = dataDir(jobsFile('before'));
    const service = await open(dir, { watch: true });
    const { version } = await service.readConfig({});
    await service.writeConfig({ text: jobsFile('edited-in-app'), baseVersion: version });
    expect((await service.listJobs({})).map((job) => job.id)).toEqual(['edited-in-app']);

    const reloaded = new Promise<void>((resolve) =>
      service.on('jobs:changed', ({ reason }) => reason === 'file changed' && resolve()),
    );
    // The user undoes the change in their editor at once: same text as before our write, so the same version.
    fs.writeFileSync(path.join(dir, 'jobs.yaml'), jobsFile('before'));
    await Promise.race([reloaded, rejectAfter(5_000, 'the outside edit was not reloaded within 5 s')]);
    expect((await service.listJobs({})).map((job) => job.id)).toEqual(['before']);
  });
});

describe.skipIf(process.platform === 'win32')('run now beside runs of other processes', () => {
  function seedRunningRow(dir: string, ownerPid: number): number {
    const store = openStore(path.join(dir, 'cronbar.db'));
    try {
      const now = Date.now();
      return store.insertRun({
        jobId: 'solo',
        trigger: 'manual',
        status: 'running',
        scheduledFor: null,
        createdAt: now,
        startedAt: now,
        ownerPid,
      }).id;
    } finally {
      store.close();
    }
  }

  it('is refused while another live process runs the job (overlap: skip), naming that process', async () => {
    const other = spawn('sleep', ['60'], { stdio: 'ignore' });
    cleanups.push(() => void other.kill('SIGKILL'));
    const dir = dataDir(jobsFile('solo'));
    const runId = seedRunningRow(dir, other.pid!);
    const service = await open(dir);
    expect(await service.runNow({ id: 'solo', force: false })).toEqual({
      runId: null,
      queued: false,
      refused: `already running (run ${runId}, by process ${other.pid})`,
    });
  });

  it('is refused for overlap queue and replace too, saying why, and runs beside it when forced', async () => {
    const other = spawn('sleep', ['60'], { stdio: 'ignore' });
    cleanups.push(() => void other.kill('SIGKILL'));
    const dir = dataDir(`${jobsFile('solo')}    overlap: queue\n`);
    const runId = seedRunningRow(dir, other.pid!);
    const service = await open(dir);
    expect(await service.runNow({ id: 'solo', force: false })).toEqual({
      runId: null,
      queued: false,
      refused: `already running (run ${runId}, by process ${other.pid}); overlap queue cannot act on another process's run (force to run beside it)`,
    });
    const finished = new Promise<string>((resolve) => service.on('run:finished', (run) => resolve(run.status)));
    expect((await service.runNow({ id: 'solo', force: true })).refused).toBeNull();
    expect(await Promise.race([finished, rejectAfter(10_000, 'the forced run did not finish within 10 s')])).toBe(
      'succeeded',
    );
  });

  it('is not refused by a run whose process died (a killed `cronbar run`)', async () => {
    const other = spawn('true', [], { stdio: 'ignore' });
    await new Promise((resolve) => other.once('exit', resolve));
    const dir = dataDir(jobsFile('solo'));
    seedRunningRow(dir, other.pid!);
    const service = await open(dir);
    const finished = new Promise<string>((resolve) => service.on('run:finished', (run) => resolve(run.status)));
    const started = await service.runNow({ id: 'solo', force: false });
    expect(started.refused).toBeNull();
    expect(await Promise.race([finished, rejectAfter(10_000, 'the run did not finish within 10 s')])).toBe('succeeded');
  });
});
