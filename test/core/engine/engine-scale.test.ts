/**
 * Scale behaviour with the real scheduling path and a no-op runner: what happens with 10 000 same-second jobs and
 * 100 000 jobs, not how fast (speed and heap are measured in `npm run bench`: lateness and scale sections).
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
    clock.advance(1000);
    expect(runner.actions).toHaveLength(10_000);
    expect(new Set(runner.actions.map((action) => action.context.scheduledFor))).toEqual(
      new Set([Date.parse('2026-01-01T00:00:01Z')]),
    );
    // One transaction for the rows, pids and states, and on this first big tick one to reserve its ids; nothing row by row.
    expect(store.transactions - transactionsBefore).toBeLessThanOrEqual(2);
    expect(store.writesOutsideTransaction).toBe(0);
  });

  it('takes in 100 000 jobs and gives every one its next fire', () => {
    const specs = Array.from({ length: 100_000 }, (_, i) =>
      job({ id: `job-${i}`, cron: i % 2 ? '*/5 * * * *' : '0 3 * * *' }),
    );
    const clock = new FakeClock('2026-01-01T00:00:00Z');
    const engine = new Engine({ store: new MemoryStore(), runner: new FakeRunner(), clock });
    engine.setJobs(specs);
    engine.start();
    expect(engine.upcoming(3).map((fire) => new Date(fire.at).toISOString())).toEqual([
      '2026-01-01T00:05:00.000Z',
      '2026-01-01T00:05:00.000Z',
      '2026-01-01T00:05:00.000Z',
    ]);
    expect(engine.nextFire('job-99998')).toBe(Date.parse('2026-01-01T03:00:00Z'));
    expect(engine.nextFire('job-99999')).toBe(Date.parse('2026-01-01T00:05:00Z'));
  });
});
