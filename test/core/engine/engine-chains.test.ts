import { describe, expect, it } from 'vitest';
import { job } from './fake-runner';
import { flush, makeHarness } from './harness';

const build = (fields: Record<string, unknown> = {}) => job({ id: 'build', cron: '0 1 * * *', ...fields });
const child = (id: string, after: unknown, fields: Record<string, unknown> = {}) =>
  job({ id, after, ...fields } as Parameters<typeof job>[0]);

/** Lets build's 01:00 fire happen and ends its run the given way; returns build's run id. */
async function buildEnds(
  h: ReturnType<typeof makeHarness>,
  how: 'succeed' | 'fail' | 'timeOut' = 'succeed',
  at = '2026-01-01T01:00:00Z',
) {
  await h.clock.advanceTo(at);
  const action = h.runner.forJob('build').at(-1)!;
  action[how]();
  await flush();
  return action.context.runId;
}

describe('chains: a child runs when its parent run ends the matching way', () => {
  it('on success: the child starts as a chain run naming its parent run, and sees it in its context', async () => {
    const h = makeHarness([build(), child('deploy', { job: 'build' })]);
    const buildRun = await buildEnds(h);
    await h.clock.advanceAsync(1);
    const [deploy] = h.runner.forJob('deploy');
    expect(deploy!.context.parent).toEqual({ runId: buildRun, jobId: 'build' });
    expect(h.runs('deploy')).toEqual([
      expect.objectContaining({
        trigger: 'chain',
        status: 'running',
        parentRunId: buildRun,
        reason: `after build run ${buildRun} succeeded`,
      }),
    ]);
  });

  it('a job with only after: has no clock fires of its own', async () => {
    const h = makeHarness([build(), child('deploy', { job: 'build' })]);
    expect(h.engine.nextFire('deploy')).toBeNull();
    await h.clock.advanceTo('2026-01-01T00:59:00Z');
    expect(h.runs('deploy')).toEqual([]);
  });

  it('a failed parent: on-failure children run, on-success children are recorded skipped naming the parent run', async () => {
    const h = makeHarness([
      build(),
      child('deploy', { job: 'build' }),
      child('page-me', { job: 'build', on: 'failure' }),
      child('report', { job: 'build', on: 'always' }),
    ]);
    const buildRun = await buildEnds(h, 'fail');
    await h.clock.advanceAsync(1);
    expect(h.runner.forJob('deploy')).toHaveLength(0);
    expect(h.runs('deploy')).toEqual([
      expect.objectContaining({
        status: 'skipped',
        trigger: 'chain',
        parentRunId: buildRun,
        reason: `parent build run ${buildRun} failed`,
      }),
    ]);
    expect(h.runner.forJob('page-me')).toHaveLength(1);
    expect(h.runner.forJob('report')).toHaveLength(1);
    expect(h.runs('report')[0]!.reason).toBe(`after build run ${buildRun} failed`);
  });

  it('a successful parent starts on-success and always children; on-failure children are not mentioned', async () => {
    const h = makeHarness([
      build(),
      child('deploy', { job: 'build' }),
      child('page-me', { job: 'build', on: 'failure' }),
      child('report', { job: 'build', on: 'always' }),
    ]);
    await buildEnds(h, 'succeed');
    await h.clock.advanceAsync(1);
    expect(h.runner.forJob('deploy')).toHaveLength(1);
    expect(h.runner.forJob('report')).toHaveLength(1);
    expect(h.runs('page-me')).toEqual([]);
  });

  it('a timed-out or cancelled parent counts as failed, in the words of how it ended', async () => {
    const h = makeHarness([build(), child('deploy', { job: 'build' })]);
    const timedOut = await buildEnds(h, 'timeOut');
    await h.clock.advanceAsync(1);
    expect(h.runs('deploy')[0]!.reason).toBe(`parent build run ${timedOut} timed out`);
    await h.clock.advanceTo('2026-01-02T01:00:00Z');
    const cancelled = h.runner.forJob('build').at(-1)!.context.runId;
    h.engine.cancelRun(cancelled);
    await flush();
    await h.clock.advanceAsync(1);
    expect(h.runs('deploy')[1]!.reason).toBe(`parent build run ${cancelled} was interrupted`);
  });

  it('delay: the child starts that long after the parent ended, not before', async () => {
    const h = makeHarness([build(), child('deploy', { job: 'build', delay: '5m' })]);
    await buildEnds(h);
    await h.clock.advanceAsync(5 * 60_000 - 1_000);
    expect(h.runner.forJob('deploy')).toHaveLength(0);
    await h.clock.advanceAsync(1_000);
    expect(h.runner.forJob('deploy')).toHaveLength(1);
    expect(h.runs('deploy')[0]!.startedAt).toBe(Date.parse('2026-01-01T01:05:00Z'));
  });

  it('several parents: each entry is a trigger of its own', async () => {
    const h = makeHarness([
      build(),
      job({ id: 'test', cron: '30 1 * * *' }),
      child('publish', [{ job: 'build' }, { job: 'test', on: 'failure' }], { overlap: 'parallel' }),
    ]);
    const buildRun = await buildEnds(h);
    await h.clock.advanceAsync(1);
    await h.clock.advanceTo('2026-01-01T01:30:00Z');
    const testAction = h.runner.forJob('test')[0]!;
    testAction.fail();
    await flush();
    await h.clock.advanceAsync(1);
    expect(h.runs('publish').map((run) => run.parentRunId)).toEqual([buildRun, testAction.context.runId]);
  });

  it('a chain of three: a grandchild names its own parent run, not the first one', async () => {
    const h = makeHarness([build(), child('deploy', { job: 'build' }), child('smoke', { job: 'deploy' })]);
    await buildEnds(h);
    await h.clock.advanceAsync(1);
    const deploy = h.runner.forJob('deploy')[0]!;
    deploy.succeed();
    await flush();
    await h.clock.advanceAsync(1);
    expect(h.runs('smoke')[0]!.parentRunId).toBe(deploy.context.runId);
  });
});

