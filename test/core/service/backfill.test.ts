/** The backfill's pacing on a real engine (fake clock and runner): queue, parallel, the concurrency limit, cancel. */
import { describe, expect, it } from 'vitest';
import { Backfills } from '../../../electron/core/service/backfill';
import { job } from '../engine/fake-runner';
import { type Harness, at, flush, makeHarness } from '../engine/harness';

const HOUR = 3_600_000;
const FROM = at('2025-12-31T00:00:00Z');

function backfills(h: Harness): Backfills {
  return new Backfills({
    calendar: (id) => h.engine.fireCalendar(id),
    succeededSlots: (id, from, to) =>
      new Set(
        h.store
          .runsScheduledFrom(id, from, 1000)
          .filter((run) => run.status === 'succeeded' && run.scheduledFor! <= to)
          .map((run) => run.scheduledFor!),
      ),
    startSlot: (id, slot) => h.engine.runBackfillSlot(id, slot),
    cancelRun: (runId) => void h.engine.cancelRun(runId),
    onRunFinished: (listener) => {
      h.engine.on('run:finished', listener);
      return () => void h.engine.off('run:finished', listener);
    },
    by: 'test',
    scheduler: true,
  });
}

const input = (overrides: Record<string, unknown> = {}) => ({
  id: 'hourly',
  from: FROM,
  to: FROM + 5 * HOUR,
  dryRun: false,
  rerun: false,
  overlap: 'queue' as const,
  maxParallel: 4,
  max: 1000,
  ...overrides,
});

const running = (h: Harness) => h.runner.actions.filter((action) => !action.settled);

describe('backfill pacing', () => {
  it('overlap queue runs one slot after another, oldest first', async () => {
    const h = makeHarness([job({ id: 'hourly', cron: '0 * * * *' })]);
    const result = backfills(h).run(input());
    expect(result.runs).toHaveLength(1);
    expect(result.pending).toHaveLength(5);
    for (let slot = 0; slot < 6; slot++) {
      expect(running(h).map((action) => action.context.scheduledFor)).toEqual([FROM + slot * HOUR]);
      running(h)[0]!.succeed();
      await flush();
    }
    expect(h.summary('hourly').map((run) => `${run.trigger} ${run.status}`)).toEqual(
      Array(6).fill('backfill succeeded'),
    );
  });

  it('overlap parallel keeps maxParallel at once, and the concurrency limit still holds the rest as queued', async () => {
    const h = makeHarness([job({ id: 'hourly', cron: '0 * * * *' })], { concurrency: 2 });
    const result = backfills(h).run(input({ overlap: 'parallel', maxParallel: 3 }));
    expect(result.runs.map((run) => run.queued)).toEqual([false, false, true]);
    expect(h.engine.status()).toMatchObject({ running: 2, queued: 1 });
    running(h)[0]!.succeed();
    await flush();
    // The queued one started; a fourth slot took the freed place in the backfill, queued behind the limit.
    expect(h.engine.status()).toMatchObject({ running: 2, queued: 1 });
    expect(h.runs('hourly')).toHaveLength(4);
  });

  it('cancelling one of its runs cancels the slots still waiting and its other live runs', async () => {
    const h = makeHarness([job({ id: 'hourly', cron: '0 * * * *' })]);
    const units = backfills(h);
    const result = units.run(input({ overlap: 'parallel', maxParallel: 2 }));
    const idle = units.whenIdle();
    expect(units.cancelByRun(result.runs[0]!.runId)).toBe(true);
    h.engine.cancelRun(result.runs[0]!.runId);
    await flush();
    await idle;
    expect(h.summary('hourly').map((run) => run.status)).toEqual(['interrupted', 'interrupted']);
  });
});
