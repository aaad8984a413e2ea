/**
 * Records downtime instead of inferring it: one session row per scheduling process (started; stopped cleanly; or
 * found crashed by the next start, its end taken as the last heartbeat), and each suspend or clock jump the engine's
 * clock watch measured (engine/clock-watch.ts, handed over with its resync), so it has no detector or timer of its own.
 */
import type { MonitorStore } from '../monitor/monitor-store';
import type { Clock } from '../ports';

/** How often the session's "still alive" mark is written: a crash's span starts at most this long before it. */
export const SESSION_HEARTBEAT_MS = 5 * 60_000;

export interface DowntimeRecorder {
  /** The machine is about to sleep (the desktop's powerMonitor 'suspend'): the span then starts exactly here. */
  noteSuspend(): void;
  /**
   * The engine resynced (resume, a clock change, a late timer) and measured `driftMs` (engine/clock-watch.ts): record
   * the sleep or jump it stands for.
   */
  noteClock(reason: string, driftMs: number): void;
  /** The engine's periodic clock check: marks the session alive, at most every SESSION_HEARTBEAT_MS. */
  heartbeat(now: number): void;
  stop(): void;
}

export function startDowntimeRecorder(
  store: MonitorStore,
  clock: Clock,
  session: { pid: number; kind: string },
  log: (line: string) => void,
): DowntimeRecorder {
  const now = clock.now();
  const id = store.startSession({ ...session, now });
  // We hold the data directory's scheduler lock: any other session still marked running belongs to a dead process.
  for (const open of store.openSessions(id)) {
    store.markCrashed(open.id);
    log(
      `the previous scheduler (${open.kind}, pid ${open.pid}) stopped without a clean shutdown; last seen ${new Date(open.aliveAt).toISOString()}`,
    );
  }
  let touchedAt = now;
  let suspendedAt: number | null = null;
  let stopped = false;

  return {
    noteSuspend() {
      suspendedAt = clock.now();
    },
    noteClock(reason, drift) {
      if (stopped) return;
      const wall = clock.now();
      if (suspendedAt !== null && /resume/i.test(reason)) {
        store.recordClockEvent({ kind: 'suspend', from: suspendedAt, to: wall, reason: 'the machine was asleep' });
        suspendedAt = null;
      } else if (drift > 0) {
        // Forward: the monotonic clock stood still (Linux and macOS stop it in suspend), or the clock was moved ahead;
        // only a resume says which. Drawn as time away either way.
        const sure = /resume/i.test(reason);
        store.recordClockEvent({
          kind: 'suspend',
          from: wall - drift,
          to: wall,
          reason: sure ? 'the machine was asleep' : 'asleep, or the clock moved ahead',
        });
      } else if (drift < 0) {
        store.recordClockEvent({
          kind: 'clock-jump',
          from: wall,
          to: wall,
          reason: `the clock was set back ${Math.round(-drift / 1000)} s`,
        });
      }
      store.touchSession(id, wall);
    },
    heartbeat(at) {
      if (stopped || at - touchedAt < SESSION_HEARTBEAT_MS) return;
      touchedAt = at;
      store.touchSession(id, at);
    },
    stop() {
      if (stopped) return;
      stopped = true;
      store.stopSession(id, clock.now());
    },
  };
}
