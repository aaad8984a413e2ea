/**
 * The shapes the engine's parts share: a job as the engine holds it, a live run, a decision about one fire, the
 * control queue's entries. Declared once here; each part owns the fields it says it owns and reads the others.
 */
import type { JobSpec } from '../../../shared/config/schema';
import type { RunTrigger } from '../../../shared/model';
import type { ChainParent, JobStateRow, RunningAction } from '../ports';
import type { EngineEvents } from './engine-events';
import type { BucketEntry } from './fire-buckets';
import type { QueueEntry } from './fire-queue';
import { type ScheduleRef, scheduleKey } from './schedule-calculator';

/** Fires at most this old are on time (handled by the regular tick), not "missed". */
export const ON_TIME_GRACE_MS = 1_000;

export type RunPhase = 'waiting-overlap' | 'waiting-catch-up' | 'waiting-slot' | 'running';

/** A run of this engine from its admission to its end (run-lifecycle.ts owns it). */
export interface LiveRun {
  id: number;
  job: JobEntry;
  trigger: RunTrigger;
  scheduledFor: number | null;
  attempt: number;
  retryOf: number | null;
  /** A chain run's parent run (`after:`), kept by its retries; null for every other run. */
  parent: ChainParent | null;
  phase: RunPhase;
  action: RunningAction | null;
  cancelReason: string | null;
  unsubscribe: (() => void) | null;
  finished: boolean;
}

/** One job as the engine holds it. `at`/`bucket`/`slot` belong to the fire queue (next-fires.ts). */
export interface JobEntry extends BucketEntry {
  spec: JobSpec;
  /** scheduleKey, prefixed `disabled|` while disabled. */
  key: string;
  state: JobStateRow;
  /** The nominal time of the queued fire (the queue holds it plus jitter). */
  nominal: number | null;
  /** Queued and running runs, oldest first; null while none (most jobs, most of the time). Run lifecycle's. */
  live: LiveRun[] | null;
  removed: boolean;
}

/** What the one timer also waits for besides fires: retries and pause ends. (Check-in deadlines are the monitor's.) */
export type ControlEntry = QueueEntry &
  (
    | {
        kind: 'retry';
        job: JobEntry;
        scheduledFor: number | null;
        attempt: number;
        retryOf: number;
        after: number;
        parent: ChainParent | null;
      }
    /** A chain child's start (after its delay) or its held-back row, when a parent's run ended (chain-starts.ts). */
    | { kind: 'chain'; job: JobEntry; parent: ChainParent; skip: boolean; reason: string }
    | { kind: 'resume'; job: JobEntry }
    | { kind: 'resume-all' }
  );

export type RetryEntry = Extract<ControlEntry, { kind: 'retry' }>;
export type ChainEntry = Extract<ControlEntry, { kind: 'chain' }>;

/** One decision about one fire, made before its row exists. */
export interface Plan {
  job: JobEntry;
  trigger: RunTrigger;
  scheduledFor: number | null;
  attempt: number;
  retryOf: number | null;
  reason: string | null;
  /** Set for a fire that does not run. */
  decided: 'skipped' | 'missed' | null;
  waitForOverlap: boolean;
  /** Runs to stop (overlap replace) once this run's id is known. */
  replace: LiveRun[] | null;
  /** Queued catch-up runs of the job this scheduled fire takes the place of, once its id is known (overlap.ts). */
  supersede: LiveRun[] | null;
  /** A chain run's parent run (`after:`); absent for every other plan. */
  parent?: ChainParent | null;
  /** Filled in by the start batch. */
  run?: LiveRun;
}

/** Next fires already computed in this pass, by schedule key then by "after": identical schedules cost one call. */
export type FireMemo = Map<string, Map<number, number | null>>;

/** The engine's own phase, set by the Engine only; the parts read it. */
export interface EngineFlags {
  started: boolean;
  stopping: boolean;
}

/** The Engine's event emitter, as the parts may use it (listener errors never reach them). */
export type Emit = <E extends keyof EngineEvents>(event: E, ...args: EngineEvents[E]) => void;

export function newMemo(): FireMemo {
  return new Map() as FireMemo;
}

export function plainPlan(
  job: JobEntry,
  trigger: RunTrigger,
  scheduledFor: number | null,
  attempt = 1,
  retryOf: number | null = null,
  reason: string | null = null,
): Plan {
  return {
    job,
    trigger,
    scheduledFor,
    attempt,
    retryOf,
    reason,
    decided: null,
    waitForOverlap: false,
    replace: null,
    supersede: null,
  };
}

export function decidedPlan(
  job: JobEntry,
  status: 'skipped' | 'missed',
  trigger: RunTrigger,
  scheduledFor: number | null,
  reason: string,
  attempt = 1,
  retryOf: number | null = null,
): Plan {
  return {
    job,
    trigger,
    scheduledFor,
    attempt,
    retryOf,
    reason,
    decided: status,
    waitForOverlap: false,
    replace: null,
    supersede: null,
  };
}

export function effectiveKey(job: JobSpec): string {
  const key = scheduleKey(job);
  return job.enabled ? key : `disabled|${key}`;
}

export function isSchedulable(job: JobEntry): boolean {
  return job.spec.enabled && !job.removed;
}

export function refOf(job: JobEntry): ScheduleRef {
  return { schedule: job.spec.schedule, timezone: job.spec.timezone, anchorAt: job.state.anchorAt };
}

export function freshState(spec: JobSpec, key: string, now: number): JobStateRow {
  return {
    jobId: spec.id,
    lastFireAt: now,
    nextFireAt: null,
    paused: false,
    pausedUntil: null,
    scheduleKey: key,
    anchorAt: spec.schedule.kind === 'every' ? now : null,
  };
}
