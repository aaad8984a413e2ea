import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../../shared/model';
import { MAX_MONITOR_TIMER_MS } from '../../../electron/core/monitor/monitor';
import { makeRun } from '../../helpers/model-builders';
import { makeCheck, makePing, monitorHarness } from './monitor-fixtures';

describe('Monitor: check deadlines on one timer', () => {
  it('goes late when the period passes and down exactly at the grace, each once, from its own timer', async () => {
    const pings = new Map([['nas', { end: makePing('success', '2026-03-01T00:00:00Z'), start: null }]]);
    const { clock, events, monitor } = monitorHarness('2026-03-01T00:00:00Z', { pings });
    monitor.setChecks([makeCheck({ every: '1h', grace: '10m' })]);
    monitor.start();
    await clock.advanceTo('2026-03-01T01:00:00Z');
    expect(events).toEqual(['2026-03-01T01:00:00.000Z check nas up->late']);
    await clock.advanceTo('2026-03-01T01:09:59.999Z');
    expect(events).toHaveLength(1);
    await clock.advanceTo('2026-03-01T01:10:00Z');
    expect(events).toEqual([
      '2026-03-01T01:00:00.000Z check nas up->late',
      '2026-03-01T01:10:00.000Z check nas late->down',
    ]);
    // A ping brings it back up at once.
    monitor.onPing(makePing('success', clock.now()));
    expect(events.at(-1)).toBe('2026-03-01T01:10:00.000Z check nas down->up');
  });

  it('arms one timer however many checks there are, for the earliest deadline only', () => {
    const { clock, monitor } = monitorHarness('2026-03-01T00:00:00Z');
    const checks = Array.from({ length: 10_000 }, (_, index) =>
      makeCheck({ id: `c${index}`, every: `${60 + (index % 50)}m` }),
    );
    monitor.setChecks(checks);
    monitor.start();
    for (const [index, check] of checks.entries())
      monitor.onPing(makePing('success', clock.now() + index, { checkId: check.id }));
    expect(clock.pendingTimers).toBe(1);
    // The first ping is due in 60 min: nothing wakes the monitor before (the session heartbeat is not its own timer).
    expect(monitor.nextWake).toBe(clock.now() + 60 * 60_000);
    expect(monitor.deadlineCount).toBe(10_000);
  });

  it('a start without an end goes down after the grace', async () => {
    const { clock, events, monitor } = monitorHarness('2026-03-01T00:00:00Z');
    monitor.setChecks([makeCheck({ every: '1d', grace: '30m' })]);
    monitor.start();
    monitor.onPing(makePing('start', clock.now()));
    await clock.advanceTo('2026-03-01T00:30:00Z');
    expect(events).toEqual([
      '2026-03-01T00:00:00.000Z check nas new->up',
      '2026-03-01T00:30:00.000Z check nas up->down',
    ]);
    expect(monitor.checkVerdict('nas')?.reason).toBe('started 2026-03-01T00:00:00Z, never finished');
  });

  it('a cron check whose fire falls while the machine sleeps is down on wake, without waiting for a timer', async () => {
    const pings = new Map([['nas', { end: makePing('success', '2026-03-01T03:31:00Z'), start: null }]]);
    const { clock, events, monitor } = monitorHarness('2026-03-01T12:00:00Z', { pings });
    monitor.setChecks([makeCheck({ cron: '30 3 * * *', grace: '1h' })]);
    monitor.start();
    // Asleep from 12:00 to 09:00 next day: the monotonic clock (and so the timer) stood still.
    clock.jumpWallClock(21 * 3_600_000);
    monitor.resync();
    expect(events).toEqual(['2026-03-02T09:00:00.000Z check nas up->down']);
    expect(monitor.checkVerdict('nas')?.nextExpectedAt).toBe(Date.parse('2026-03-02T03:30:00Z'));
  });

  it('never sleeps longer than the cap, so a stalled timer is corrected', () => {
    const pings = new Map([['nas', { end: makePing('success', '2026-03-01T00:00:00Z'), start: null }]]);
    const { clock, monitor } = monitorHarness('2026-03-01T00:00:00Z', { pings });
    monitor.setChecks([makeCheck({ every: '1w' })]);
    monitor.start();
    expect(Math.max(...clock.delays)).toBeLessThanOrEqual(MAX_MONITOR_TIMER_MS);
  });
});

