import { describe, expect, it } from 'vitest';
import {
  DEFAULT_NOTIFY_PREFS,
  MAX_SETTLE_MS,
  NotifyPolicy,
  SETTLE_MS,
} from '../../../electron/core/notify/notify-policy';

const failedRun = (id: number) => ({
  run: { id, jobId: 'every-second', status: 'failed' as const, exitCode: 1, signal: null, reason: null },
  jobName: 'every-second',
  prefs: DEFAULT_NOTIFY_PREFS,
  lastLine: null,
});

describe('NotifyPolicy settle delay', () => {
  it('a job failing every second is still told, within MAX_SETTLE_MS of its first failure', () => {
    const policy = new NotifyPolicy();
    const told: string[] = [];
    // The glue's loop: push each failure, flush when nextFlushAt has come.
    for (let second = 0; second < 20; second++) {
      const now = second * 1000;
      const due = policy.nextFlushAt();
      if (due !== null && due <= now) told.push(...policy.flush(now).map((notice) => `${now} ${notice.title}`));
      policy.push(failedRun(second + 1), now);
    }
    expect(told).toEqual([`${MAX_SETTLE_MS} every-second failed`]);
  });

  it('a quiet gap still ends the wait after SETTLE_MS', () => {
    const policy = new NotifyPolicy();
    policy.push(failedRun(1), 0);
    expect(policy.nextFlushAt()).toBe(SETTLE_MS);
  });
});