describe('chains: retries, pause, overlap and limits apply to the child as to any run', () => {
  it('a retried parent starts its children on its final attempt only', async () => {
    const h = makeHarness([build({ retry: { attempts: 1, delay: '1m' } }), child('deploy', { job: 'build' })]);
    await buildEnds(h, 'fail');
    await h.clock.advanceAsync(1);
    expect(h.runs('deploy')).toEqual([]);
    await h.clock.advanceAsync(60_000);
    const retry = h.runner.forJob('build')[1]!;
    retry.succeed();
    await flush();
    await h.clock.advanceAsync(1);
    expect(h.runs('deploy')).toEqual([
      expect.objectContaining({ status: 'running', parentRunId: retry.context.runId }),
    ]);
  });

  it('a parent that fails every attempt holds its children back once, naming the last attempt', async () => {
    const h = makeHarness([build({ retry: { attempts: 1, delay: '1m' } }), child('deploy', { job: 'build' })]);
    await buildEnds(h, 'fail');
    await h.clock.advanceAsync(60_000);
    const retry = h.runner.forJob('build')[1]!;
    retry.fail();
    await flush();
    await h.clock.advanceAsync(1);
    expect(h.summary('deploy')).toEqual([
      { status: 'skipped', trigger: 'chain', for: null, reason: `parent build run ${retry.context.runId} failed` },
    ]);
  });

  it("a child's own retry keeps its parent run", async () => {
    const h = makeHarness([build(), child('deploy', { job: 'build' }, { retry: { attempts: 1, delay: '1m' } })]);
    const buildRun = await buildEnds(h);
    await h.clock.advanceAsync(1);
    h.runner.forJob('deploy')[0]!.fail();
    await flush();
    await h.clock.advanceAsync(60_000);
    const retry = h.runner.forJob('deploy')[1]!;
    expect(retry.context.parent).toEqual({ runId: buildRun, jobId: 'build' });
    expect(h.runs('deploy').map((run) => [run.trigger, run.parentRunId])).toEqual([
      ['chain', buildRun],
      ['retry', buildRun],
    ]);
  });

  it('a paused child is recorded skipped (paused) instead of running', async () => {
    const h = makeHarness([build(), child('deploy', { job: 'build' })]);
    h.engine.pauseJob('deploy', null);
    const buildRun = await buildEnds(h);
    await h.clock.advanceAsync(1);
    expect(h.runner.forJob('deploy')).toHaveLength(0);
    expect(h.runs('deploy')[0]).toMatchObject({
      status: 'skipped',
      parentRunId: buildRun,
      reason: `paused: after build run ${buildRun} succeeded`,
    });
  });

  it('overlap skip: a child still running when its parent ends again is skipped with the overlap reason', async () => {
    const h = makeHarness([build(), child('deploy', { job: 'build' })]);
    await buildEnds(h);
    await h.clock.advanceAsync(1);
    const first = h.runner.forJob('deploy')[0]!.context.runId;
    await buildEnds(h, 'succeed', '2026-01-02T01:00:00Z');
    await h.clock.advanceAsync(1);
    expect(h.runner.forJob('deploy')).toHaveLength(1);
    expect(h.runs('deploy')[1]).toMatchObject({ status: 'skipped', reason: `overlap: still running (run ${first})` });
  });

  it('overlap queue: the second chain run waits for the first and starts when it ends', async () => {
    const h = makeHarness([build(), child('deploy', { job: 'build' }, { overlap: 'queue' })]);
    await buildEnds(h);
    await h.clock.advanceAsync(1);
    const second = await buildEnds(h, 'succeed', '2026-01-02T01:00:00Z');
    await h.clock.advanceAsync(1);
    expect(h.runs('deploy').map((run) => run.status)).toEqual(['running', 'queued']);
    h.runner.forJob('deploy')[0]!.succeed();
    await flush();
    expect(h.runner.forJob('deploy')[1]!.context.parent).toEqual({ runId: second, jobId: 'build' });
  });

  it('the concurrency limit holds a child until a slot frees', async () => {
    const h = makeHarness([build(), job({ id: 'long', cron: '0 1 * * *' }), child('deploy', { job: 'build' })], {
      concurrency: 2,
    });
    await buildEnds(h);
    // build's slot went to nobody yet; take it with a manual run so the child has to wait.
    h.engine.runNow('build');
    await h.clock.advanceAsync(1);
    expect(h.runs('deploy')[0]!.status).toBe('queued');
    h.runner.forJob('long')[0]!.succeed();
    await flush();
    expect(h.runs('deploy')[0]!.status).toBe('running');
    expect(h.runner.forJob('deploy')[0]!.context.parent?.jobId).toBe('build');
  });

  it('nothing starts when Cronbar stops while the parent runs', async () => {
    const h = makeHarness([build(), child('deploy', { job: 'build' })]);
    await h.clock.advanceTo('2026-01-01T01:00:00Z');
    const stopped = h.engine.stop({ graceMs: 0 });
    await flush();
    await stopped;
    expect(h.runs('deploy')).toEqual([]);
  });

  it('a child disabled meanwhile is not started, and the log says so', async () => {
    const jobs = [build(), child('deploy', { job: 'build', delay: '1m' })];
    const h = makeHarness(jobs);
    await buildEnds(h);
    h.engine.setJobs([jobs[0]!, child('deploy', { job: 'build', delay: '1m' }, { enabled: false })]);
    await h.clock.advanceAsync(60_000);
    expect(h.runs('deploy')).toEqual([]);
    expect(
      h.logs.some((line) => line.includes('deploy not started after build run') && line.includes('disabled')),
    ).toBe(true);
  });
});
