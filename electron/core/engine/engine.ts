/**
 * The scheduling engine: decides WHEN each job runs and drives each run's row through the store.
 *
 * - One queue of next fires (jobs grouped by due time, fire-buckets.ts) plus a small control queue (retries, pause
 *   expiries), and ONE timer armed for the earliest entry, in chunks under setTimeout's 2^31-1 ms cap. Idle costs
 *   nothing but the 30 s clock check (clock-watch.ts), which rescans jobs only when the clock jumped.
 * - A tick starts its runs first and writes their rows (pids included) and the fired jobs' state rows right after, in
 *   one transaction in the same turn: the row of a run exists before anything async can happen to it. Run ids come
 *   from blocks reserved ahead in the store (run-ids.ts), so the action already has its CRONBAR_RUN_ID. Rows the store
 *   refuses are kept and written with the next batch. The cost: if the process dies inside that turn (a few ms), the
 *   started fire has no row, and the restart counts it as missed (catch-up policy decides whether it runs again).
 * - Each job's last handled fire (`lastFireAt`) is persisted; start() and resync() turn fires missed since then into
 *   `missed` rows or catch-up runs (catch-up.ts). A job seen for the first time starts from now: its state row is
 *   written with lastFireAt = now, the boundary catch-up counts from.
 * - Every decision that does not start a run (overlap skip, missed, paused) is a row with a reason.
 * - Overlap also counts the runs another Cronbar process (`cronbar run`) is executing: a small map, refreshed only
 *   when that process took run ids (foreign-runs.ts), so the firing path reads nothing per job.
 * - Fires passed while a job is paused are recorded when it resumes (by hand or when "until" expires), one row per
 *   fire up to 10 and one coalesced row beyond (decision-rows.ts): a 1-second job paused for a day writes one row.
 * - Catch-up runs go through a lane of width one, then through the global limit: after a long sleep they run one
 *   after another instead of all at once.
 * - Retries live in memory only: a retry pending when Cronbar stops is dropped (the failed row stays in history).
 * - Disabled jobs keep their state row under a `disabled|` schedule key, so enabling one later starts it from now
 *   instead of replaying the fires it was disabled for.
 * - Timeouts are enforced by the runner (it receives the job's timeoutMs); the engine records what it reports.
 */
import { EventEmitter } from 'node:events';
import { CronbarError } from '../../../shared/api/cronbar-error';
import type { JobSpec } from '../../../shared/config/schema';
import { DEFAULT_CONCURRENCY } from '../../../shared/config/zones-and-times';
import type { RunRecord, RunTrigger } from '../../../shared/model';
import type { ActionResult, ActionRunner, Clock, JobStateRow, LiveRunRow, NewRun, RunPatch, RunningAction, Store, TimerHandle } from '../ports';
import { systemClock } from '../ports';
import { planCatchUp } from './catch-up';
import { ClockWatch } from './clock-watch';
import { ConcurrencyLimiter } from './concurrency-limiter';
import { decideSpan } from './decision-rows';
import type { EngineEvents, EngineStatus, JobRuntime } from './engine-events';
import { type BucketEntry, FireBuckets } from './fire-buckets';
import { FireQueue, type QueueEntry } from './fire-queue';
import { type ForeignRun, ForeignRuns } from './foreign-runs';
import { jitterOffset } from './jitter';
import { isRunOwnerGone, killLeftoverProcessGroup } from './process-group-reaper';
import { isRetryable, retryDelay } from './retry-policy';
import { RunIds } from './run-ids';
import { ScheduleCalculator, type ScheduleRef, scheduleKey } from './schedule-calculator';

export type { EngineEvents, EngineStatus, JobRuntime } from './engine-events';

/** setTimeout's largest delay; longer waits are armed in chunks. */
export const MAX_TIMER_MS = 2 ** 31 - 1;
/** A timer this late means the machine slept or the clock jumped: resync instead of firing stale entries. */
export const LATE_TIMER_MS = 1_000;
/** Fires at most this old are on time (handled by the regular tick), not "missed". */
export const ON_TIME_GRACE_MS = 1_000;
/** The most decisions a failing store can make the engine hold (the newest are kept). */
const MAX_DEFERRED_PLANS = 10_000;
/** How long stop() waits for cancelled runs to report before writing their rows itself. */
export const CANCEL_WAIT_MS = 15_000;

export const PAUSE_ALL_SETTING = 'pauseAll';
const STOPPED_WHILE_RUNNING = 'Cronbar stopped while this ran';
const STOPPED_BEFORE_START = 'Cronbar stopped before this ran';

export interface EngineOptions {
  store: Store;
  runner: ActionRunner;
  clock?: Clock;
  concurrency?: number;
  log?: (line: string) => void;
  calculator?: ScheduleCalculator;
}

type RunPhase = 'waiting-overlap' | 'waiting-catch-up' | 'waiting-slot' | 'running';

interface LiveRun {
  id: number;
  job: JobEntry;
  trigger: RunTrigger;
  scheduledFor: number | null;
  attempt: number;
  retryOf: number | null;
  phase: RunPhase;
  action: RunningAction | null;
  cancelReason: string | null;
  unsubscribe: (() => void) | null;
  finished: boolean;
}

interface JobEntry extends BucketEntry {
  spec: JobSpec;
  /** scheduleKey, prefixed `disabled|` while disabled. */
  key: string;
  state: JobStateRow;
  /** The nominal time of the queued fire (the queue holds it plus jitter). */
  nominal: number | null;
  /** Queued and running runs, oldest first; null while none (most jobs, most of the time). */
  live: LiveRun[] | null;
  removed: boolean;
}

type ControlEntry = QueueEntry &
  (
    | { kind: 'retry'; job: JobEntry; scheduledFor: number | null; attempt: number; retryOf: number; after: number }
    | { kind: 'resume'; job: JobEntry }
    | { kind: 'resume-all' }
  );

/** One decision about one fire, made before its row exists. */
interface Plan {
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
  /** Filled in by commit(). */
  run?: LiveRun;
}

/** One commit's runs by batch index (its plans first, then its due jobs), filled step by step. */
interface Batch {
  /** A Plan per index, null for a due job on the fast path (nothing live: it runs or waits for a slot). */
  plans: Array<Plan | null>;
  due: JobEntry[];
  firstId: number;
  /** null: decided (skipped, missed), no live run. */
  phases: Array<RunPhase | null>;
  actions: Array<RunningAction | null>;
  runs: Array<LiveRun | null>;
}

/** Next fires already computed in this pass, by schedule key then by "after": identical schedules cost one call. */
type FireMemo = Map<string, Map<number, number | null>>;

export class Engine extends EventEmitter<EngineEvents> {
  private readonly store: Store;
  private readonly runner: ActionRunner;
  private readonly clock: Clock;
  private readonly log: (line: string) => void;
  private readonly calculator: ScheduleCalculator;
  private readonly limiter: ConcurrencyLimiter<LiveRun>;
  private readonly watch: ClockWatch;

  private readonly jobsById = new Map<string, JobEntry>();
  private readonly fireQueue = new FireBuckets<JobEntry>();
  private readonly ids: RunIds;
  /** Live runs of this scheduler's jobs that other Cronbar processes execute. */
  private readonly foreign: ForeignRuns;
  private readonly controlQueue = new FireQueue<ControlEntry>();
  private readonly resumeEntries = new Map<string, ControlEntry>();
  private resumeAllEntry: ControlEntry | null = null;
  private readonly runs = new Map<number, LiveRun>();
  private readonly catchUpLane: LiveRun[] = [];
  /** The catch-up run holding the lane; 'reserved' while a commit is still creating it. */
  private catchUpActive: LiveRun | 'reserved' | null = null;

