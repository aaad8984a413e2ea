import { describe, expect, it } from 'vitest';
import { checkAlert, overdueAlert, slowAlert } from '../../../electron/core/notify/monitor-alerts';
import { makeCheck, makeRun } from '../../helpers/model-builders';

describe('monitor events as notify alerts', () => {
  it('a check notifies when it goes down from any other state, and when it comes back up from down only', () => {
    const states = ['new', 'up', 'late', 'down'] as const;
    const decided = states.flatMap((previous) =>
      states.map((state) => [
        `${previous}->${state}`,
        checkAlert({ check: makeCheck({ id: 'nas', name: 'NAS', state, reason: 'r' }), previous })?.kind ?? null,
      ]),
    );
    expect(decided.filter(([, kind]) => kind !== null)).toEqual([
      ['new->down', 'check-down'],
      ['up->down', 'check-down'],
      ['late->down', 'check-down'],
      ['down->up', 'check-up'],
    ]);
  });

  it('carries the check’s notify choice and reason, the overdue reason, and the slow run’s job name', () => {
    expect(
      checkAlert({
        check: makeCheck({
          id: 'ci',
          name: 'CI',
          state: 'down',
          reason: 'failed: exit 3',
          notify: { down: false, up: true },
        }),
        previous: 'up',
      }),
    ).toEqual({
      kind: 'check-down',
      checkId: 'ci',
      name: 'CI',
      reason: 'failed: exit 3',
      notify: false,
    });
    expect(
      overdueAlert({
        jobId: 'b',
        name: 'Backup',
        overdue: { since: 1, lastSuccessAt: null, reason: 'no success yet' },
      }),
    ).toEqual({ kind: 'overdue', jobId: 'b', name: 'Backup', reason: 'no success yet' });
    expect(overdueAlert({ jobId: 'b', name: 'Backup', overdue: null })).toEqual({
      kind: 'overdue-recovered',
      jobId: 'b',
      name: 'Backup',
    });
    expect(slowAlert({ run: makeRun({ id: 4, jobId: 'b' }), warnAfterMs: 60_000 }, 'Backup')).toEqual({
      kind: 'slow',
      jobId: 'b',
      name: 'Backup',
      runId: 4,
      warnAfterMs: 60_000,
    });
  });
});
