import { describe, expect, it } from 'vitest';
import {
  type FinishedRun,
  type NotifyPrefs,
  DEFAULT_NOTIFY_PREFS,
  NotifyPolicy,
  SETTLE_MS,
  lastOutputLine,
} from '../../../electron/core/notify/notify-policy';
import type { RunRecord } from '../../../shared/model';

const MIN = 60_000;
let nextRunId = 1;

function finished(
  jobId: string,
  status: RunRecord['status'],
  extra: Partial<FinishedRun['run']> & { lastLine?: string | null; prefs?: Partial<NotifyPrefs> } = {},
): FinishedRun {
  const { lastLine = null, prefs = {}, ...run } = extra;
  return {
    run: {
      id: nextRunId++,
      jobId,
      status,
      exitCode: status === 'failed' ? 1 : status === 'succeeded' ? 0 : null,
      signal: null,
      reason: null,
      ...run,
    },
    jobName: jobId,
    prefs: { ...DEFAULT_NOTIFY_PREFS, ...prefs },
    lastLine,
  };
}

/** Pushes the run at `at` and flushes once it has settled, as the glue does. */
function step(policy: NotifyPolicy, event: FinishedRun, at: number) {
  policy.push(event, at);
  return policy.flush(at + SETTLE_MS);
}