  private persistedStates: Map<string, JobStateRow> | null = null;
  private jobsLoaded = false;
  private orphansPruned = false;
  private pausedAll: { until: number | null } | null = null;
  private pauseAllLoaded = false;
  private started = false;
  private stopping: Promise<{ interrupted: number }> | null = null;
  private onIdle: (() => void) | null = null;

  /** Runs waiting for their job's running run to end (overlap: queue); pump() scans only while there are some. */
  private overlapWaiters = 0;
  /** End-of-run rows not yet written: the runs that end in one turn are written in one transaction. */
  private finishRows: Array<{ run: LiveRun; patch: RunPatch }> = [];
  private flushQueued = false;
  /** Rows (and state rows) of runs that started but could not be written yet: written with the next batch. */
  private unwrittenRows: NewRun[] = [];
  private readonly unwrittenStates = new Set<JobEntry>();
  /** Decisions of a tick that could not start (no run ids): written with the next tick's batch. */
  private deferredPlans: Plan[] = [];

  private timer: TimerHandle | null = null;
  private timerTarget: number | null = null;
  private timerDueWall = 0;
  private statusQueued = false;

  constructor(options: EngineOptions) {
    super();
    this.store = options.store;
    this.runner = options.runner;
    this.clock = options.clock ?? systemClock;
    this.log = options.log ?? (() => {});
    this.calculator = options.calculator ?? new ScheduleCalculator();
    this.limiter = new ConcurrencyLimiter<LiveRun>(options.concurrency ?? DEFAULT_CONCURRENCY);
    this.ids = new RunIds(this.store);
    this.foreign = new ForeignRuns(this.store);
    this.watch = new ClockWatch(this.clock, (reason) => this.resync(reason));
  }

  // -------------------------------------------------------------------------------------------------------------
  // Jobs

