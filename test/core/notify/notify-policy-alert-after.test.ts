import { describe, expect, it } from 'vitest';
import {
  type FinishedRun,
  DEFAULT_NOTIFY_PREFS,
  NotifyPolicy,
  SETTLE_MS,
} from '../../../electron/core/notify/notify-policy';
import type { RunRecord } from '../../../shared/model';

let nextRunId = 1;
const HOUR = 3_600_000;

function finished(status: RunRecord['status'], prefs: Partial<FinishedRun['prefs']>): FinishedRun {
  return {
    run: {
      id: nextRunId++,
      jobId: 'backup',
      status,
      exitCode: status === 'failed' ? 1 : 0,
      signal: null,
      reason: null,
    },
    jobName: 'backup',
    prefs: { ...DEFAULT_NOTIFY_PREFS, ...prefs },
    lastLine: null,
  };
}

/** The notice kinds each run produces, runs an hour apart (past the hourly limit). */
function kindsFor(statuses: RunRecord['status'][], prefs: Partial<FinishedRun['prefs']>): string[][] {
  const policy = new NotifyPolicy();
  return statuses.map((status, index) => {
    policy.push(finished(status, prefs), index * HOUR);
    return policy.flush(index * HOUR + SETTLE_MS).map((notice) => notice.kind);
  });
}

describe('notify.alertAfter: consecutive failures before a word', () => {
  it('says nothing for the first two failures with alertAfter 3, then fails, then recovers once', () => {
    expect(kindsFor(['failed', 'failed', 'failed', 'succeeded', 'succeeded'], { alertAfter: 3 })).toEqual([
      [],
      [],
      ['failure'],
      ['recovery'],
      [],
    ]);
  });

  it('does not call a success after a short streak a recovery: nothing was announced', () => {
    expect(kindsFor(['failed', 'failed', 'succeeded'], { alertAfter: 3 })).toEqual([[], [], []]);
  });

  it('keeps quiet about the recovery when recovered is off', () => {
    expect(kindsFor(['failed', 'succeeded'], { recovered: false })).toEqual([['failure'], []]);
  });
});
