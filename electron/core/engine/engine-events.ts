/** The engine's events, typed: the service forwards them to the window, the tray and `cronbar daemon`. */
import type { RunRecord } from '../../../shared/model';

export interface EngineStatus {
  pausedAll: boolean;
  pausedAllUntil: number | null;
  running: number;
  queued: number;
  concurrency: number;
  jobCount: number;
}

export interface JobRuntime {
  paused: boolean;
  pausedUntil: number | null;
  runningRunIds: number[];
  queuedCount: number;
  canRunNow: boolean;
}

export interface EngineEvents {
  /** A run is waiting for a slot (concurrency limit, overlap queue, catch-up lane): it may still be superseded. */
  'run:queued': [run: RunRecord];
  /** A run's action started (straight away, or a queued run's turn came). */
  'run:started': [run: RunRecord];
  /** Every final row: succeeded, failed, timed-out, interrupted, and the decided ones (skipped, missed). */
  'run:finished': [run: RunRecord];
  'run:output': [payload: { runId: number; jobId: string; chunk: Buffer }];
  'jobs:changed': [payload: { reason: string }];
  'scheduler:changed': [status: EngineStatus];
  /**
   * The engine is recomputing its fires after a sleep, a clock change or a late timer (before it catches up), so
   * whoever keeps wall deadlines (the monitor, the downtime recorder) can do the same at the same moment. `driftMs`:
   * how far the wall clock moved beyond the monotonic one since the last check (0: it did not jump; > 0 asleep or
   * moved ahead; < 0 set back).
   */
  resync: [payload: { reason: string; driftMs: number }];
  /**
   * The clock watch's periodic check ran (every 30 s while scheduling): the one idle wake-up of a scheduling process,
   * which slow chores such as the session heartbeat share instead of arming timers of their own.
   */
  'clock:checked': [payload: { now: number }];
  /** Shutdown progress: how many runs are still going. */
  stopping: [payload: { running: number }];
}