describe('Monitor: expectations and slow runs', () => {
  const run = (fields: Partial<RunRecord>) => makeRun({ jobId: 'backup', ...fields });

  it('is overdue once the last success is older than succeededWithin, and recovers on the next success', async () => {
    const { clock, events, monitor } = monitorHarness('2026-03-01T00:00:00Z', {
      lastSuccess: { backup: Date.parse('2026-02-28T23:00:00Z') },
    });
    monitor.setExpectedJobs([{ id: 'backup', withinMs: 26 * 3_600_000 }]);
    monitor.start();
    await clock.advanceTo('2026-03-02T00:59:59Z');
    expect(events).toEqual([]);
    await clock.advanceTo('2026-03-02T01:00:00Z');
    expect(events).toEqual(['2026-03-02T01:00:00.000Z job backup overdue']);
    expect(monitor.isOverdue('backup')).toBe(true);
    // A failure changes nothing; a success recovers it.
    monitor.onRunFinished(run({ id: 7, status: 'failed', finishedAt: clock.now() }));
    expect(events).toHaveLength(1);
    monitor.onRunFinished(run({ id: 8, status: 'succeeded', finishedAt: clock.now() }));
    expect(events.at(-1)).toBe('2026-03-02T01:00:00.000Z job backup recovered');
  });

  it('asks the store at the deadline, so a success another process recorded keeps it from going overdue', async () => {
    const { clock, events, monitor, lastSuccess } = monitorHarness('2026-03-01T00:00:00Z', {
      lastSuccess: { backup: Date.parse('2026-03-01T00:00:00Z') },
    });
    monitor.setExpectedJobs([{ id: 'backup', withinMs: 3_600_000 }]);
    monitor.start();
    lastSuccess.backup = Date.parse('2026-03-01T00:30:00Z');
    await clock.advanceTo('2026-03-01T01:00:00Z');
    expect(events).toEqual([]);
    await clock.advanceTo('2026-03-01T01:30:00Z');
    expect(events).toEqual(['2026-03-01T01:30:00.000Z job backup overdue']);
  });

  it('counts a job that never succeeded from when its expectation was first seen', async () => {
    const { clock, events, monitor } = monitorHarness('2026-03-01T00:00:00Z');
    monitor.setExpectedJobs([{ id: 'backup', withinMs: 3_600_000 }]);
    monitor.start();
    await clock.advanceTo('2026-03-01T01:00:00Z');
    expect(events).toEqual(['2026-03-01T01:00:00.000Z job backup overdue']);
  });

  it('flags a run still going after warnAfter as slow, and not one that ended in time', async () => {
    const { clock, events, monitor } = monitorHarness('2026-03-01T00:00:00Z');
    monitor.start();
    monitor.onRunStarted(run({ id: 1, status: 'running', startedAt: clock.now() }), 30 * 60_000);
    monitor.onRunStarted(run({ id: 2, status: 'running', startedAt: clock.now() }), 30 * 60_000);
    await clock.advanceTo('2026-03-01T00:10:00Z');
    monitor.onRunFinished(run({ id: 2, status: 'succeeded', finishedAt: clock.now() }));
    await clock.advanceTo('2026-03-01T00:30:00Z');
    expect(events).toEqual(['2026-03-01T00:30:00.000Z run 1 of backup slow']);
    expect(monitor.isSlow(1)).toBe(true);
    monitor.onRunFinished(run({ id: 1, status: 'succeeded', finishedAt: clock.now() }));
    expect(monitor.isSlow(1)).toBe(false);
  });
});
