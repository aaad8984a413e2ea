/**
 * The scheduling engine: decides WHEN each job runs and drives each run's row through the store. This class is the
 * one public face (the service, the CLI, the benches and the tests call it); it owns the parts and wires them, and
 * each public method hands over to a part:
 *
 * - job-set.ts: the jobs by id and applying a new jobs list (kept, restarted or persisted state; removals);
 * - job-states.ts: persistence of job state (each job's last handled fire, its pause, its schedule key);
 * - next-fires.ts: the queue of next fires (jobs grouped by due time) and "what comes next" for the views;
 * - fire-path.ts + start-batch.ts: ONE timer for the earliest fire or control entry (retries, pause ends), the tick
 *   that takes every due job at once, starts the admitted runs and then, in the same synchronous turn, writes all
 *   their rows in one transaction (the hot path);
 * - run-lifecycle.ts (with overlap.ts, finish-rows.ts): a live run from admission to its end row, and retries;
 * - pause-control.ts: pause one job or all, until a time; the fires a pause swallowed become rows when it ends;
 * - catch-up-admission.ts (on catch-up.ts): fires missed while Cronbar was down, asleep or the clock jumped;
 * - crash-recovery.ts, foreign-runs.ts, run-ids.ts, clock-watch.ts: rows a dead process left, runs other Cronbar
 *   processes execute, run ids reserved ahead, sleep and clock-jump detection.
 *
 * Every decision that does not start a run (overlap skip, missed, paused) is a row with a reason. Retries live in
 * memory only: one pending when Cronbar stops is dropped (the failed row stays). Timeouts are the runner's.
 */
import { EventEmitter } from 'node:events';
import { CronbarError } from '../../../shared/api/cronbar-error';
import type { JobSpec } from '../../../shared/config/schema';
import type { Clock, Store } from '../ports';
import type { ClockWatch } from './clock-watch';
import { STOPPED_WHILE_RUNNING, recoverCrashedRuns } from './crash-recovery';
import { followSetBackClock } from './catch-up-admission';
import type { EngineEvents, EngineStatus, JobRuntime } from './engine-events';
import {
  type Emit,
  type EngineFlags,
  type JobEntry,
  type Plan,
  isSchedulable,
  newMemo,
  plainPlan,
  refOf,
} from './engine-types';
import { type EngineOptions, type EngineParts, wireParts } from './engine-wiring';
import type { FirePath } from './fire-path';
import type { JobSet } from './job-set';
import type { JobStates } from './job-states';
import type { NextFires } from './next-fires';
import type { FireDensityQuery, FireDensityResult } from './fire-density';
import type { PauseControl } from './pause-control';
import type { RunIds } from './run-ids';
import type { RunLifecycle } from './run-lifecycle';
import type { ScheduleCalculator, ScheduleRef } from './schedule-calculator';
import type { StartBatch } from './start-batch';

export type { EngineEvents, EngineStatus, JobRuntime } from './engine-events';
export { ON_TIME_GRACE_MS } from './engine-types';
export { LATE_TIMER_MS, MAX_TIMER_MS } from './fire-path';
export { PAUSE_ALL_SETTING } from './pause-control';
export type { EngineOptions } from './engine-wiring';

/** How long stop() waits for cancelled runs to report before writing their rows itself. */
export const CANCEL_WAIT_MS = 15_000;
const STOPPED_BEFORE_START = 'Cronbar stopped before this ran';

export class Engine extends EventEmitter<EngineEvents> {
  private readonly parts: EngineParts;
  private readonly flags: EngineFlags;
  private readonly store: Store;
  private readonly clock: Clock;
  private readonly log: (line: string) => void;
  private readonly ids: RunIds;
  private readonly watch: ClockWatch;
  private readonly fires: NextFires;
  private readonly jobSet: JobSet;
  private readonly states: JobStates;
  private readonly pause: PauseControl;
  private readonly runs: RunLifecycle;
  private readonly batch: StartBatch;
  private readonly firePath: FirePath;
  private stopping: Promise<{ interrupted: number }> | null = null;
  private statusQueued = false;