  /** Replaces the job list, diffing by id: unchanged schedules keep their state and their running runs. */
  setJobs(jobs: JobSpec[], concurrency?: number): void {
    if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1)) {
      throw new CronbarError('invalid-input', `concurrency must be a whole number of at least 1, got ${concurrency}`);
    }
    const seen = new Map<string, number>();
    jobs.forEach((job, index) => {
      const first = seen.get(job.id);
      if (first !== undefined) throw new CronbarError('invalid-input', `jobs[${index}]: duplicate id ${JSON.stringify(job.id)} (also jobs[${first}])`);
      seen.set(job.id, index);
    });
    // Compute every first fire before touching anything, so a schedule croner rejects changes nothing.
    const now = this.clock.now();
    const memo = new Map() as FireMemo;
    // One string per distinct schedule, shared by its jobs and their state rows: 100 000 jobs on 100 schedules would
    // otherwise hold 200 000 copies (~50 B each).
    const distinctKeys = new Map<string, string>();
    const keys = jobs.map((job) => {
      const key = effectiveKey(job);
      const shared = distinctKeys.get(key);
      if (shared !== undefined) return shared;
      distinctKeys.set(key, key);
      return key;
    });
    const checked = new Set<string>();
    jobs.forEach((job, index) => {
      if (job.schedule.kind !== 'cron' || checked.has(keys[index]!)) return;
      checked.add(keys[index]!);
      try {
        this.calculator.nextAfter({ schedule: job.schedule, timezone: job.timezone, anchorAt: null }, now);
      } catch (error) {
        throw new CronbarError('invalid-input', `jobs[${index}] (${job.id}): schedule ${JSON.stringify(job.schedule.expr)}: ${(error as Error).message}`);
      }
    });

    // Once running with its orphans pruned, the engine no longer holds every persisted row (100 000 of them are
    // ~15 MB): a job new to this reload is looked up alone.
    const states = this.started && this.orphansPruned ? null : this.loadStates();
    const toSave: JobEntry[] = [];
    const plans: Plan[] = [];
    jobs.forEach((spec, index) => {
      const key = keys[index]!;
      const existing = this.jobsById.get(spec.id);
      if (existing) {
        existing.spec = spec;
        if (existing.key === key) {
          // Same schedule: only jitter may have moved the queued fire.
          if (existing.nominal !== null && this.fireQueue.has(existing)) this.fireQueue.schedule(existing, existing.nominal + jitterOffset(spec.id, existing.nominal, spec.jitterMs));
          return;
        }
        this.restartSchedule(existing, key, now);
        this.scheduleNext(existing, now, memo);
        toSave.push(existing);
        return;
      }
      const row = states ? (states.get(spec.id) ?? (this.jobsLoaded && this.started ? this.store.getJobState(spec.id) : null)) : this.store.getJobState(spec.id);
      const job: JobEntry = { spec, key, state: freshState(spec, key, now), nominal: null, live: null, removed: false, at: 0, bucket: null, slot: -1 };
      this.jobsById.set(spec.id, job);
      if (row && row.scheduleKey === key && row.lastFireAt !== null) {
        job.state = { ...row, jobId: spec.id, scheduleKey: key };
        if (this.started) {
          this.admitKnownJob(job, now, plans, memo);
          toSave.push(job);
          return;
        }
      } else if (row) {
        // A changed schedule (or a re-enabled job) restarts from now; a pause set by the admin survives the edit.
        job.state.paused = row.paused;
        job.state.pausedUntil = row.pausedUntil;
      }
      this.scheduleNext(job, Math.max(now, job.state.lastFireAt ?? now), memo);
      if (job.state.paused && job.state.pausedUntil !== null) this.armResume(job);
      toSave.push(job);
    });

    const removed: JobEntry[] = [];
    for (const job of this.jobsById.values()) if (!seen.has(job.spec.id)) removed.push(job);
    for (const job of removed) this.removeJob(job);

    const limitStarts = concurrency !== undefined ? this.limiter.setLimit(concurrency) : [];
    this.jobsLoaded = true;
    if (this.started) {
      this.store.transaction(() => {
        for (const job of toSave) this.store.saveJobState(job.state);
        for (const job of removed) this.store.deleteJobState(job.spec.id);
        this.pruneOrphans();
      });
      this.commit(plans);
      this.arm();
    }
    // Not scheduling yet: nothing is persisted; start() writes the states.
    for (const run of limitStarts) this.startQueued(run);
    this.emitSafe('jobs:changed', { reason: 'jobs reloaded' });
    this.statusChanged();
  }

  jobs(): JobSpec[] {
    return [...this.jobsById.values()].map((job) => job.spec);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Lifecycle

  /** Crash recovery, then catch-up, then the timer. */
  start(): void {
    if (this.started) return;
    if (this.stopping) throw new CronbarError('refused', 'the engine is stopping');
    this.started = true;
    const now = this.clock.now();
    this.recoverCrashedRuns(now);
    this.loadPauseAll();
    const states = this.loadStates();
    const memo = new Map() as FireMemo;
    const plans: Plan[] = [];

    if (this.pausedAll?.until != null && this.pausedAll.until <= now) {
      const until = this.pausedAll.until;
      this.pausedAll = null;
      this.store.setSetting(PAUSE_ALL_SETTING, null);
      for (const job of this.jobsById.values()) if (isSchedulable(job) && !job.state.paused) this.recordPausedFires(job, until, 'paused (all)', plans);
    }
    for (const job of this.jobsById.values()) {
      const row = states.get(job.spec.id);
      // Jobs known from an earlier session get catch-up; jobs first seen by this session's setJobs start from now.
      const known = row !== undefined && row.scheduleKey === job.key && row.lastFireAt !== null;
      if (known) this.admitKnownJob(job, now, plans, memo);
      else this.scheduleNext(job, Math.max(now, job.state.lastFireAt ?? now), memo);
    }
    if (this.pausedAll?.until != null) this.armResumeAll(this.pausedAll.until);
    this.store.transaction(() => {
      for (const job of this.jobsById.values()) this.store.saveJobState(job.state);
      if (this.jobsLoaded) this.pruneOrphans();
      this.ids.refill();
    });
    this.commit(plans);
    this.watch.start();
    this.arm();
    this.statusChanged();
  }

  /** Stops scheduling; lets running runs finish within graceMs, then stops them. Queued runs and retries are dropped. */
  stop(options: { graceMs?: number } = {}): Promise<{ interrupted: number }> {
    if (this.stopping) return this.stopping;
    this.stopping = this.shutdown(options.graceMs ?? 10_000);
    return this.stopping;
  }

  private async shutdown(graceMs: number): Promise<{ interrupted: number }> {
    this.disarm();
    this.watch.stop();
    this.controlQueue.clear();
    this.resumeEntries.clear();
    this.resumeAllEntry = null;
    const waiting = [...this.runs.values()].filter((run) => run.phase !== 'running');
    this.limiter.clear();
    this.catchUpLane.length = 0;
    this.catchUpActive = null;
    if (waiting.length > 0) this.store.transaction(() => waiting.forEach((run) => this.finishUnstarted(run, STOPPED_BEFORE_START)));
    let interrupted = waiting.length;

    this.emitSafe('stopping', { running: this.runs.size });
    if (this.runs.size > 0 && graceMs > 0) await this.waitForIdle(graceMs);
    const left = [...this.runs.values()];
    if (left.length > 0) {
      interrupted += left.length;
      for (const run of left) this.cancelLive(run, STOPPED_WHILE_RUNNING);
      await this.waitForIdle(CANCEL_WAIT_MS);
      // A runner that never reported: write the rows ourselves so nothing stays `running`.
      for (const run of [...this.runs.values()]) this.finish(run, { status: 'interrupted', exitCode: null, signal: null, reason: STOPPED_WHILE_RUNNING, outputTail: Buffer.alloc(0), outputBytes: 0 });
    }
    this.flushFinishRows();
    this.started = false;
    this.statusChanged();
    return { interrupted };
  }

  /**
   * One commit per run costs ~80 µs on a WAL file: 10 000 no-op runs ending in the same second took 0.8 s of commits
   * and made the engine miss the next fires (bench/README.md). The rows of runs that end in the same turn of the
   * event loop are written together, in a microtask queued behind those runs' own completions.
   */
  private queueFinishRow(run: LiveRun, patch: RunPatch): void {
    this.finishRows.push({ run, patch });
    this.queueFlush();
  }

  private queueFlush(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    queueMicrotask(() => this.flushFinishRows());
  }

  private flushFinishRows(): void {
    this.flushQueued = false;
    // The rows these patches update must exist first.
    if (this.unwrittenRows.length > 0 && this.writeRows([], []) === null) return;
    const batch = this.finishRows;
    if (batch.length === 0) return;
    this.finishRows = [];
    let records: Array<RunRecord | null>;
    try {
      records = this.store.updateRuns(batch.map(({ run, patch }) => ({ id: run.id, patch })));
    } catch {
      // One row the store refuses must not cost the others theirs: write them one by one.
      records = batch.map(({ run, patch }) => {
        try {
          return this.store.updateRun(run.id, patch);
        } catch (error) {
          this.log(`could not record the end of run ${run.id}: ${String(error)}`);
          return null;
        }
      });
    }
    for (const record of records) if (record) this.emitSafe('run:finished', record);
  }

  /** Recomputes every next fire from the wall clock and catches up what was missed (sleep, clock change). */
  resync(reason: string): void {
    if (!this.started || this.stopping) return;
    this.log(`resync: ${reason}`);
    const now = this.clock.now();
    const memo = new Map() as FireMemo;
    const plans: Plan[] = [];
    const dirty: JobEntry[] = [];
    for (const job of this.jobsById.values()) {
      if (!isSchedulable(job) || job.state.paused || this.pausedAll) continue;
      const before = job.state.lastFireAt;
      this.admitKnownJob(job, now, plans, memo);
      if (job.state.lastFireAt !== before) dirty.push(job);
    }
    if (dirty.length > 0) this.store.transaction(() => dirty.forEach((job) => this.store.saveJobState(job.state)));
    this.commit(plans);
    this.watch.reset();
    this.disarm();
    this.tick();
  }

  // -------------------------------------------------------------------------------------------------------------
  // Commands

  runNow(jobId: string, options: { force?: boolean } = {}): { runId: number | null; queued: boolean; refused: string | null } {
    const job = this.requireJob(jobId);
    if (this.stopping) return { runId: null, queued: false, refused: 'Cronbar is stopping' };
    // A process without the scheduler lock (`cronbar run` beside a daemon) may still run a job by hand; the caller
    // checks the overlap against the other process's runs in the DB and passes force.
    if (!this.started && !options.force) return { runId: null, queued: false, refused: 'the scheduler is not running' };
    const plan = options.force ? this.plainPlan(job, 'manual', null) : this.decideOverlap(job, 'manual', null, 1, null);
    if (plan.decided) return { runId: null, queued: false, refused: plan.reason!.replace(/^overlap: still running/, 'already running').replace(/^overlap: /, '') };
    this.commit([plan]);
    this.arm();
    const run = plan.run!;
    return { runId: run.id, queued: run.phase !== 'running', refused: null };
  }

  /**
   * Starts attempt `attempt` of a retry chain now, as a `retry` run of `retryOf` (the chain's first run): for
   * `cronbar run`, which waits the retry delay itself (retry-policy.ts) as it schedules nothing.
   */
  runRetry(jobId: string, retry: { attempt: number; retryOf: number; after: number }): { runId: number | null; queued: boolean; refused: string | null } {
    const job = this.requireJob(jobId);
    if (this.stopping) return { runId: null, queued: false, refused: 'Cronbar is stopping' };
    const reason = `retry ${retry.attempt - 1} of ${job.spec.retry.attempts} (after run ${retry.after} failed)`;
    const plan = this.plainPlan(job, 'retry', null, retry.attempt, retry.retryOf, reason);
    this.commit([plan]);
    this.arm();
    const run = plan.run!;
    return { runId: run.id, queued: run.phase !== 'running', refused: null };
  }

  /** The output a live run of this engine printed so far (its kept tail), or null when it is not running here. */
  runOutputSoFar(runId: number): Buffer | null {
    return this.runs.get(runId)?.action?.outputSoFar?.() ?? null;
  }

  /** Stops a running run (it ends `interrupted`) or drops a queued one. False when the run is not live. */
  cancelRun(runId: number): boolean {
    const run = this.runs.get(runId);
    if (!run || run.finished) return false;
    if (run.phase === 'running') {
      this.cancelLive(run, 'cancelled by the user');
      return true;
    }
    this.unqueue(run);
    this.finishUnstarted(run, 'cancelled before it started');
    this.pump();
    return true;
  }

  pauseJob(jobId: string, until: number | null): void {
    const job = this.requireJob(jobId);
    if (until !== null && until <= this.clock.now()) throw new CronbarError('invalid-input', `pause until ${new Date(until).toISOString()} is not in the future`);
    job.state.paused = true;
    job.state.pausedUntil = until;
    this.unscheduleFire(job);
    this.armResume(job);
    this.saveStates([job]);
    this.arm();
    this.emitSafe('jobs:changed', { reason: `paused ${jobId}` });
  }

  resumeJob(jobId: string): void {
    const job = this.requireJob(jobId);
    if (!job.state.paused) return;
    const plans: Plan[] = [];
    this.resume(job, this.clock.now(), plans);
    this.commit(plans);
    this.arm();
    this.emitSafe('jobs:changed', { reason: `resumed ${jobId}` });
  }

  pauseAll(until: number | null): void {
    if (until !== null && until <= this.clock.now()) throw new CronbarError('invalid-input', `pause all until ${new Date(until).toISOString()} is not in the future`);
    this.pausedAll = { until };
    this.pauseAllLoaded = true;
    this.store.setSetting(PAUSE_ALL_SETTING, JSON.stringify({ until }));
    if (this.resumeAllEntry) this.controlQueue.remove(this.resumeAllEntry);
    this.resumeAllEntry = null;
    if (until !== null) this.armResumeAll(until);
    this.arm();
    this.emitSafe('jobs:changed', { reason: 'paused all' });
    this.statusChanged();
  }

  resumeAll(): void {
    if (!this.pausedAll) return;
    const plans: Plan[] = [];
    this.endPauseAll(this.clock.now(), plans);
    this.commit(plans);
    this.arm();
    this.emitSafe('jobs:changed', { reason: 'resumed all' });
    this.statusChanged();
  }

  // -------------------------------------------------------------------------------------------------------------
  // Queries

  /** The next fire (with jitter) or null: disabled, paused, paused-all, or no fire left. */
  nextFire(jobId: string): number | null {
    const job = this.jobsById.get(jobId);
    if (!job || this.pausedAll || !this.fireQueue.has(job)) return null;
    return job.at;
  }

  /** The next `count` fires at or after `from` (default: the queued next fire onward), earliest first. */
  nextFires(jobId: string, count: number, from?: number): number[] {
    const job = this.jobsById.get(jobId);
    if (!job || count <= 0 || this.pausedAll || !this.fireQueue.has(job)) return [];
    const ref = refOf(job);
    const nominals = from === undefined ? [job.nominal!, ...this.calculator.nextFires(ref, count - 1, job.nominal! + 1)] : this.calculator.nextFires(ref, count, from);
    return nominals.map((nominal) => nominal + jitterOffset(job.spec.id, nominal, job.spec.jitterMs)).sort((a, b) => a - b);
  }

  /** The next fires across all jobs, earliest first: a k-way merge over each job's fire sequence. */
  upcoming(count: number, from?: number, until?: number): Array<{ jobId: string; name: string; at: number }> {
    if (count <= 0 || this.pausedAll) return [];
    interface Cursor extends QueueEntry {
      job: JobEntry;
      nominal: number;
    }
    const merge = new FireQueue<Cursor>();
    const memo = new Map() as FireMemo;
    const limit = until ?? Infinity;
    for (const job of this.fireQueue.entries()) {
      let nominal = job.nominal;
      if (from !== undefined) nominal = this.memoNext(job, from - 1, memo);
      if (nominal === null) continue;
      const at = nominal + jitterOffset(job.spec.id, nominal, job.spec.jitterMs);
      merge.schedule({ job, nominal, at, seq: 0, heapIndex: -1 }, at);
    }
    const result: Array<{ jobId: string; name: string; at: number }> = [];
    while (result.length < count) {
      const cursor = merge.pop();
      if (!cursor || cursor.at > limit) break;
      if (from === undefined || cursor.at >= from) result.push({ jobId: cursor.job.spec.id, name: cursor.job.spec.name, at: cursor.at });
      const next = this.memoNext(cursor.job, cursor.nominal, memo);
      if (next !== null) {
        cursor.nominal = next;
        merge.schedule(cursor, next + jitterOffset(cursor.job.spec.id, next, cursor.job.spec.jitterMs));
      }
    }
    return result;
  }

  jobRuntime(jobId: string): JobRuntime {
    const job = this.requireJob(jobId);
    const live = job.live ?? [];
    return {
      paused: job.state.paused,
      pausedUntil: job.state.pausedUntil,
      runningRunIds: live.filter((run) => run.phase === 'running').map((run) => run.id),
      queuedCount: live.filter((run) => run.phase !== 'running').length,
      canRunNow: !this.stopping && this.overlapRefusal(job) === null,
    };
  }

  status(): EngineStatus {
    let running = 0;
    for (const run of this.runs.values()) if (run.phase === 'running') running++;
    return {
      pausedAll: this.pausedAll !== null,
      pausedAllUntil: this.pausedAll?.until ?? null,
      running,
      queued: this.runs.size - running,
      concurrency: this.limiter.capacity,
      jobCount: this.jobsById.size,
    };
  }

  // -------------------------------------------------------------------------------------------------------------
  // Timer

  private arm(): void {
    if (!this.started || this.stopping) return;
    const fireAt = this.pausedAll ? undefined : this.fireQueue.peekTime();
    const control = this.controlQueue.peek();
    const target = Math.min(fireAt ?? Infinity, control?.at ?? Infinity);
    if (target === Infinity) {
      this.disarm();
      return;
    }
    if (this.timer !== null && this.timerTarget === target) return;
    this.disarm();
    const now = this.clock.now();
    const delay = Math.min(Math.max(0, target - now), MAX_TIMER_MS);
    this.timerTarget = target;
    this.timerDueWall = now + delay;
    this.timer = this.clock.setTimeout(() => this.onTimer(), delay);
  }

  private disarm(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.timerTarget = null;
  }

  private onTimer(): void {
    this.timer = null;
    this.timerTarget = null;
    if (!this.started || this.stopping) return;
    const lateBy = this.clock.now() - this.timerDueWall;
    // A jump is reported (and resynced) by the watch; lateness alone also means the machine was away.
    if (this.watch.check()) return;
    if (lateBy > LATE_TIMER_MS) {
      this.resync(`a timer fired ${Math.round(lateBy / 1000)} s late (sleep or a stalled process)`);
      return;
    }
    this.tick();
  }

  /**
   * Handles every due entry at once: the runs start first, then their rows (and the fired jobs' state rows) are
   * written in one transaction, then the next fires are computed. All in one synchronous turn.
   */
  private tick(): void {
    const now = this.clock.now();
    // Decisions of a tick the store could not serve come first (see below).
    const plans: Plan[] = this.deferredPlans.splice(0);
    for (const entry of this.controlQueue.popDue(now)) {
      if (entry.kind === 'resume-all') {
        this.resumeAllEntry = null;
        this.endPauseAll(now, plans);
        this.emitSafe('jobs:changed', { reason: 'pause all ended' });
      } else if (entry.kind === 'resume') {
        this.resumeEntries.delete(entry.job.spec.id);
        if (!entry.job.removed && entry.job.state.paused) this.resume(entry.job, now, plans);
        this.emitSafe('jobs:changed', { reason: `pause of ${entry.job.spec.id} ended` });
      } else {
        this.handleRetry(entry, plans);
      }
    }
    const due = this.pausedAll ? [] : this.fireQueue.popDue(now);
    let scheduled = false;
    const scheduleDue = () => {
      scheduled = true;
      // The memo makes 10 000 jobs on one schedule cost a single croner call per tick.
      const memo = new Map() as FireMemo;
      for (const job of due) {
        job.state.lastFireAt = job.nominal!;
        this.scheduleNext(job, job.nominal!, memo);
      }
    };
    try {
      this.commit(plans, due, scheduleDue);
    } catch (error) {
      // The store could not even reserve run ids, so nothing started. The scheduler keeps going: these fires are
      // recorded as missed (and the other decisions kept) with the next batch the store accepts.
      this.log(`could not start ${due.length} scheduled fires: ${String(error)}`);
      const reason = `not started: the database failed (${error instanceof Error ? error.message : String(error)})`;
      const missed = scheduled ? [] : due.map((job) => this.decided(job, 'missed', 'schedule', job.nominal, reason));
      this.deferredPlans = [...plans, ...missed].slice(-MAX_DEFERRED_PLANS);
      if (!scheduled) scheduleDue();
    }
    this.arm();
  }

  // -------------------------------------------------------------------------------------------------------------
  // Decisions

  private plainPlan(job: JobEntry, trigger: RunTrigger, scheduledFor: number | null, attempt = 1, retryOf: number | null = null, reason: string | null = null): Plan {
    return { job, trigger, scheduledFor, attempt, retryOf, reason, decided: null, waitForOverlap: false, replace: null };
  }

  private decided(job: JobEntry, status: 'skipped' | 'missed', trigger: RunTrigger, scheduledFor: number | null, reason: string, attempt = 1, retryOf: number | null = null): Plan {
    return { job, trigger, scheduledFor, attempt, retryOf, reason, decided: status, waitForOverlap: false, replace: null };
  }

  /** Why the overlap policy refuses a new run right now, or null. */
  private overlapRefusal(job: JobEntry): string | null {
    if (job.spec.overlap !== 'parallel' && this.foreign.size > 0) {
      const other = this.foreign.get(job.spec.id);
      if (other) return foreignRefusal(other, job.spec.overlap);
    }
    const live = job.live;
    if (!live || live.length === 0) return null;
    const first = live[0]!;
    if (job.spec.overlap === 'skip') return first.phase === 'running' ? `overlap: still running (run ${first.id})` : `overlap: run ${first.id} is still queued`;
    if (job.spec.overlap === 'queue') {
      const waiting = live.find((run) => run.phase !== 'running');
      if (waiting) return `overlap: run ${waiting.id} is already queued`;
    }
    return null;
  }

  private decideOverlap(job: JobEntry, trigger: RunTrigger, scheduledFor: number | null, attempt: number, retryOf: number | null, reason: string | null = null): Plan {
    const refusal = this.overlapRefusal(job);
    if (refusal) return this.decided(job, 'skipped', trigger, scheduledFor, refusal, attempt, retryOf);
    const plan = this.plainPlan(job, trigger, scheduledFor, attempt, retryOf, reason);
    const live = job.live;
    if (live && live.length > 0) {
      if (job.spec.overlap === 'queue') plan.waitForOverlap = true;
      if (job.spec.overlap === 'replace') plan.replace = [...live];
    }
    return plan;
  }

  /** Catch-up for a job whose last handled fire is known, then its next fire. */
  private admitKnownJob(job: JobEntry, now: number, plans: Plan[], memo: FireMemo): void {
    if (job.state.paused && job.state.pausedUntil !== null && job.state.pausedUntil <= now) {
      this.recordPausedFires(job, job.state.pausedUntil, 'paused', plans);
      job.state.paused = false;
      job.state.pausedUntil = null;
    }
    if (isSchedulable(job) && !job.state.paused && !this.pausedAll && job.state.lastFireAt !== null) {
      const plan = planCatchUp({ ref: refOf(job), catchUp: job.spec.catchUp, lastFireAt: job.state.lastFireAt, now, graceMs: ON_TIME_GRACE_MS }, this.calculator);
      for (const missed of plan.missed) plans.push(this.decided(job, 'missed', 'schedule', missed.scheduledFor, missed.reason));
      for (const run of plan.runs) plans.push(this.decideOverlap(job, 'catch-up', run.scheduledFor, 1, null, run.reason));
      if (plan.lastHandled !== null) job.state.lastFireAt = Math.max(job.state.lastFireAt, plan.lastHandled);
    }
    this.scheduleNext(job, Math.max(now - ON_TIME_GRACE_MS, job.state.lastFireAt ?? now), memo);
    if (job.state.paused) this.armResume(job);
  }

  /** Rows for the fires of a paused job in (lastFireAt, until]; advances lastFireAt past them. */
  private recordPausedFires(job: JobEntry, until: number, reason: string, plans: Plan[]): void {
    const after = job.state.lastFireAt;
    if (after === null || until <= after) return;
    const span = decideSpan(this.calculator, refOf(job), after, until, () => reason, (count) => `${reason}: stands for ${count}`);
    for (const row of span.rows) plans.push(this.decided(job, 'skipped', 'schedule', row.scheduledFor, row.reason));
    // Even with no fire in the span, the pause is handled up to `until`: catch-up must not start before it.
    job.state.lastFireAt = until;
  }

  private resume(job: JobEntry, now: number, plans: Plan[]): void {
    const entry = this.resumeEntries.get(job.spec.id);
    if (entry) this.controlQueue.remove(entry);
    this.resumeEntries.delete(job.spec.id);
    if (isSchedulable(job) && !this.pausedAll) this.recordPausedFires(job, now, 'paused', plans);
    job.state.paused = false;
    job.state.pausedUntil = null;
    this.scheduleNext(job, Math.max(now, job.state.lastFireAt ?? now), new Map() as FireMemo);
    this.saveStates([job]);
  }

  private endPauseAll(now: number, plans: Plan[]): void {
    if (this.resumeAllEntry) this.controlQueue.remove(this.resumeAllEntry);
    this.resumeAllEntry = null;
    this.pausedAll = null;
    this.store.setSetting(PAUSE_ALL_SETTING, null);
    const memo = new Map() as FireMemo;
    const dirty: JobEntry[] = [];
    for (const job of this.jobsById.values()) {
      if (!isSchedulable(job) || job.state.paused) continue;
      this.recordPausedFires(job, now, 'paused (all)', plans);
      this.scheduleNext(job, Math.max(now, job.state.lastFireAt ?? now), memo);
      dirty.push(job);
    }
    this.saveStates(dirty);
  }

  private handleRetry(entry: Extract<ControlEntry, { kind: 'retry' }>, plans: Plan[]): void {
    const job = entry.job;
    const of = `retry ${entry.attempt - 1} of ${job.spec.retry.attempts} (after run ${entry.after} failed)`;
    if (job.removed || !job.spec.enabled) {
      this.log(`retry of run ${entry.retryOf} dropped: job ${job.spec.id} was ${job.removed ? 'removed' : 'disabled'}`);
      return;
    }
    if (job.state.paused || this.pausedAll) {
      plans.push(this.decided(job, 'skipped', 'retry', entry.scheduledFor, job.state.paused ? 'paused' : 'paused (all)', entry.attempt, entry.retryOf));
      return;
    }
    plans.push(this.decideOverlap(job, 'retry', entry.scheduledFor, entry.attempt, entry.retryOf, of));
  }

  // -------------------------------------------------------------------------------------------------------------
  // Runs

  /**
   * Starts what may start, then writes the rows of all plans and scheduled fires in one transaction, in the same
   * turn. A run's id is known before its row exists (run-ids.ts), so the action starts with its CRONBAR_RUN_ID and
   * the row is written a moment later, pid included. `due` are jobs whose scheduled fire came (decided here, their
   * state rows written with the runs); `afterStart` runs between the starts and the write (their next fires).
   */
  private commit(plans: Plan[], due: JobEntry[] = [], afterStart?: () => void): void {
    const count = plans.length + due.length;
    if (count === 0) {
      afterStart?.();
      return;
    }
    const now = this.clock.now();
    const firstId = this.ids.take(count);
    if (this.started) this.updateForeign();
    const batch: Batch = {
      plans: new Array<Plan | null>(count),
      due,
      firstId,
      phases: new Array<RunPhase | null>(count),
      actions: new Array<RunningAction | null>(count),
      runs: new Array<LiveRun | null>(count),
    };
    // Each step is its own small method: V8 optimises the hot start loop early and keeps it optimised, where one big
    // function was deoptimised again and again by its colder parts (seen with --trace-deopt), slowing the first ticks.
    this.startPlanned(batch, plans);
    this.startDue(batch, plans.length);
    this.track(batch, plans.length);
    afterStart?.();
    const records = this.writeRows(this.rowsOf(batch, now), due);
    if (records) {
      records.forEach((record, index) => this.emitSafe(batch.runs[index] ? 'run:started' : 'run:finished', record));
    }
    // Replace: stop the old runs now that the new one has an id to name.
    for (const plan of batch.plans) if (plan?.replace && plan.run) for (const old of plan.replace) this.replaceRun(old, plan.run.id);
    this.statusChanged();
  }

  /** Learns of runs other processes started (one read, only when they took run ids) and of their ends. */
  private updateForeign(): void {
    if (this.ids.othersTookIds()) this.foreign.othersTookIds();
    try {
      this.foreign.update();
    } catch (error) {
      this.log(`could not read the runs of other Cronbar processes: ${String(error)}`);
    }
  }

  /** Decides and starts the plans of a batch (retries, catch-up, manual runs, decided rows). */
  private startPlanned(batch: Batch, plans: Plan[]): void {
    for (let index = 0; index < plans.length; index++) {
      const plan = plans[index]!;
      batch.plans[index] = plan;
      const phase = plan.decided ? null : this.admissionPhase(plan);
      batch.phases[index] = phase;
      batch.actions[index] = phase === 'running' ? this.startAction(plan.job, batch.firstId + index, plan.scheduledFor, plan.attempt) : null;
    }
  }

  /**
   * Decides and starts the scheduled fires: the hot loop. A job with nothing live needs no Plan; only the decision and
   * the start happen here (even the LiveRun objects come later: less garbage before the last start makes a collection
   * pausing the starts less likely).
   */
  private startDue(batch: Batch, offset: number): void {
    const { due, phases, actions, plans, firstId } = batch;
    // Almost always empty: then the fast path costs one null check.
    const foreign = this.foreign.size > 0 ? this.foreign : null;
    for (let position = 0; position < due.length; position++) {
      const job = due[position]!;
      let phase: RunPhase | null;
      const index = offset + position;
      if (job.live === null && (foreign === null || foreign.get(job.spec.id) === undefined)) {
        plans[index] = null;
        phase = this.limiter.tryAcquire() ? 'running' : 'waiting-slot';
      } else {
        const plan = this.decideOverlap(job, 'schedule', job.nominal!, 1, null);
        plans[index] = plan;
        phase = plan.decided ? null : this.admissionPhase(plan);
      }
      phases[index] = phase;
      actions[index] = phase === 'running' ? this.startAction(job, firstId + index, job.nominal!, 1) : null;
    }
  }

  /** After the starts: the live runs of the batch, in the engine's maps and queues. */
  private track(batch: Batch, offset: number): void {
    const { plans, due, phases, actions, runs, firstId } = batch;
    for (let index = 0; index < runs.length; index++) {
      const phase = phases[index] ?? null;
      if (phase === null) {
        runs[index] = null;
        continue;
      }
      const plan = plans[index] ?? null;
      const job = plan ? plan.job : due[index - offset]!;
      const run: LiveRun = {
        id: firstId + index,
        job,
        trigger: plan ? plan.trigger : 'schedule',
        scheduledFor: plan ? plan.scheduledFor : job.nominal,
        attempt: plan ? plan.attempt : 1,
        retryOf: plan ? plan.retryOf : null,
        phase,
        action: actions[index] ?? null,
        cancelReason: null,
        unsubscribe: null,
        finished: false,
      };
      runs[index] = run;
      if (plan) plan.run = run;
      this.runs.set(run.id, run);
      (job.live ??= []).push(run);
      if (phase === 'running') this.watchAction(run);
      else if (phase === 'waiting-overlap') this.overlapWaiters++; // waits in job.live until the running one ends
      else if (phase === 'waiting-catch-up') this.catchUpLane.push(run);
      else if (phase === 'waiting-slot') this.limiter.enqueue(run);
      if (run.trigger === 'catch-up' && (phase === 'running' || phase === 'waiting-slot')) this.catchUpActive = run;
    }
  }

  /** The rows of a batch as they are after the starts: running ones with their pid, queued, or decided. */
  private rowsOf(batch: Batch, now: number): NewRun[] {
    const { plans, runs, firstId } = batch;
    const rows = new Array<NewRun>(runs.length);
    const ownerPid = process.pid;
    for (let index = 0; index < runs.length; index++) {
      const run = runs[index] ?? null;
      const plan = plans[index] ?? null;
      const running = run !== null && run.phase === 'running';
      const pid = running ? (run.action?.pid ?? null) : null;
      rows[index] = {
        id: firstId + index,
        jobId: (plan ?? run!).job.spec.id,
        trigger: plan ? plan.trigger : 'schedule',
        status: plan?.decided ?? (running ? 'running' : 'queued'),
        scheduledFor: plan ? plan.scheduledFor : run!.scheduledFor,
        createdAt: now,
        startedAt: running ? now : null,
        finishedAt: plan?.decided ? now : null,
        reason: plan ? plan.reason : null,
        attempt: plan ? plan.attempt : 1,
        retryOf: plan ? plan.retryOf : null,
        pid,
        pgid: pid,
        ownerPid,
      };
    }
    return rows;
  }

  /**
   * One transaction: state rows, run rows, and the next block of run ids. When the store refuses, the rows are kept
   * and written with the next batch (the runs have started: their rows must not be lost); returns null then.
   */
  private writeRows(rows: NewRun[], states: JobEntry[]): RunRecord[] | null {
    const earlier = this.unwrittenRows;
    const all = earlier.length > 0 ? earlier.concat(rows) : rows;
    for (const job of states) this.unwrittenStates.add(job);
    try {
      const records = this.store.transaction(() => {
        for (const job of this.unwrittenStates) if (!job.removed) this.store.saveJobState(job.state);
        const written = all.length > 0 ? this.store.insertRuns(all) : [];
        if (this.started) this.ids.refill();
        return written;
      });
      this.unwrittenRows = [];
      this.unwrittenStates.clear();
      if (this.finishRows.length > 0) this.queueFlush();
      return earlier.length > 0 ? records.slice(earlier.length) : records;
    } catch (error) {
      // A reservation made inside the failed transaction was rolled back with it.
      this.ids.drop();
      this.unwrittenRows = all;
      this.log(`could not record ${all.length} run rows yet (kept, written with the next batch): ${String(error)}`);
      return null;
    }
  }

  /** Where a new live run goes: straight to running, or which queue. Takes a slot when it runs. */
  private admissionPhase(plan: Plan): RunPhase {
    if (plan.waitForOverlap) return 'waiting-overlap';
    if (plan.trigger === 'catch-up') {
      if (this.catchUpActive !== null || this.catchUpLane.length > 0) return 'waiting-catch-up';
      this.catchUpActive = 'reserved';
    }
    return this.limiter.tryAcquire() ? 'running' : 'waiting-slot';
  }

  private replaceRun(old: LiveRun, byRunId: number): void {
    if (old.finished) return;
    const reason = `replaced by run ${byRunId}`;
    if (old.phase === 'running') this.cancelLive(old, reason);
    else {
      this.unqueue(old);
      this.finishUnstarted(old, reason);
      this.pump();
    }
  }

  /** Starts the action, nothing else: the bookkeeping waits until every run of the batch has started. */
  private startAction(job: JobEntry, runId: number, scheduledFor: number | null, attempt: number): RunningAction {
    try {
      return this.runner.start(job.spec, { runId, jobId: job.spec.id, scheduledFor, attempt });
    } catch (error) {
      return failedToStart(error);
    }
  }

  /** Forwards a started run's output and records its end. */
  private watchAction(run: LiveRun): void {
    const action = run.action!;
    const jobId = run.job.spec.id;
    run.unsubscribe = action.onOutput((chunk) => this.emitSafe('run:output', { runId: run.id, jobId, chunk }));
    action.done.then(
      (result) => this.finish(run, result),
      (error: unknown) => this.finish(run, { status: 'failed', exitCode: null, signal: null, reason: `the runner failed: ${String(error)}`, outputTail: Buffer.alloc(0), outputBytes: 0 }),
    );
  }

  /** A queued run got its slot. */
  private startQueued(run: LiveRun): void {
    if (run.finished) {
      this.limiter.release();
      return;
    }
    run.phase = 'running';
    run.action = this.startAction(run.job, run.id, run.scheduledFor, run.attempt);
    this.watchAction(run);
    const now = this.clock.now();
    try {
      if (this.unwrittenRows.length > 0) this.writeRows([], []);
      const record = this.store.updateRun(run.id, { status: 'running', startedAt: now, pid: run.action?.pid ?? null, pgid: run.action?.pid ?? null });
      this.emitSafe('run:started', record);
    } catch (error) {
      this.log(`could not record the start of run ${run.id}: ${String(error)}`);
    }
  }

  private cancelLive(run: LiveRun, reason: string): void {
    if (run.cancelReason === null) run.cancelReason = reason;
    try {
      run.action?.cancel(reason);
    } catch (error) {
      this.log(`cancel of run ${run.id} failed: ${String(error)}`);
    }
  }

  private finish(run: LiveRun, result: ActionResult): void {
    if (run.finished) return;
    run.finished = true;
    run.unsubscribe?.();
    this.forget(run);
    const interruptedBy = run.cancelReason;
    const patch: RunPatch = {
      status: interruptedBy ? 'interrupted' : result.status,
      exitCode: result.exitCode,
      signal: result.signal,
      output: result.outputTail,
      outputBytes: result.outputBytes,
      finishedAt: this.clock.now(),
    };
    const reason = interruptedBy ?? result.reason;
    if (reason !== null) patch.reason = reason;
    this.queueFinishRow(run, patch);

    const fromSlot = this.limiter.release();
    if (this.catchUpActive === run) this.catchUpActive = null;
    if (!this.stopping && !interruptedBy && isRetryable(result.status) && !run.job.removed) this.scheduleRetry(run);
    if (this.stopping) {
      this.emitSafe('stopping', { running: this.runs.size });
      if (this.runs.size === 0) this.onIdle?.();
      this.statusChanged();
      return;
    }
    for (const next of fromSlot) this.startQueued(next);
    this.pump();
    this.arm();
    this.statusChanged();
  }

  /** A run that never started: its row becomes interrupted. */
  private finishUnstarted(run: LiveRun, reason: string): void {
    if (run.finished) return;
    run.finished = true;
    this.forget(run);
    if (this.catchUpActive === run) this.catchUpActive = null;
    try {
      const record = this.store.updateRun(run.id, { status: 'interrupted', reason, finishedAt: this.clock.now() });
      this.emitSafe('run:finished', record);
    } catch (error) {
      this.log(`could not record run ${run.id}: ${String(error)}`);
    }
    this.statusChanged();
  }

  private forget(run: LiveRun): void {
    if (run.phase === 'waiting-overlap') this.overlapWaiters--;
    this.runs.delete(run.id);
    const live = run.job.live;
    if (live) {
      const index = live.indexOf(run);
      if (index >= 0) live.splice(index, 1);
      if (live.length === 0) run.job.live = null;
    }
  }

  /** Takes a waiting run out of whichever queue holds it. */
  private unqueue(run: LiveRun): void {
    if (run.phase === 'waiting-slot') this.limiter.remove((item) => item === run);
    if (run.phase === 'waiting-catch-up') {
      const index = this.catchUpLane.indexOf(run);
      if (index >= 0) this.catchUpLane.splice(index, 1);
    }
  }

  /** Moves waiting runs forward: overlap waiters whose job is free, and the next catch-up run. */
  private pump(): void {
    if (this.stopping) return;
    // Scanning every live run on every finish was quadratic when thousands of runs end together.
    for (const run of this.overlapWaiters > 0 ? [...this.runs.values()] : []) {
      if (run.phase !== 'waiting-overlap') continue;
      if (run.job.live?.some((other) => other.phase === 'running')) continue;
      this.admitWaiting(run);
    }
    if (this.catchUpActive === null) {
      const next = this.catchUpLane.shift();
      if (next) {
        this.catchUpActive = next;
        this.admitWaiting(next);
      }
    }
  }

  private admitWaiting(run: LiveRun): void {
    if (run.phase === 'waiting-overlap') this.overlapWaiters--;
    if (this.limiter.tryAcquire()) this.startQueued(run);
    else {
      run.phase = 'waiting-slot';
      this.limiter.enqueue(run);
    }
  }

  private scheduleRetry(run: LiveRun): void {
    const retryNumber = run.attempt;
    const delay = retryDelay(run.job.spec.retry, retryNumber);
    if (delay === null) return;
    const entry: ControlEntry = {
      kind: 'retry',
      job: run.job,
      scheduledFor: run.scheduledFor,
      attempt: run.attempt + 1,
      retryOf: run.retryOf ?? run.id,
      after: run.id,
      at: 0,
      seq: 0,
      heapIndex: -1,
    };
    this.controlQueue.schedule(entry, this.clock.now() + delay);
  }

  private waitForIdle(timeoutMs: number): Promise<void> {
    if (this.runs.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      let timer: TimerHandle | null = null;
      const done = () => {
        if (timer !== null) this.clock.clearTimeout(timer);
        this.onIdle = null;
        resolve();
      };
      timer = this.clock.setTimeout(done, timeoutMs);
      this.onIdle = done;
    });
  }

  // -------------------------------------------------------------------------------------------------------------
  // Schedule bookkeeping

  /** Queues the job's first fire strictly after `after` (none when disabled, paused or finished). */
  private scheduleNext(job: JobEntry, after: number, memo: FireMemo): void {
    if (!isSchedulable(job) || job.state.paused) {
      this.unscheduleFire(job);
      return;
    }
    const nominal = this.memoNext(job, after, memo);
    if (nominal === null) {
      this.unscheduleFire(job);
      return;
    }
    job.nominal = nominal;
    const due = nominal + jitterOffset(job.spec.id, nominal, job.spec.jitterMs);
    job.state.nextFireAt = due;
    this.fireQueue.schedule(job, due);
  }

  private memoNext(job: JobEntry, after: number, memo: FireMemo): number | null {
    // every: is arithmetic on a per-job anchor: nothing to share.
    if (job.spec.schedule.kind === 'every') return this.calculator.nextAfter(refOf(job), after);
    let byAfter = memo.get(job.key);
    if (!byAfter) memo.set(job.key, (byAfter = new Map()));
    let next = byAfter.get(after);
    if (next === undefined) {
      next = this.calculator.nextAfter(refOf(job), after);
      byAfter.set(after, next);
    }
    return next;
  }

  private unscheduleFire(job: JobEntry): void {
    this.fireQueue.remove(job);
    job.nominal = null;
    job.state.nextFireAt = null;
  }

  private restartSchedule(job: JobEntry, key: string, now: number): void {
    job.key = key;
    job.state.scheduleKey = key;
    job.state.lastFireAt = now;
    job.state.anchorAt = job.spec.schedule.kind === 'every' ? now : null;
  }

  private removeJob(job: JobEntry): void {
    job.removed = true;
    this.jobsById.delete(job.spec.id);
    this.unscheduleFire(job);
    const resume = this.resumeEntries.get(job.spec.id);
    if (resume) this.controlQueue.remove(resume);
    this.resumeEntries.delete(job.spec.id);
    // Running runs finish; runs that had not started yet go with the job.
    for (const run of [...(job.live ?? [])]) {
      if (run.phase === 'running') continue;
      this.unqueue(run);
      this.finishUnstarted(run, 'the job was removed before this ran');
    }
  }

  private armResume(job: JobEntry): void {
    const existing = this.resumeEntries.get(job.spec.id);
    if (existing) this.controlQueue.remove(existing);
    this.resumeEntries.delete(job.spec.id);
    if (!job.state.paused || job.state.pausedUntil === null) return;
    const entry: ControlEntry = { kind: 'resume', job, at: 0, seq: 0, heapIndex: -1 };
    this.resumeEntries.set(job.spec.id, entry);
    this.controlQueue.schedule(entry, job.state.pausedUntil);
  }

  private armResumeAll(until: number): void {
    if (this.resumeAllEntry) this.controlQueue.remove(this.resumeAllEntry);
    this.resumeAllEntry = { kind: 'resume-all', at: 0, seq: 0, heapIndex: -1 };
    this.controlQueue.schedule(this.resumeAllEntry, until);
  }

  private saveStates(jobs: JobEntry[]): void {
    if (!this.started || jobs.length === 0) return;
    this.store.transaction(() => jobs.forEach((job) => this.store.saveJobState(job.state)));
  }

  // -------------------------------------------------------------------------------------------------------------
  // Persistence and recovery

  private loadStates(): Map<string, JobStateRow> {
    if (!this.persistedStates) {
      this.persistedStates = new Map(this.store.allJobStates().map((row) => [row.jobId, row]));
      this.loadPauseAll();
    }
    return this.persistedStates;
  }

  private loadPauseAll(): void {
    if (this.pauseAllLoaded) return;
    this.pauseAllLoaded = true;
    const raw = this.store.getSetting(PAUSE_ALL_SETTING);
    if (!raw) return;
    try {
      const parsed = JSON.parse(raw) as { until?: unknown };
      this.pausedAll = { until: typeof parsed.until === 'number' ? parsed.until : null };
    } catch {
      this.log(`ignoring an unreadable ${PAUSE_ALL_SETTING} setting: ${raw}`);
    }
  }

  private pruneOrphans(): void {
    if (this.orphansPruned || !this.persistedStates) return;
    this.orphansPruned = true;
    for (const jobId of this.persistedStates.keys()) if (!this.jobsById.has(jobId)) this.store.deleteJobState(jobId);
    // start() has read what it needed; a later start() reads the rows again.
    if (this.started) this.persistedStates = null;
  }

  /**
   * Rows a dead Cronbar left queued or running become interrupted; their process groups are killed. A row whose owner
   * process lives (a `cronbar run` beside this scheduler) is that process's to finish. A row of this very process that
   * is not one of this engine's runs was left by an engine dropped without stop(), so it is abandoned too.
   * start() calls it; a process that runs jobs without scheduling (`cronbar run`) calls it too.
   */
  recoverCrashedRuns(now: number = this.clock.now()): void {
    const othersLive: LiveRunRow[] = [];
    const leftovers = this.store.liveRuns().filter((row) => {
      if (this.runs.has(row.id)) return false;
      if (row.ownerPid === process.pid || isRunOwnerGone(row.ownerPid, row.createdAt)) return true;
      this.log(`left run ${row.id} (${row.jobId}) ${row.status}: process ${row.ownerPid} is running it`);
      othersLive.push(row);
      return false;
    });
    if (this.started) this.foreign.track(othersLive);
    if (leftovers.length === 0) return;
    const records = this.store.transaction(() =>
      leftovers.map((row) => this.store.updateRun(row.id, { status: 'interrupted', reason: STOPPED_WHILE_RUNNING, finishedAt: now })),
    );
    for (const row of leftovers) {
      if (row.pgid === null) continue;
      const outcome = killLeftoverProcessGroup(row.pgid, row.startedAt);
      if (outcome === 'killed') this.log(`killed process group ${row.pgid} left running by run ${row.id}`);
      else if (outcome === 'not-ours') this.log(`left process group ${row.pgid} alone: it started after run ${row.id}, so the pid was reused`);
    }
    for (const record of records) this.emitSafe('run:finished', record);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Helpers

  private requireJob(jobId: string): JobEntry {
    const job = this.jobsById.get(jobId);
    if (!job) throw new CronbarError('not-found', `no job with id ${JSON.stringify(jobId)}`);
    return job;
  }

  /** Listener errors must not break scheduling. */
  private emitSafe<E extends keyof EngineEvents>(event: E, ...args: EngineEvents[E]): void {
    try {
      (this.emit as (event: E, ...args: EngineEvents[E]) => boolean)(event, ...args);
    } catch (error) {
      this.log(`a ${event} listener failed: ${String(error)}`);
    }
  }

  /** Coalesces status events: a tick that starts 10 000 runs sends one. */
  private statusChanged(): void {
    if (this.statusQueued) return;
    this.statusQueued = true;
    queueMicrotask(() => {
      this.statusQueued = false;
      this.emitSafe('scheduler:changed', this.status());
    });
  }
}

