/** The engine on the real SQLite store: the rows it writes are accepted, batched, and survive a restart. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/core/engine/engine';
import { openStore } from '../../../electron/core/store/open-store';
import { FakeClock, flush } from '../../helpers/fake-clock';
import { FakeRunner, job } from './fake-runner';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDb(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-engine-'));
  dirs.push(dir);
  return path.join(dir, 'cronbar.db');
}

describe('engine on SQLite', () => {
  it('records runs, decisions and job state, and catches up after a restart', async () => {
    const dbPath = tempDb();
    const clock = new FakeClock('2026-01-01T00:00:00Z');
    const specs = [
      job({ id: 'hourly', cron: '0 * * * *' }),
      job({ id: 'often', cron: '*/20 * * * *', overlap: 'skip' }),
    ];
    let store = openStore(dbPath);
    let runner = new FakeRunner();
    runner.pid = 4242;
    let engine = new Engine({ store, runner, clock });
    engine.setJobs(specs);
    engine.start();
    await clock.advanceTo('2026-01-01T01:00:00Z');
    runner.forJob('hourly')[0]!.succeed();
    await flush();
    await engine.stop({ graceMs: 0 });
    store.close();

    await clock.advanceTo('2026-01-01T04:10:00Z');
    store = openStore(dbPath);
    runner = new FakeRunner();
    engine = new Engine({ store, runner, clock });
    engine.setJobs(specs);
    engine.start();
    const runs = store.history({ limit: 100 }).runs.reverse();
    expect(
      runs.map(
        (run) => `${run.jobId} ${run.trigger} ${run.status} ${new Date(run.scheduledFor!).toISOString().slice(11, 16)}`,
      ),
    ).toEqual([
      'often schedule interrupted 00:20',
      'often schedule skipped 00:40',
      'hourly schedule succeeded 01:00',
      'often schedule skipped 01:00',
      'hourly catch-up running 04:00',
      'often catch-up queued 04:00',
    ]);
    expect(runs[0]!.reason).toBe('Cronbar stopped while this ran');
    expect(store.getJobState('hourly')).toMatchObject({
      lastFireAt: Date.parse('2026-01-01T04:00:00Z'),
      scheduleKey: 'cron|0 * * * *|UTC',
    });
    await engine.stop({ graceMs: 0 });
    store.close();
  });

  it('starts 10 000 same-second jobs in one tick on SQLite', () => {
    const store = openStore(tempDb());
    const clock = new FakeClock('2026-01-01T00:00:00Z');
    const runner = new FakeRunner();
    runner.pid = 1234;
    const engine = new Engine({ store, runner, clock, concurrency: 10_000 });
    engine.setJobs(Array.from({ length: 10_000 }, (_, i) => job({ id: `job-${i}`, cron: '* * * * * *' })));
    engine.start();
    clock.advance(1000);
    expect(runner.actions).toHaveLength(10_000);
    expect(store.history({ statuses: ['running'], limit: 1000 }).runs).toHaveLength(1000);
    store.close();
  });
});
