import { describe, expect, it } from 'vitest';
import { HOURLY_LIMIT_MS, NotifyPolicy, SETTLE_MS } from '../../../electron/core/notify/notify-policy';

const T = 1_000_000;

describe('NotifyPolicy: overdue jobs, down checks, slow runs', () => {
  it('one notice when a job becomes overdue and one when it recovers, opening the job', () => {
    const policy = new NotifyPolicy();
    expect(
      policy.pushAlert(
        { kind: 'overdue', jobId: 'backup', name: 'Backup', reason: 'no success within 26h; since then: 2 missed' },
        T,
      ),
    ).toBe(true);
    expect(policy.nextFlushAt()).toBe(T + SETTLE_MS);
    expect(policy.flush(T + SETTLE_MS)).toEqual([
      {
        kind: 'overdue',
        title: 'Backup is overdue',
        body: 'no success within 26h; since then: 2 missed',
        target: { view: 'job', jobId: 'backup' },
      },
    ]);
    policy.pushAlert({ kind: 'overdue-recovered', jobId: 'backup', name: 'Backup' }, T + 10);
    expect(policy.flush(T + 10 + SETTLE_MS)).toEqual([
      {
        kind: 'overdue-recovered',
        title: 'Backup succeeded again',
        body: 'Its last success is within its expectation again.',
        target: { view: 'job', jobId: 'backup' },
      },
    ]);
  });

  it('a check going down and up notifies unless its notify says no; up without a down is silent', () => {
    const policy = new NotifyPolicy();
    policy.pushAlert({ kind: 'check-up', checkId: 'nas', name: 'NAS', notify: true }, T);
    expect(policy.flush(T + SETTLE_MS)).toEqual([]);
    policy.pushAlert(
      { kind: 'check-down', checkId: 'nas', name: 'NAS', reason: 'started 02:00, never finished', notify: true },
      T,
    );
    expect(policy.flush(T + SETTLE_MS).map((notice) => [notice.kind, notice.title, notice.body])).toEqual([
      ['check-down', 'NAS is down', 'started 02:00, never finished'],
    ]);
    expect(
      policy.pushAlert({ kind: 'check-down', checkId: 'quiet', name: 'Quiet', reason: null, notify: false }, T),
    ).toBe(false);
    policy.pushAlert({ kind: 'check-up', checkId: 'nas', name: 'NAS', notify: true }, T + 5);
    expect(policy.flush(T + 5 + SETTLE_MS).map((notice) => notice.title)).toEqual(['NAS is up again']);
  });

  it('a job flapping overdue is announced at most once an hour', () => {
    const policy = new NotifyPolicy();
    const overdue = { kind: 'overdue', jobId: 'backup', name: 'Backup', reason: 'x' } as const;
    policy.pushAlert(overdue, T);
    expect(policy.flush(T)).toHaveLength(1);
    policy.pushAlert({ kind: 'overdue-recovered', jobId: 'backup', name: 'Backup' }, T + 1);
    policy.flush(T + 1);
    policy.pushAlert(overdue, T + 2);
    expect(policy.flush(T + 2)).toEqual([]);
    policy.pushAlert(overdue, T + HOURLY_LIMIT_MS);
    expect(policy.flush(T + HOURLY_LIMIT_MS)).toHaveLength(1);
  });

  it('three or more overdue or down at once are one summary', () => {
    const policy = new NotifyPolicy();
    policy.pushAlert({ kind: 'overdue', jobId: 'a', name: 'A', reason: 'x' }, T);
    policy.pushAlert({ kind: 'check-down', checkId: 'b', name: 'B', reason: null, notify: true }, T);
    policy.pushAlert({ kind: 'check-down', checkId: 'c', name: 'C', reason: null, notify: true }, T);
    expect(policy.flush(T + SETTLE_MS)).toEqual([
      { kind: 'summary', title: '3 jobs overdue or down', body: 'A, B, C', target: { view: 'jobs' } },
    ]);
  });

  it('a slow run notifies once, opening the run', () => {
    const policy = new NotifyPolicy();
    policy.pushAlert({ kind: 'slow', jobId: 'backup', name: 'Backup', runId: 9, warnAfterMs: 1_800_000 }, T);
    expect(policy.flush(T)).toEqual([
      {
        kind: 'slow',
        title: 'Backup is slow',
        body: 'Still running after 30m (its warnAfter).',
        target: { view: 'run', runId: 9, jobId: 'backup' },
      },
    ]);
  });
});