function effectiveKey(job: JobSpec): string {
  const key = scheduleKey(job);
  return job.enabled ? key : `disabled|${key}`;
}

function isSchedulable(job: JobEntry): boolean {
  return job.spec.enabled && !job.removed;
}

function refOf(job: JobEntry): ScheduleRef {
  return { schedule: job.spec.schedule, timezone: job.spec.timezone, anchorAt: job.state.anchorAt };
}

function freshState(spec: JobSpec, key: string, now: number): JobStateRow {
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

/** Queue and replace cannot act on another process's run: it is not this engine's to wait for or to stop. */
function foreignRefusal(other: ForeignRun, overlap: JobSpec['overlap']): string {
  const reason = `overlap: run #${other.id} started by another Cronbar process (pid ${other.ownerPid}) is still running`;
  if (overlap === 'queue') return `${reason} (queue cannot wait for another process's run)`;
  if (overlap === 'replace') return `${reason} (replace cannot stop another process's run)`;
  return reason;
}

function failedToStart(error: unknown): RunningAction {
  const result: ActionResult = { status: 'failed', exitCode: null, signal: null, reason: `could not start: ${String(error)}`, outputTail: Buffer.alloc(0), outputBytes: 0 };
  return { pid: null, done: Promise.resolve(result), cancel: () => {}, onOutput: () => () => {} };
}
