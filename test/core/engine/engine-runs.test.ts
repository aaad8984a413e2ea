import { describe, expect, it } from 'vitest';
import { CronbarError } from '../../../shared/api/contract';
import { job } from './fake-runner';
import { flush, iso, makeHarness } from './harness';

const minutely = (overlap: 'skip' | 'queue' | 'parallel' | 'replace') => job({ id: 'j', cron: '* * * * *', overlap });

describe('overlap when a fire arrives while the job runs', () => {
  it('skip: records a skipped row naming the running run', async () => {
    const h = makeHarness([minutely('skip')]);
    await h.clock.advanceTo('2026-01-01T00:02:00Z');
    const first = h.runner.actions[0]!.context.runId;
    expect(h.runner.actions).toHaveLength(1);
    expect(h.summary()).toEqual([
      { status: 'running', trigger: 'schedule', for: '2026-01-01T00:01:00.000Z', reason: null },
      {
        status: 'skipped',
        trigger: 'schedule',
        for: '2026-01-01T00:02:00.000Z',
        reason: `overlap: still running (run ${first})`,
      },
    ]);
  });

  it('queue: one waits for the running run; further fires are skipped while it waits', async () => {
    const h = makeHarness([minutely('queue')]);
    await h.clock.advanceTo('2026-01-01T00:03:00Z');
    const rows = h.summary();
    expect(rows.map((row) => row.status)).toEqual(['running', 'queued', 'skipped']);
    expect(rows[2]!.reason).toBe(`overlap: run ${h.runs()[1]!.id} is already queued`);
    h.runner.actions[0]!.succeed();
    await flush();
    expect(h.runner.actions).toHaveLength(2);
    expect(h.runner.actions[1]!.context.scheduledFor).toBe(Date.parse('2026-01-01T00:02:00Z'));
    expect(h.runs()[1]!.status).toBe('running');
  });

  it('parallel: every fire starts', async () => {
    const h = makeHarness([minutely('parallel')]);
    await h.clock.advanceTo('2026-01-01T00:03:00Z');
    expect(h.summary().map((row) => row.status)).toEqual(['running', 'running', 'running']);
  });

  it("replace: the running run is stopped, interrupted with the new run's id", async () => {
    const h = makeHarness([minutely('replace')]);
    await h.clock.advanceTo('2026-01-01T00:02:00Z');
    const [oldRun, newRun] = h.runs();
    expect(h.runner.actions[0]!.cancelledWith).toBe(`replaced by run ${newRun!.id}`);
    expect(h.store.getRun(oldRun!.id)).toMatchObject({
      status: 'interrupted',
      reason: `replaced by run ${newRun!.id}`,
    });
    expect(h.runner.actions).toHaveLength(2);
  });
});

