/**
 * A tray refresh against the real core: it shows what the full job views would show, and asks the store the same
 * number of questions at 10 jobs as at 300 (it refreshes on every run event, so a question per job would make every
 * run cost the whole list).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readTrayState } from '../../../electron/app/tray-read';
import { openCronbar } from '../../../electron/core/service/open-cronbar';
import type { CronbarService } from '../../../electron/core/service/types';
import type { NewRun } from '../../../electron/core/ports';
import { openStore } from '../../../electron/core/store/open-store';
import { SqliteStore } from '../../../electron/core/store/sqlite-store';
import { deriveTrayState, UPCOMING_IN_TRAY } from '../../../electron/policy/tray-state';

const dirs: string[] = [];
const services: CronbarService[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const service of services.splice(0)) await service.shutdown({ graceMs: 0 });
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** `jobs` jobs with 5 finished runs each; every 3rd job's newest failed; job-1 expects a success it never had. */
async function serviceWith(jobs: number): Promise<CronbarService> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-tray-read-'));
  dirs.push(dataDir);
  const lines = ['jobs:'];
  for (let index = 0; index < jobs; index++)
    lines.push(
      `  - { id: job-${index}, cron: "0 3 1 1 *", command: "true"${index === 1 ? ', expect: { succeededWithin: 1s }' : ''} }`,
    );
  fs.writeFileSync(path.join(dataDir, 'jobs.yaml'), `${lines.join('\n')}\n`);
  const store = openStore(path.join(dataDir, 'cronbar.db'));
  const runs: NewRun[] = [];
  const start = Date.now() - 3_600_000;
  for (let round = 0; round < 5; round++)
    for (let index = 0; index < jobs; index++) {
      const at = start + round * 60_000 + index;
      const failed = (round === 4 && index % 3 === 0) || index === 1;
      runs.push({
        jobId: `job-${index}`,
        trigger: 'schedule',
        status: failed ? 'failed' : 'succeeded',
        scheduledFor: at,
        createdAt: at,
        startedAt: at,
        finishedAt: at + 10,
      });
    }
  store.insertRuns(runs);
  store.close();
  const service = await openCronbar({ dataDir, schedule: true, lockKind: 'test', runs: false });
  services.push(service);
  return service;
}

const options = { platform: 'linux', launchAtLogin: false, quitting: null, now: Date.now() };

function countStoreCalls(): () => number {
  let calls = 0;
  for (const name of Object.getOwnPropertyNames(SqliteStore.prototype)) {
    if (name === 'constructor') continue;
    const descriptor = Object.getOwnPropertyDescriptor(SqliteStore.prototype, name);
    if (typeof descriptor?.value !== 'function') continue;
    const original = descriptor.value as (...args: unknown[]) => unknown;
    vi.spyOn(
      SqliteStore.prototype as unknown as Record<string, (...args: unknown[]) => unknown>,
      name,
    ).mockImplementation(function (this: unknown, ...args: unknown[]) {
      calls++;
      return original.apply(this, args);
    });
  }
  return () => calls;
}

describe('the tray read', () => {
  it('shows what the full job views show: failing jobs, the overdue one, the upcoming fires', async () => {
    const service = await serviceWith(12);
    // job-1 never succeeded: it is overdue 1 s after its expectation was first seen (the service's start). The tray
    // reads the monitor's verdict, given when its deadline timer fires (it refreshes on that job:overdue event), so wait
    // for the tray to see it.
    await vi.waitFor(
      async () =>
        expect(
          (await readTrayState(service, { ...options, now: Date.now() })).jobs.find((job) => job.id === 'job-1')!
            .overdue,
        ).not.toBeNull(),
      { timeout: 10_000 },
    );
    const at = { ...options, now: Date.now() };
    const fromViews = deriveTrayState({
      jobs: await service.listJobs({}),
      checks: await service.listChecks({}),
      status: await service.status({}),
      upcoming: await service.upcoming({ count: UPCOMING_IN_TRAY }),
      ...at,
    });
    const state = await readTrayState(service, at);
    expect(state).toEqual(fromViews);
    expect(state.jobs.filter((job) => job.failedRun).map((job) => job.id)).toEqual([
      'job-0',
      'job-1',
      'job-3',
      'job-6',
      'job-9',
    ]);
    expect(state.jobs.find((job) => job.id === 'job-1')!.overdue).toEqual({
      since: expect.any(Number),
      lastSuccessAt: null,
    });
  });

  it('asks the store as many questions at 300 jobs as at 10', async () => {
    const counts: number[] = [];
    for (const jobs of [10, 300]) {
      const service = await serviceWith(jobs);
      await readTrayState(service, options);
      const calls = countStoreCalls();
      await readTrayState(service, options);
      counts.push(calls());
      vi.restoreAllMocks();
    }
    expect(counts[1]).toBe(counts[0]);
    expect(counts[0]).toBeLessThanOrEqual(5);
  });
});