describe('NotifyPolicy', () => {
  it('a failure names the job, the exit code and the last line of output, and opens that run', () => {
    const policy = new NotifyPolicy();
    const event = finished('backup-home', 'failed', { exitCode: 3, lastLine: 'Fatal: repository is locked' });
    const [notice, ...rest] = step(policy, event, 0);
    expect(rest).toEqual([]);
    expect(notice).toEqual({
      kind: 'failure',
      title: 'backup-home failed',
      body: 'exit code 3: Fatal: repository is locked',
      target: { view: 'run', runId: event.run.id, jobId: 'backup-home' },
    });
  });

  it('a timeout and a signal say so', () => {
    const policy = new NotifyPolicy();
    expect(step(policy, finished('a', 'timed-out', { signal: 'SIGTERM' }), 0)[0]).toMatchObject({
      kind: 'timeout',
      title: 'a timed out',
      body: 'timed out (stopped with SIGTERM)',
    });
    expect(step(policy, finished('b', 'failed', { exitCode: null, signal: 'SIGKILL' }), 0)[0]).toMatchObject({
      body: 'killed by SIGKILL',
    });
  });

  it('while a job keeps failing it notifies at most once an hour', () => {
    const policy = new NotifyPolicy();
    const shown = [0, 15, 30, 45, 59, 61, 90].map(
      (minute) => step(policy, finished('site-up', 'failed'), minute * MIN).length,
    );
    expect(shown).toEqual([1, 0, 0, 0, 0, 1, 0]);
  });

  it('the first success after failures is a recovery; later successes are quiet', () => {
    const policy = new NotifyPolicy();
    step(policy, finished('site-up', 'failed'), 0);
    step(policy, finished('site-up', 'failed'), MIN);
    expect(step(policy, finished('site-up', 'succeeded'), 2 * MIN)).toEqual([
      expect.objectContaining({ kind: 'recovery', title: 'site-up is working again' }),
    ]);
    expect(step(policy, finished('site-up', 'succeeded'), 3 * MIN)).toEqual([]);
    // After a recovery a new failure notifies at once, inside the hour.
    expect(step(policy, finished('site-up', 'failed'), 4 * MIN)).toHaveLength(1);
  });

  it('a streak stored before a restart still gets its recovery', () => {
    const policy = new NotifyPolicy();
    policy.seed('backup-home', 2);
    expect(step(policy, finished('backup-home', 'succeeded'), 0)[0]?.kind).toBe('recovery');
  });

  it('three jobs failing within a minute give one summary instead of three notices', () => {
    const policy = new NotifyPolicy();
    for (const job of ['a', 'b', 'c']) policy.push(finished(job, 'failed'), 0);
    const notices = policy.flush(SETTLE_MS);
    expect(notices).toEqual([
      { kind: 'summary', title: '3 jobs failed within a minute', body: 'a, b, c', target: { view: 'jobs' } },
    ]);
  });

  it('the third failure in a minute turns into a summary that covers the first two', () => {
    const policy = new NotifyPolicy();
    expect(step(policy, finished('a', 'failed'), 0)[0]?.kind).toBe('failure');
    expect(step(policy, finished('b', 'failed'), 20_000)[0]?.kind).toBe('failure');
    expect(step(policy, finished('c', 'failed'), 40_000)).toEqual([
      expect.objectContaining({ kind: 'summary', body: 'a, b, c' }),
    ]);
  });

  it('failures spread over more than a minute are notified one by one', () => {
    const policy = new NotifyPolicy();
    const kinds = ['a', 'b', 'c'].map((job, index) => step(policy, finished(job, 'failed'), index * 45_000)[0]?.kind);
    expect(kinds).toEqual(['failure', 'failure', 'failure']);
  });

  it('failures right after a summary wait for the next minute, then come out', () => {
    const policy = new NotifyPolicy();
    for (const job of ['a', 'b', 'c']) policy.push(finished(job, 'failed'), 0);
    policy.flush(SETTLE_MS);
    for (const job of ['d', 'e', 'f']) policy.push(finished(job, 'failed'), 10_000);
    expect(policy.flush(10_000 + SETTLE_MS)).toEqual([]);
    expect(policy.nextFlushAt()).toBe(SETTLE_MS + MIN);
    expect(policy.flush(SETTLE_MS + MIN)).toEqual([expect.objectContaining({ kind: 'summary', body: 'd, e, f' })]);
    expect(policy.nextFlushAt()).toBeNull();
  });

  it('missed runs notify only for jobs that ask, once an hour', () => {
    const policy = new NotifyPolicy();
    expect(step(policy, finished('quiet', 'missed'), 0)).toEqual([]);
    policy.push(finished('loud', 'missed', { prefs: { missed: true }, reason: 'computer was asleep at 02:00' }), 0);
    policy.push(finished('loud', 'missed', { prefs: { missed: true } }), 0);
    expect(policy.flush(SETTLE_MS)).toEqual([
      expect.objectContaining({ kind: 'missed', title: 'loud missed a run', body: 'computer was asleep at 02:00' }),
    ]);
    expect(step(policy, finished('loud', 'missed', { prefs: { missed: true } }), 10 * MIN)).toEqual([]);
  });

  it('jobs with notify.failure off never notify failures; notify.success announces every success', () => {
    const policy = new NotifyPolicy();
    expect(step(policy, finished('x', 'failed', { prefs: { failure: false } }), 0)).toEqual([]);
    expect(
      step(policy, finished('y', 'succeeded', { prefs: { success: true }, lastLine: 'snapshot 5f2a saved' }), 0),
    ).toEqual([expect.objectContaining({ kind: 'success', title: 'y succeeded', body: 'snapshot 5f2a saved' })]);
  });

  it('a failure followed by a success before the flush is not reported as a failure', () => {
    const policy = new NotifyPolicy();
    policy.push(finished('flaky', 'failed'), 0);
    policy.push(finished('flaky', 'succeeded'), 500);
    expect(policy.flush(500 + SETTLE_MS).map((notice) => notice.kind)).toEqual(['recovery']);
  });
});

describe('lastOutputLine', () => {
  it('takes the last non-empty line, collapsed and cut to a notification-sized length', () => {
    expect(lastOutputLine('one\ntwo\n\n  three  \n\n')).toBe('three');
    expect(lastOutputLine('')).toBeNull();
    expect(lastOutputLine('x'.repeat(500))!.length).toBe(160);
  });
});
