/** Job views on a real data directory say what starts a job (after:) and what it starts. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCronbar } from '../../../electron/core/service/open-cronbar';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const JOBS = `jobs:
  - id: build
    name: Build
    cron: "0 2 * * *"
    retry: { attempts: 2 }
    command: make
  - id: deploy
    name: Deploy
    after: { job: build }
    command: ./deploy
  - id: report
    after: [{ job: build, on: always, delay: 5m }, { job: deploy, on: failure }]
    command: ./report
  - id: lone
    every: 1h
    command: "true"
`;

describe('chains in job views', () => {
  it('parents, children and the schedule of a job that only runs after another', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-chain-views-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    fs.writeFileSync(path.join(dir, 'jobs.yaml'), JOBS);
    const service = await openCronbar({ dataDir: dir, schedule: false, watch: false });
    cleanups.push(async () => void (await service.shutdown({ graceMs: 0 })));
    const views = new Map((await service.listJobs({})).map((view) => [view.id, view]));
    expect(views.get('build')).toMatchObject({
      parents: [],
      children: [
        { jobId: 'deploy', name: 'Deploy', on: 'success', delayMs: 0 },
        { jobId: 'report', name: 'report', on: 'always', delayMs: 300_000 },
      ],
      retryAttempts: 2,
    });
    expect(views.get('deploy')).toMatchObject({
      schedule: { kind: 'none', description: 'After Build' },
      parents: [{ jobId: 'build', name: 'Build', on: 'success' }],
      children: [{ jobId: 'report', on: 'failure' }],
      nextFireAt: null,
    });
    expect(views.get('report')!.parents!.map((link) => link.jobId)).toEqual(['build', 'deploy']);
    expect(views.get('lone')).not.toHaveProperty('parents');
  });
});
