import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../electron/core/store/open-store';
import { openMonitorStore } from '../../../electron/core/store/monitor-sqlite';
import { DAY, MINUTE, T0, tempDir, track } from './store-fixtures';

function stores() {
  const dbPath = path.join(tempDir(), 'cronbar.db');
  const runs = track(openStore(dbPath));
  const monitor = openMonitorStore(dbPath);
  track({ close: () => monitor.close() } as never);
  return { dbPath, runs, monitor };
}

describe('monitor store: pings', () => {
  it('keeps every ping with its kind, exit code, message and source, and reads the newest end and start per check', () => {
    const { monitor } = stores();
    const a = monitor.insertPing({ checkId: 'nas', kind: 'start', at: T0, source: 'cli' });
    const b = monitor.insertPing({
      checkId: 'nas',
      kind: 'exit',
      at: T0 + MINUTE,
      exitCode: 3,
      message: 'disk full',
      source: 'http',
    });
    monitor.insertPing({ checkId: 'ci', kind: 'success', at: T0, source: 'cli' });
    expect(b).toEqual({
      id: a.id + 1,
      checkId: 'nas',
      kind: 'exit',
      at: T0 + MINUTE,
      exitCode: 3,
      message: 'disk full',
      source: 'http',
      outputBytes: 0,
    });
    const last = monitor.lastPingsByCheck();
    expect(last.get('nas')).toEqual({ end: b, start: a });
    expect(last.get('ci')?.start).toBeNull();
    expect(monitor.lastPings('nas')).toEqual({ end: b, start: a });
    expect(monitor.checkPings('nas', 10).map((ping) => ping.kind)).toEqual(['exit', 'start']);
  });

  it('lets another connection see what one wrote, by id, for the cross-process nudge', () => {
    const { dbPath, monitor } = stores();
    const other = openMonitorStore(dbPath);
    try {
      const seen = monitor.lastPingId();
      other.insertPing({ checkId: 'nas', kind: 'success', at: T0, source: 'cli' });
      expect(monitor.pingsAfter(seen).map((ping) => ping.checkId)).toEqual(['nas']);
      expect(monitor.lastPingId()).toBe(seen + 1);
    } finally {
      other.close();
    }
  });

  it('keeps exec output as a tail and prunes old pings beyond the newest per check', () => {
    const { monitor } = stores();
    const ping = monitor.insertPing({
      checkId: 'nas',
      kind: 'success',
      at: T0,
      source: 'cli',
      output: Buffer.from('hello\n'),
      outputBytes: 6,
    });
    expect(monitor.pingOutput(ping.id)).toBe('hello\n');
    for (let day = 1; day <= 5; day++)
      monitor.insertPing({ checkId: 'nas', kind: 'success', at: T0 + day * DAY, source: 'cli' });
    // Keep 2 per check, or anything newer than 3 days before T0+5d.
    expect(monitor.prune({ keepDays: 3, keepPings: 2, now: T0 + 5 * DAY })).toEqual({ deleted: 2 });
    expect(monitor.checkPings('nas', 10).map((row) => (row.at - T0) / DAY)).toEqual([5, 4, 3, 2]);
  });
});

describe('monitor store: sessions and downtime', () => {
  it('turns the gap after a clean stop, after a crash, and a recorded suspend into downtime spans', () => {
    const { monitor } = stores();
    const first = monitor.startSession({ pid: 10, kind: 'daemon', now: T0 });
    monitor.stopSession(first, T0 + 10 * MINUTE);
    const second = monitor.startSession({ pid: 11, kind: 'app', now: T0 + 20 * MINUTE });
    monitor.touchSession(second, T0 + 25 * MINUTE);
    monitor.recordClockEvent({ kind: 'suspend', from: T0 + 22 * MINUTE, to: T0 + 24 * MINUTE, reason: 'asleep' });
    // The app dies; the next start finds its session open.
    const third = monitor.startSession({ pid: 12, kind: 'daemon', now: T0 + 40 * MINUTE });
    expect(monitor.openSessions(third).map((session) => session.id)).toEqual([second]);
    monitor.markCrashed(second);
    expect(monitor.downtime(T0, T0 + DAY)).toEqual([
      { kind: 'stopped', from: T0 + 10 * MINUTE, to: T0 + 20 * MINUTE, reason: 'Cronbar (daemon) was stopped' },
      { kind: 'suspend', from: T0 + 22 * MINUTE, to: T0 + 24 * MINUTE, reason: 'asleep' },
      {
        kind: 'crashed',
        from: T0 + 25 * MINUTE,
        to: T0 + 40 * MINUTE,
        reason: 'Cronbar (app, pid 11) stopped without a clean shutdown',
      },
    ]);
    expect(monitor.downtime(T0 + 30 * MINUTE, T0 + DAY).map((span) => span.kind)).toEqual(['crashed']);
  });

  it('records when an expectation started counting, once', () => {
    const { monitor } = stores();
    expect(monitor.expectationSince('backup')).toBeNull();
    monitor.setExpectationSince('backup', T0);
    monitor.setExpectationSince('backup', T0 + DAY);
    expect(monitor.expectationSince('backup')).toBe(T0);
  });
});
