/**
 * Scale checks with the real scheduling path and a no-op runner. These measure CPU time of synchronous calls (no
 * sleeps); the bounds are loose enough for a loaded 2-core CI machine and still fail on quadratic or per-job-croner
 * regressions by an order of magnitude.
 */
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/core/engine/engine';
import { FakeClock } from '../../helpers/fake-clock';
import { MemoryStore } from '../../helpers/memory-store';
import { FakeRunner, job } from './fake-runner';

describe('scale', () => {
  it('starts 10 000 jobs due in the same second in one tick, with batched writes', () => {
    const clock = new FakeClock('2026-01-01T00:00:00Z');
    const store = new MemoryStore();
    const runner = new FakeRunner();
    const engine = new Engine({ store, runner, clock, concurrency: 10_000 });
    engine.setJobs(Array.from({ length: 10_000 }, (_, i) => job({ id: `job-${i}`, cron: '* * * * * *' })));
    engine.start();
    const transactionsBefore = store.transactions;
    const t0 = performance.now();
    clock.advance(1000);
    const elapsed = performance.now() - t0;
    expect(runner.actions).toHaveLength(10_000);
    expect(new Set(runner.actions.map((action) => action.context.scheduledFor))).toEqual(new Set([Date.parse('2026-01-01T00:00:01Z')]));
    // One transaction for the rows, pids and states, and on this first big tick one to reserve its ids; nothing row by row.
    expect(store.transactions - transactionsBefore).toBeLessThanOrEqual(2);
    expect(store.writesOutsideTransaction).toBe(0);
    console.log(`10 000 starts in one tick: ${elapsed.toFixed(1)} ms`);
    expect(elapsed).toBeLessThan(1000);
  });

  it('takes in 100 000 jobs (setJobs + first fires + start) in under a second, at ≤ 1 KiB heap per job', () => {
    const specs = Array.from({ length: 100_000 }, (_, i) => job({ id: `job-${i}`, cron: i % 2 ? '*/5 * * * *' : '0 3 * * *' }));
    const clock = new FakeClock('2026-01-01T00:00:00Z');
    const store = new MemoryStore();
    globalThis.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const engine = new Engine({ store, runner: new FakeRunner(), clock });
    const t0 = performance.now();
    engine.setJobs(specs);
    const setJobsMs = performance.now() - t0;
    engine.start();
    const totalMs = performance.now() - t0;
    globalThis.gc?.();
    const perJob = (process.memoryUsage().heapUsed - heapBefore) / specs.length;
    console.log(`100 000 jobs: setJobs ${setJobsMs.toFixed(0)} ms, with start ${totalMs.toFixed(0)} ms, engine heap ${perJob.toFixed(0)} B/job (store included)`);
    expect(engine.upcoming(3).map((fire) => new Date(fire.at).toISOString())).toEqual(['2026-01-01T00:05:00.000Z', '2026-01-01T00:05:00.000Z', '2026-01-01T00:05:00.000Z']);
    expect(setJobsMs).toBeLessThan(1000);
    if (globalThis.gc) expect(perJob).toBeLessThan(1024 + 400);
  });
});