  constructor(options: EngineOptions) {
    super();
    // The parts, built and wired in engine-wiring.ts; the Engine keeps the ones its methods hand over to.
    const hooks = {
      emit: this.emitSafe.bind(this) as Emit,
      statusChanged: () => this.statusChanged(),
      resync: (reason: string) => this.resync(reason),
    };
    ({
      flags: this.flags,
      store: this.store,
      clock: this.clock,
      log: this.log,
      ids: this.ids,
      watch: this.watch,
      fires: this.fires,
    } = this.parts = wireParts(options, hooks));
    ({
      jobSet: this.jobSet,
      states: this.states,
      pause: this.pause,
      runs: this.runs,
      batch: this.batch,
      firePath: this.firePath,
    } = this.parts);
  }

  /** Replaces the job list, diffing by id: unchanged schedules keep their state and their running runs. */
  setJobs(jobs: JobSpec[], concurrency?: number): void {
    if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1)) {
      throw new CronbarError('invalid-input', `concurrency must be a whole number of at least 1, got ${concurrency}`);
    }
    const { toSave, removed, plans } = this.jobSet.apply(jobs, this.clock.now());
    this.parts.chains.reindex(jobs);
    this.parts.events.apply();
    this.parts.conditions.apply(this.jobSet.values());
    this.pause.load();
    const limitStarts = concurrency !== undefined ? this.runs.setLimit(concurrency) : [];
    this.states.markJobsLoaded();
    if (this.flags.started) {
      this.store.transaction(() => {
        for (const job of toSave) this.store.saveJobState(job.state);
        for (const job of removed) this.store.deleteJobState(job.spec.id);
        this.states.pruneOrphans();
      });
      this.batch.commit(plans);
      this.firePath.arm();
    }
    // Not scheduling yet: nothing is persisted; start() writes the states.
    for (const run of limitStarts) this.runs.startQueued(run);
    this.emitSafe('jobs:changed', { reason: 'jobs reloaded' });
    this.statusChanged();
  }

  jobs(): JobSpec[] {
    return this.jobSet.specs();
  }

  /** Crash recovery, then catch-up, then the timer. */
  start(): void {
    if (this.flags.started) return;
    if (this.stopping) throw new CronbarError('refused', 'the engine is stopping');
    this.flags.started = true;
    const now = this.clock.now();
    this.recoverCrashedRuns(now);
    this.pause.load();
    const states = this.states.all();
    const memo = newMemo();
    const plans: Plan[] = [];
    this.pause.startUp(now, plans);
    for (const job of this.jobSet.values()) {
      const row = states.get(job.spec.id);
      // Jobs known from an earlier session get catch-up; jobs first seen by this session's setJobs start from now.
      const known = row !== undefined && row.scheduleKey === job.key && row.lastFireAt !== null;
      if (known) this.parts.admitKnown(job, now, plans, memo);
      else this.fires.scheduleNext(job, Math.max(now, job.state.lastFireAt ?? now), memo);
    }
    this.pause.armPauseAllEnd();
    this.store.transaction(() => {
      for (const job of this.jobSet.values()) this.store.saveJobState(job.state);
      if (this.states.loaded) this.states.pruneOrphans();
      this.ids.refill();
    });
    this.batch.commit(plans);
    this.watch.start();
    this.parts.events.start();
    this.firePath.arm();
    this.statusChanged();
  }

  /** Stops scheduling; lets running runs finish within graceMs, then stops them. Queued runs and retries are dropped. */
  stop(options: { graceMs?: number } = {}): Promise<{ interrupted: number }> {
    if (this.stopping) return this.stopping;
    this.flags.stopping = true;
    this.stopping = this.shutdown(options.graceMs ?? 10_000);
    return this.stopping;
  }

  /** Recomputes every next fire from the wall clock and catches up what was missed (sleep, clock change). */
  resync(reason: string): void {
    if (!this.flags.started || this.flags.stopping) return;
    this.log(`resync: ${reason}`);
    const driftMs = this.watch.takeDrift();
    this.emitSafe('resync', { reason, driftMs });
    const now = this.clock.now();
    const memo = newMemo();
    const plans: Plan[] = [];
    const dirty: JobEntry[] = [];
    for (const job of this.jobSet.values()) {
      const before = job.state.lastFireAt;
      if (!isSchedulable(job) || job.state.paused || this.pause.allPaused) {
        // Not scheduled now, but a clock set back must not leave it silent once it is resumed.
        const waits = followSetBackClock(job, now, this.fires.calculator);
        if (waits !== null) this.log(waits);
      } else this.parts.admitKnown(job, now, plans, memo);
      if (job.state.lastFireAt !== before) dirty.push(job);
    }
    if (dirty.length > 0) this.store.transaction(() => dirty.forEach((job) => this.store.saveJobState(job.state)));
    this.batch.commit(plans);
    this.watch.reset();
    this.firePath.disarm();
    this.firePath.tick();
    this.parts.events.onResync(reason, driftMs);
  }

  runNow(
    jobId: string,
    options: { force?: boolean; trigger?: 'manual' | 'test' } = {},
  ): { runId: number | null; queued: boolean; refused: string | null } {
    const job = this.jobSet.require(jobId);
    const trigger = options.trigger ?? 'manual';
    if (this.stopping) return { runId: null, queued: false, refused: 'Cronbar is stopping' };
    // A process without the scheduler lock (`cronbar run` beside a daemon) may still run a job by hand; the caller
    // checks the overlap against the other process's runs in the DB and passes force.
    if (!this.flags.started && !options.force)
      return { runId: null, queued: false, refused: 'the scheduler is not running' };
    const plan = options.force ? plainPlan(job, trigger, null) : this.runs.decide(job, trigger, null, 1, null);
    if (plan.decided)
      return {
        runId: null,
        queued: false,
        refused: plan.reason!.replace(/^overlap: still running/, 'already running').replace(/^overlap: /, ''),
      };
    this.batch.commit([plan]);
    this.firePath.arm();
    const run = plan.run!;
    return { runId: run.id, queued: run.phase !== 'running', refused: null };
  }

  /**
   * Starts one backfill slot now as a `backfill` run recorded for `scheduledFor`. The backfill paces its own slots
   * (backfill.ts), so the job's overlap policy is not asked; the concurrency limit still is.
   */
  runBackfillSlot(
    jobId: string,
    scheduledFor: number,
  ): { runId: number | null; queued: boolean; refused: string | null } {
    const job = this.jobSet.require(jobId);
    if (this.stopping) return { runId: null, queued: false, refused: 'Cronbar is stopping' };
    const plan = plainPlan(job, 'backfill', scheduledFor);
    this.batch.commit([plan]);
    this.firePath.arm();
    const run = plan.run!;
    return { runId: run.id, queued: run.phase !== 'running', refused: null };
  }

  /**
   * Starts attempt `attempt` of a retry chain now, as a `retry` run of `retryOf` (the chain's first run): for
   * `cronbar run`, which waits the retry delay itself (retry-policy.ts) as it schedules nothing.
   */
  runRetry(
    jobId: string,
    retry: { attempt: number; retryOf: number; after: number },
  ): { runId: number | null; queued: boolean; refused: string | null } {
    const job = this.jobSet.require(jobId);
    if (this.stopping) return { runId: null, queued: false, refused: 'Cronbar is stopping' };
    const reason = `retry ${retry.attempt - 1} of ${job.spec.retry.attempts} (after run ${retry.after} failed)`;
    const plan = plainPlan(job, 'retry', null, retry.attempt, retry.retryOf, reason);
    this.batch.commit([plan]);
    this.firePath.arm();
    const run = plan.run!;
    return { runId: run.id, queued: run.phase !== 'running', refused: null };
  }

  /** The output a live run of this engine printed so far (its kept tail), or null when it is not running here. */
  runOutputSoFar(runId: number): Buffer | null {
    return this.runs.get(runId)?.action?.outputSoFar?.() ?? null;
  }

  /** Stops a running run (it ends `interrupted`) or drops a queued one. False when the run is not live. */
  cancelRun(runId: number): boolean {
    return this.runs.cancel(runId);
  }

  pauseJob(jobId: string, until: number | null): void {
    this.pause.pauseJob(this.jobSet.require(jobId), until, this.clock.now());
    this.firePath.arm();
    this.emitSafe('jobs:changed', { reason: `paused ${jobId}` });
  }

  resumeJob(jobId: string): void {
    const job = this.jobSet.require(jobId);
    if (!job.state.paused) return;
    const plans: Plan[] = [];
    this.pause.resumeJob(job, this.clock.now(), plans);
    this.batch.commit(plans);
    this.firePath.arm();
    this.emitSafe('jobs:changed', { reason: `resumed ${jobId}` });
  }

  pauseAll(until: number | null): void {
    this.pause.pauseAll(until, this.clock.now());
    this.firePath.arm();
    this.emitSafe('jobs:changed', { reason: 'paused all' });
    this.statusChanged();
  }

  resumeAll(): void {
    if (!this.pause.allPaused) return;
    const plans: Plan[] = [];
    this.pause.resumeAll(this.clock.now(), plans);
    this.batch.commit(plans);
    this.firePath.arm();
    this.emitSafe('jobs:changed', { reason: 'resumed all' });
    this.statusChanged();
  }

  /** The next fire (with jitter) or null: disabled, paused, paused-all, or no fire left. */
  nextFire(jobId: string): number | null {
    const job = this.jobSet.get(jobId);
    if (!job || this.pause.allPaused || !this.fires.has(job)) return null;
    return job.at;
  }

  /** The next `count` fires at or after `from` (default: the queued next fire onward), earliest first. */
  nextFires(jobId: string, count: number, from?: number): number[] {
    const job = this.jobSet.get(jobId);
    if (!job || this.pause.allPaused) return [];
    return this.fires.nextFires(job, count, from);
  }

  /** The job's schedule and the calculator the fire path uses, to ask which fires any span held (why-not-run.ts). */
  fireCalendar(jobId: string): { ref: ScheduleRef; calculator: ScheduleCalculator } {
    return { ref: refOf(this.jobSet.require(jobId)), calculator: this.fires.calculator };
  }

  /** The next fires across all jobs, earliest first. */
  upcoming(count: number, from?: number, until?: number): Array<{ jobId: string; name: string; at: number }> {
    return this.pause.allPaused ? [] : this.fires.upcoming(count, from, until);
  }

  /** Every fire in [from, to) counted per job and bucket; nothing while all jobs are paused (nothing will fire). */
  fireDensity(query: FireDensityQuery): FireDensityResult {
    if (this.pause.allPaused) return { from: query.from, to: query.to, bucketMs: query.bucketMs, total: 0, jobs: [] };
    return this.fires.density(query);
  }

  /** Whether the job is paused on its own ("pause all" aside): jobRuntime without its arrays, for a pass over every job. */
  jobPaused(jobId: string): boolean {
    return this.jobSet.require(jobId).state.paused;
  }

  jobRuntime(jobId: string): JobRuntime {
    const job = this.jobSet.require(jobId);
    const live = job.live ?? [];
    return {
      paused: job.state.paused,
      pausedUntil: job.state.pausedUntil,
      runningRunIds: live.filter((run) => run.phase === 'running').map((run) => run.id),
      queuedCount: live.filter((run) => run.phase !== 'running').length,
      canRunNow: !this.stopping && this.runs.refusal(job) === null,
    };
  }

  status(): EngineStatus {
    let running = 0;
    for (const run of this.runs.values()) if (run.phase === 'running') running++;
    return {
      pausedAll: this.pause.allPaused,
      pausedAllUntil: this.pause.allPausedUntil,
      running,
      queued: this.runs.size - running,
      concurrency: this.runs.capacity,
      jobCount: this.jobSet.size,
    };
  }

  /**
   * Rows a dead Cronbar left queued or running become interrupted (crash-recovery.ts). start() calls it; a process
   * that runs jobs without scheduling (`cronbar run`) calls it too.
   */
  recoverCrashedRuns(now: number = this.clock.now()): void {
    recoverCrashedRuns(this.parts.recovery, now);
  }

  private async shutdown(graceMs: number): Promise<{ interrupted: number }> {
    this.firePath.stop();
    this.watch.stop();
    this.parts.events.stop();
    this.batch.commit(this.parts.conditions.dropAll());
    this.pause.clear();
    let interrupted = this.runs.dropWaiting(STOPPED_BEFORE_START);
    interrupted += await this.runs.stopRunning(graceMs, CANCEL_WAIT_MS, STOPPED_WHILE_RUNNING);
    this.flags.started = false;
    this.statusChanged();
    return { interrupted };
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
