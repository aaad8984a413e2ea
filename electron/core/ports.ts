/**
 * The seams inside the core: the engine decides *when*, the runner does *what*, the store remembers. Each side is
 * written against these interfaces so it can be tested alone (a fake store, a no-op runner, a fake clock) and so the
 * benchmarks can swap the action for a no-op while keeping the real scheduling path.
 */
import type { JobSpec } from '../../shared/config/schema';
import type { RunOutput, RunRecord, RunStatus, RunTrigger } from '../../shared/model';

// ---------------------------------------------------------------------------------------------------------------
// Time

export type TimerHandle = unknown;

/** Wall clock plus timers. Tests inject a fake; production uses `systemClock`. */
export interface Clock {
  /** Wall-clock epoch ms (may jump: NTP, the user, sleep). */
  now(): number;
  /** Monotonic ms (never jumps back; stalls during sleep on some platforms). */
  monotonic(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    // Timers must not keep a CLI command alive; the daemon stays up through its own signal handling.
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

// ---------------------------------------------------------------------------------------------------------------
// Store

/** What the engine persists per job so a restart knows what it missed and what was paused. */
export interface JobStateRow {
  jobId: string;
  /** The last fire time handled (run, skipped or missed): catch-up starts after it. */
  lastFireAt: number | null;
  /** The next fire as last computed (for the CLI and for views when the engine is not running). */
  nextFireAt: number | null;
  paused: boolean;
  /** Paused until this time (null with paused=true: until resumed). */
  pausedUntil: number | null;
  /** Identifies the schedule (kind + expression + timezone): a changed key resets lastFireAt on reload. */
  scheduleKey: string | null;
  /** For `every:` schedules, the time the interval counts from. */
  anchorAt: number | null;
}

export interface NewRun {
  /** An id taken from `reserveRunIds`; without one the store picks the next. */
  id?: number;
  jobId: string;
  trigger: RunTrigger;
  status: RunStatus;
  scheduledFor: number | null;
  createdAt: number;
  startedAt?: number | null;
  finishedAt?: number | null;
  reason?: string | null;
  attempt?: number;
  retryOf?: number | null;
  pid?: number | null;
  /** The process group to kill if Cronbar dies while the run is live. */
  pgid?: number | null;
  /** The Cronbar process that executes the run: crash recovery leaves a live run alone while this process lives. */
  ownerPid?: number | null;
  /** A chain run's parent run (`after:`). */
  parentRunId?: number | null;
}

/** A run left `queued` or `running`, with what crash recovery needs to decide whether it was abandoned. */
export type LiveRunRow = RunRecord & { pgid: number | null; ownerPid: number | null };

export interface RunPatch {
  status?: RunStatus;
  startedAt?: number | null;
  finishedAt?: number | null;
  reason?: string | null;
  exitCode?: number | null;
  signal?: string | null;
  outputBytes?: number;
  /** The kept tail of the output (≤ 256 KiB). */
  output?: Buffer | null;
  pid?: number | null;
  /** The process group to kill if Cronbar dies while the run is live. */
  pgid?: number | null;
}

export interface HistoryQuery {
  jobId?: string;
  statuses?: RunStatus[];
  before?: number;
  since?: number;
  limit: number;
}

export interface Store {
  readonly path: string;
  getJobState(jobId: string): JobStateRow | null;
  allJobStates(): JobStateRow[];
  saveJobState(row: JobStateRow): void;
  deleteJobState(jobId: string): void;
  /** Small key/value settings (pause-all state, the instance lock's notes). */
  getSetting(key: string): string | null;
  setSetting(key: string, value: string | null): void;
  insertRun(run: NewRun): RunRecord;
  /** Inserts many rows in one transaction: all or none. */
  insertRuns(runs: NewRun[]): RunRecord[];
  /**
   * Reserves `count` consecutive run ids for rows written later (committed at once, so no other connection, e.g.
   * `cronbar run` beside the daemon, can take them); returns the first. The engine hands a run its id before its row
   * exists, so it can start the action first.
   */
  reserveRunIds(count: number): number;
  /** The highest run id handed out so far, by a reservation or an insert, by any connection (0 when none). */
  lastRunId(): number;
  updateRun(id: number, patch: RunPatch): RunRecord;
  /** Applies many patches in one transaction: all or none. */
  updateRuns(updates: Array<{ id: number; patch: RunPatch }>): RunRecord[];
  /**
   * Like updateRuns, but a patch applies only while its row is still `queued` or `running`: another process may have
   * finished the run since it was read, and its final status must stand. Returns the rows it changed.
   */
  updateLiveRuns(updates: Array<{ id: number; patch: RunPatch }>): RunRecord[];
  getRun(id: number): RunRecord | null;
  getRunOutput(id: number): RunOutput | null;
  /**
   * Runs left `queued` or `running`, with their process group and owner: crash recovery. With `notOwnedBy`, only
   * those another process owns (rows without an owner included); callers still check, as a store may ignore it.
   */
  liveRuns(options?: { notOwnedBy?: number }): LiveRunRow[];
  history(query: HistoryQuery): { runs: RunRecord[]; nextBefore: number | null };
  /** The newest `limit` finished runs of a job, newest first. */
  recentRuns(jobId: string, limit: number): RunRecord[];
  /** Every job's newest run (any status), keyed by job id, in one query: what a summary of all jobs shows. */
  newestRunPerJob(): Map<string, RunRecord>;
  /** A job's rows for fires at or after `from`, earliest fire first: what "why did it not run at …" reads. */
  runsScheduledFrom(jobId: string, from: number, limit: number): RunRecord[];
  /**
   * All or none. With `immediate`, the write lock is taken first (waiting up to the busy timeout), so what fn reads
   * is still true when it writes; a read-then-write transaction without it fails at once if another process wrote
   * in between.
   */
  transaction<T>(fn: () => T, options?: { immediate?: boolean }): T;
  /** SQLite online backup to `destPath`. */
  backup(destPath: string): Promise<void>;
  /** Deletes finished runs older than keepDays and beyond keepRuns per job; returns how many went. */
  prune(options: { keepDays: number; keepRuns: number; now: number }): { deleted: number };
  close(): void;
}

// ---------------------------------------------------------------------------------------------------------------
// Runner

export interface RunContext {
  runId: number;
  jobId: string;
  scheduledFor: number | null;
  attempt: number;
  /** A chain run's parent (`after:`): the command sees CRONBAR_PARENT_RUN_ID and CRONBAR_PARENT_JOB. */
  parent?: ChainParent | null;
  /**
   * `inherit`: the command reads this process's stdin (`cronbar exec … < file`, `… | cronbar exec`). Only for a pipe
   * or a file: the command leads its own process group, and a background group that reads a terminal is stopped by
   * SIGTTIN. Scheduled runs read nothing.
   */
  stdin?: 'inherit';
}

/** The run whose end started a chain run. */
export interface ChainParent {
  runId: number;
  jobId: string;
}

export interface ActionResult {
  status: 'succeeded' | 'failed' | 'timed-out' | 'interrupted';
  exitCode: number | null;
  signal: string | null;
  reason: string | null;
  /** The last 256 KiB of stdout+stderr, interleaved as printed. */
  outputTail: Buffer;
  outputBytes: number;
}

export interface RunningAction {
  /** The child's pid (also its process group id) for command actions; null otherwise. */
  readonly pid: number | null;
  readonly done: Promise<ActionResult>;
  /** Stops the action: SIGTERM to the group, SIGKILL after the grace. The result says `interrupted`. */
  cancel(reason: string): void;
  /** Live output for the tail view; returns an unsubscribe. */
  onOutput(listener: (chunk: Buffer) => void): () => void;
  /** The kept tail so far, while it runs (`cronbar logs --follow` starts from it). Optional for test runners. */
  outputSoFar?(): Buffer;
}

export interface ActionRunner {
  /** Starts the job's action now. Never throws: a failure to start is a failed result. */
  start(job: JobSpec, context: RunContext): RunningAction;
}