describe('concurrency limit', () => {
  it('holds runs beyond the limit as queued and starts them in FIFO order', async () => {
    const jobs = ['a', 'b', 'c', 'd'].map((id) => job({ id, cron: '0 1 * * *' }));
    const h = makeHarness(jobs, { concurrency: 2 });
    await h.clock.advanceTo('2026-01-01T01:00:00Z');
    expect(h.runs().map((run) => `${run.jobId}:${run.status}`)).toEqual([
      'a:running',
      'b:running',
      'c:queued',
      'd:queued',
    ]);
    expect(h.engine.status()).toMatchObject({ running: 2, queued: 2 });
    h.runner.forJob('b')[0]!.succeed();
    await flush();
    expect(h.runner.actions.map((action) => action.job.id)).toEqual(['a', 'b', 'c']);
    h.runner.forJob('a')[0]!.fail();
    await flush();
    expect(h.runner.actions.map((action) => action.job.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(h.runs().find((run) => run.jobId === 'd')).toMatchObject({ status: 'running' });
  });

  it('says a run started only when it starts: a queued run is announced as queued', async () => {
    const jobs = ['a', 'b'].map((id) => job({ id, cron: '0 1 * * *' }));
    const h = makeHarness(jobs, { concurrency: 1 });
    const events: string[] = [];
    h.engine.on('run:queued', (run) => events.push(`queued ${run.jobId} ${run.status}`));
    h.engine.on('run:started', (run) => events.push(`started ${run.jobId} ${run.status}`));
    await h.clock.advanceTo('2026-01-01T01:00:00Z');
    expect(events).toEqual(['started a running', 'queued b queued']);
    h.runner.forJob('a')[0]!.succeed();
    await flush();
    expect(events).toEqual(['started a running', 'queued b queued', 'started b running']);
  });

  it('raising the limit through setJobs starts waiting runs at once', async () => {
    const jobs = ['a', 'b', 'c'].map((id) => job({ id, cron: '0 1 * * *' }));
    const h = makeHarness(jobs, { concurrency: 1 });
    await h.clock.advanceTo('2026-01-01T01:00:00Z');
    expect(h.runner.actions).toHaveLength(1);
    h.engine.setJobs(jobs, 3);
    expect(h.runner.actions).toHaveLength(3);
  });
});

describe('retries', () => {
  it('retries a failed run with backoff capped at maxDelay, each attempt its own row', async () => {
    const spec = job({
      id: 'flaky',
      cron: '0 1 * * *',
      retry: { attempts: 3, delay: '1m', backoff: 4, maxDelay: '10m' },
    });
    const h = makeHarness([spec]);
    await h.clock.advanceTo('2026-01-01T01:00:00Z');
    const startTimes: string[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      const action = h.runner.actions[attempt]!;
      startTimes.push(iso(h.clock.now())!);
      action.fail();
      await flush();
      await h.clock.advanceAsync(attempt === 3 ? 3_600_000 : [60_000, 240_000, 600_000][attempt]!);
    }
    // 1m, then 4m, then 16m capped to 10m; then no fourth retry.
    expect(startTimes).toEqual([
      '2026-01-01T01:00:00.000Z',
      '2026-01-01T01:01:00.000Z',
      '2026-01-01T01:05:00.000Z',
      '2026-01-01T01:15:00.000Z',
    ]);
    expect(h.runner.actions).toHaveLength(4);
    const runs = h.runs('flaky');
    expect(runs.map((run) => [run.trigger, run.attempt, run.retryOf, run.status])).toEqual([
      ['schedule', 1, null, 'failed'],
      ['retry', 2, runs[0]!.id, 'failed'],
      ['retry', 3, runs[0]!.id, 'failed'],
      ['retry', 4, runs[0]!.id, 'failed'],
    ]);
    expect(runs.every((run) => run.scheduledFor === Date.parse('2026-01-01T01:00:00Z'))).toBe(true);
  });

  it('retries a timed-out run but not a cancelled one', async () => {
    const spec = job({ id: 'slow', cron: '0 1 * * *', retry: { attempts: 1, delay: '1m' } });
    const h = makeHarness([spec]);
    await h.clock.advanceTo('2026-01-01T01:00:00Z');
    h.runner.actions[0]!.timeOut();
    await h.clock.advanceAsync(60_000);
    expect(h.runner.actions).toHaveLength(2);
    h.engine.cancelRun(h.runner.actions[1]!.context.runId);
    await h.clock.advanceAsync(3_600_000);
    expect(h.summary().map((row) => row.status)).toEqual(['timed-out', 'interrupted']);
    expect(h.runner.actions).toHaveLength(2);
  });
});

describe('runNow and cancelRun', () => {
  it('runs now as manual; skip refuses with the running run; force runs anyway', async () => {
    const h = makeHarness([job({ id: 'j', cron: '0 5 * * *' })]);
    const first = h.engine.runNow('j');
    expect(first).toEqual({ runId: expect.any(Number), queued: false, refused: null });
    expect(h.store.getRun(first.runId!)).toMatchObject({ trigger: 'manual', status: 'running', scheduledFor: null });
    expect(h.engine.runNow('j')).toEqual({
      runId: null,
      queued: false,
      refused: `already running (run ${first.runId})`,
    });
    expect(h.engine.jobRuntime('j').canRunNow).toBe(false);
    const forced = h.engine.runNow('j', { force: true });
    expect(forced.refused).toBeNull();
    expect(h.runner.actions).toHaveLength(2);
  });

  it('queue policy queues a manual run; replace cancels the running one', async () => {
    const h = makeHarness([
      job({ id: 'q', cron: '0 5 * * *', overlap: 'queue' }),
      job({ id: 'r', cron: '0 5 * * *', overlap: 'replace' }),
    ]);
    h.engine.runNow('q');
    expect(h.engine.runNow('q')).toMatchObject({ queued: true, refused: null });
    const old = h.engine.runNow('r');
    const replacing = h.engine.runNow('r');
    await flush();
    expect(h.store.getRun(old.runId!)).toMatchObject({
      status: 'interrupted',
      reason: `replaced by run ${replacing.runId}`,
    });
  });

  it('goes through the concurrency limit', () => {
    const h = makeHarness([job({ id: 'a', cron: '0 5 * * *' }), job({ id: 'b', cron: '0 5 * * *' })], {
      concurrency: 1,
    });
    h.engine.runNow('a');
    const second = h.engine.runNow('b');
    expect(second.queued).toBe(true);
    expect(h.store.getRun(second.runId!)!.status).toBe('queued');
  });

  it('unknown job: not-found error', () => {
    const h = makeHarness([]);
    expect(() => h.engine.runNow('nope')).toThrow(CronbarError);
    try {
      h.engine.runNow('nope');
    } catch (error) {
      expect((error as CronbarError).code).toBe('not-found');
    }
  });

  it('cancelRun stops a running run and drops a queued one; false for anything else', async () => {
    const h = makeHarness([job({ id: 'a', cron: '0 5 * * *' }), job({ id: 'b', cron: '0 5 * * *' })], {
      concurrency: 1,
    });
    const running = h.engine.runNow('a');
    const queued = h.engine.runNow('b');
    expect(h.engine.cancelRun(queued.runId!)).toBe(true);
    expect(h.store.getRun(queued.runId!)).toMatchObject({
      status: 'interrupted',
      reason: 'cancelled before it started',
    });
    expect(h.engine.cancelRun(running.runId!)).toBe(true);
    await flush();
    expect(h.store.getRun(running.runId!)).toMatchObject({ status: 'interrupted', reason: 'cancelled by the user' });
    expect(h.engine.cancelRun(running.runId!)).toBe(false);
    expect(h.engine.cancelRun(9999)).toBe(false);
    expect(h.runner.actions).toHaveLength(1);
  });
});
