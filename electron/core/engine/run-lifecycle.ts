/**
 * Run lifecycle: a live run of this engine from admission to its final row. Decides where an admitted run goes
 * (running, or which queue: the job's overlap wait, the catch-up lane of width one, the concurrency limit), moves
 * waiting runs forward when others end, stops replaced and cancelled runs, writes end rows (finish-rows.ts) and
 * schedules retries. Does not decide whether a fire runs at all (overlap.ts, pause, catch-up do), nor when fires
 * come (the fire path); run rows are first written by the start batch.
 */
import type {
  ActionResult,
  ActionRunner,
  ChainParent,
  Clock,
  RunPatch,
  RunningAction,
  Store,
  TimerHandle,
} from '../ports';
import { ConcurrencyLimiter } from './concurrency-limiter';
import type { RunStatus, RunTrigger } from '../../../shared/model';
import {
  type ControlEntry,
  type Emit,
  type EngineFlags,
  type JobEntry,
  type LiveRun,
  type Plan,
  type RetryEntry,
  type RunPhase,
  decidedPlan,
} from './engine-types';
import { FinishRows } from './finish-rows';
import type { ForeignRuns } from './foreign-runs';
import { decideOverlap, overlapRefusal } from './overlap';
import { isRetryable, retryDelay } from './retry-policy';

export interface RunLifecycleHost {
  store: Store;
  runner: ActionRunner;
  clock: Clock;
  flags: Readonly<EngineFlags>;
  /** Live runs of this scheduler's jobs that other Cronbar processes execute (overlap counts them). */
  foreign: ForeignRuns;
  emit: Emit;
  log(line: string): void;
  statusChanged(): void;
  /** Re-arms the one timer (a retry was queued). */
  arm(): void;
  /** The control queue, for retries. */
  scheduleControl(entry: ControlEntry, at: number): void;
  /** Writes start rows a failing store held back; false while it still fails. */
  writeHeldRows(): boolean;
  /** A run ended for good (no retry follows, Cronbar is not stopping): its chain children (chain-starts.ts). */
  runEnded(run: LiveRun, status: RunStatus): void;
}

export class RunLifecycle {
  private readonly runs = new Map<number, LiveRun>();
  private readonly limiter: ConcurrencyLimiter<LiveRun>;
  private readonly catchUpLane: LiveRun[] = [];
  /** The catch-up run holding the lane; 'reserved' while a start batch is still creating it. */
  private catchUpActive: LiveRun | 'reserved' | null = null;
  /** Runs waiting for their job's running run to end (overlap: queue); pump() scans only while there are some. */
  private overlapWaiters = 0;
  private onIdle: (() => void) | null = null;
  private readonly finishRows: FinishRows;

  constructor(
    private readonly host: RunLifecycleHost,
    concurrency: number,
  ) {
    this.limiter = new ConcurrencyLimiter<LiveRun>(concurrency);
    this.finishRows = new FinishRows(host);
  }

  get size(): number {
    return this.runs.size;
  }

  get capacity(): number {
    return this.limiter.capacity;
  }

  get(runId: number): LiveRun | undefined {
    return this.runs.get(runId);
  }

  values(): IterableIterator<LiveRun> {
    return this.runs.values();
  }

  /** The hot path's admission of a job with nothing live: a free slot, or the limiter's queue. */
  tryAcquireSlot(): boolean {
    return this.limiter.tryAcquire();
  }

  /** Changes the limit; the runs that may start under a higher one are started. */
  setLimit(limit: number): LiveRun[] {
    return this.limiter.setLimit(limit);
  }

  /** Where a new live run goes: straight to running, or which queue. Takes a slot when it runs. */
  admissionPhase(plan: Plan): RunPhase {
    if (plan.waitForOverlap) return 'waiting-overlap';
    if (plan.trigger === 'catch-up') {
      if (this.catchUpActive !== null || this.catchUpLane.length > 0) return 'waiting-catch-up';
      this.catchUpActive = 'reserved';
    }
    return this.limiter.tryAcquire() ? 'running' : 'waiting-slot';
  }

  /** Starts the action, nothing else: the bookkeeping waits until every run of the batch has started. */
  startAction(
    job: JobEntry,
    runId: number,
    scheduledFor: number | null,
    attempt: number,
    parent: ChainParent | null = null,
  ): RunningAction {
    try {
      const context = { runId, jobId: job.spec.id, scheduledFor, attempt };
      return this.host.runner.start(job.spec, parent === null ? context : { ...context, parent });
    } catch (error) {
      return failedToStart(error);
    }
  }

  /** A run the start batch created: into the maps and the queue its phase names. */
  track(run: LiveRun): void {
    const phase = run.phase;
    this.runs.set(run.id, run);
    (run.job.live ??= []).push(run);
    if (phase === 'running') this.watchAction(run);
    else if (phase === 'waiting-overlap')
      this.overlapWaiters++; // waits in job.live until the running one ends
    else if (phase === 'waiting-catch-up') this.catchUpLane.push(run);
    else if (phase === 'waiting-slot') this.limiter.enqueue(run);
    if (run.trigger === 'catch-up' && (phase === 'running' || phase === 'waiting-slot')) this.catchUpActive = run;
  }

  /** Overlap replace: the new run `byRunId` takes the place of `old`. */
  replaceRun(old: LiveRun, byRunId: number): void {
    if (old.finished) return;
    const reason = `replaced by run ${byRunId}`;
    if (old.phase === 'running') this.cancelLive(old, reason);
    else {
      this.unqueue(old);
      this.finishUnstarted(old, reason);
      this.pump();
    }
  }

  /** A scheduled fire (run `byRunId`) takes the place of a catch-up run that has not started: it ends `skipped`. */
  supersede(old: LiveRun, byRunId: number): void {
    if (old.finished || old.phase === 'running') return;
    this.unqueue(old);
    this.finishUnstarted(
      old,
      `superseded by run ${byRunId}, the scheduled fire that came while this catch-up waited`,
      'skipped',
    );
    this.pump();
  }

  /** Stops a running run (it ends `interrupted`) or drops a queued one. False when the run is not live. */
  cancel(runId: number): boolean {
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

  /** The job left the job set: running runs finish, runs that had not started yet go with it. */
  dropUnstarted(job: JobEntry, reason: string): void {
    for (const run of [...(job.live ?? [])]) {
      if (run.phase === 'running') continue;
      this.unqueue(run);
      this.finishUnstarted(run, reason);
    }
  }

  /** A queued run got its slot. */
  startQueued(run: LiveRun): void {
    if (run.finished) {
      this.limiter.release();
      return;
    }
    run.phase = 'running';
    run.action = this.startAction(run.job, run.id, run.scheduledFor, run.attempt, run.parent);
    this.watchAction(run);
    const now = this.host.clock.now();
    try {
      this.host.writeHeldRows();
      const record = this.host.store.updateRun(run.id, {
        status: 'running',
        startedAt: now,
        pid: run.action?.pid ?? null,
        pgid: run.action?.pid ?? null,
      });
      this.host.emit('run:started', record);
    } catch (error) {
      this.host.log(`could not record the start of run ${run.id}: ${String(error)}`);
    }
  }

  /** The overlap decision for a new run of `job` (overlap.ts), counting other processes' runs. */
  decide(
    job: JobEntry,
    trigger: RunTrigger,
    scheduledFor: number | null,
    attempt: number,
    retryOf: number | null,
    reason: string | null = null,
  ): Plan {
    return decideOverlap(job, this.host.foreign, trigger, scheduledFor, attempt, retryOf, reason);
  }

  /** Why a new run of `job` would be refused right now (manual runs, `canRunNow`), or null. */
  refusal(job: JobEntry): string | null {
    return overlapRefusal(job, this.host.foreign);
  }

  /** A retry came due: its decision goes into `plans`, or it is dropped with a log line. */
  retryDue(entry: RetryEntry, pausedAll: boolean, plans: Plan[]): void {
    const job = entry.job;
    if (job.removed || !job.spec.enabled) {
      this.host.log(
        `retry of run ${entry.retryOf} dropped: job ${job.spec.id} was ${job.removed ? 'removed' : 'disabled'}`,
      );
      return;
    }
    if (job.state.paused || pausedAll) {
      plans.push(
        decidedPlan(
          job,
          'skipped',
          'retry',
          entry.scheduledFor,
          job.state.paused ? 'paused' : 'paused (all)',
          entry.attempt,
          entry.retryOf,
        ),
      );
      return;
    }
    const of = `retry ${entry.attempt - 1} of ${job.spec.retry.attempts} (after run ${entry.after} failed)`;
    const plan = this.decide(job, 'retry', entry.scheduledFor, entry.attempt, entry.retryOf, of);
    if (entry.parent !== null) plan.parent = entry.parent;
    plans.push(plan);
  }

  /** Shutdown, first step: every run that has not started ends here, with `reason`. Returns how many. */
  dropWaiting(reason: string): number {
    const waiting = [...this.runs.values()].filter((run) => run.phase !== 'running');
    this.limiter.clear();
    this.catchUpLane.length = 0;
    this.catchUpActive = null;
    if (waiting.length > 0)
      this.host.store.transaction(() => waiting.forEach((run) => this.finishUnstarted(run, reason)));
    return waiting.length;
  }

  /** Shutdown, then: running runs get `graceMs`, then are stopped; a runner that never reports gets its row written. */
  async stopRunning(graceMs: number, cancelWaitMs: number, reason: string): Promise<number> {
    this.host.emit('stopping', { running: this.runs.size });
    if (this.runs.size > 0 && graceMs > 0) await this.waitForIdle(graceMs);
    const left = [...this.runs.values()];
    if (left.length > 0) {
      for (const run of left) this.cancelLive(run, reason);
      await this.waitForIdle(cancelWaitMs);
      for (const run of [...this.runs.values()])
        this.finish(run, {
          status: 'interrupted',
          exitCode: null,
          signal: null,
          reason,
          outputTail: Buffer.alloc(0),
          outputBytes: 0,
        });
    }
    this.finishRows.flush();
    return left.length;
  }

  /** After a start batch wrote rows: end rows that waited for them can go. */
  rowsWritten(): void {
    if (this.finishRows.pending) this.finishRows.flushSoon();
  }

  private cancelLive(run: LiveRun, reason: string): void {
    if (run.cancelReason === null) run.cancelReason = reason;
    try {
      run.action?.cancel(reason);
    } catch (error) {
      this.host.log(`cancel of run ${run.id} failed: ${String(error)}`);
    }
  }

  /** Forwards a started run's output and records its end. */
  private watchAction(run: LiveRun): void {
    const action = run.action!;
    const jobId = run.job.spec.id;
    run.unsubscribe = action.onOutput((chunk) => this.host.emit('run:output', { runId: run.id, jobId, chunk }));
    action.done.then(
      (result) => this.finish(run, result),
      (error: unknown) =>
        this.finish(run, {
          status: 'failed',
          exitCode: null,
          signal: null,
          reason: `the runner failed: ${String(error)}`,
          outputTail: Buffer.alloc(0),
          outputBytes: 0,
        }),
    );
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
      finishedAt: this.host.clock.now(),
    };
    const reason = interruptedBy ?? result.reason;
    if (reason !== null) patch.reason = reason;
    this.finishRows.add(run.id, patch);

    const fromSlot = this.limiter.release();
    if (this.catchUpActive === run) this.catchUpActive = null;
    const { stopping } = this.host.flags;
    const retrying =
      !stopping && !interruptedBy && isRetryable(result.status) && !run.job.removed && this.scheduleRetry(run);
    // Only the final attempt's ending starts (or holds back) the job's chain children.
    if (!stopping && !retrying) this.host.runEnded(run, patch.status!);
    if (stopping) {
      this.host.emit('stopping', { running: this.runs.size });
      if (this.runs.size === 0) this.onIdle?.();
      this.host.statusChanged();
      return;
    }
    for (const next of fromSlot) this.startQueued(next);
    this.pump();
    this.host.arm();
    this.host.statusChanged();
  }

  /** A run that never started: its row becomes interrupted (or skipped: superseded). */
  private finishUnstarted(run: LiveRun, reason: string, status: 'interrupted' | 'skipped' = 'interrupted'): void {
    if (run.finished) return;
    run.finished = true;
    this.forget(run);
    if (this.catchUpActive === run) this.catchUpActive = null;
    try {
      const record = this.host.store.updateRun(run.id, { status, reason, finishedAt: this.host.clock.now() });
      this.host.emit('run:finished', record);
    } catch (error) {
      this.host.log(`could not record run ${run.id}: ${String(error)}`);
    }
    this.host.statusChanged();
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
    if (this.host.flags.stopping) return;
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

  /** Queues the next attempt; false when the job's retries are used up. */
  private scheduleRetry(run: LiveRun): boolean {
    const delay = retryDelay(run.job.spec.retry, run.attempt);
    if (delay === null) return false;
    const entry: ControlEntry = {
      kind: 'retry',
      job: run.job,
      scheduledFor: run.scheduledFor,
      attempt: run.attempt + 1,
      retryOf: run.retryOf ?? run.id,
      after: run.id,
      parent: run.parent,
      at: 0,
      seq: 0,
      heapIndex: -1,
    };
    this.host.scheduleControl(entry, this.host.clock.now() + delay);
    return true;
  }

  private waitForIdle(timeoutMs: number): Promise<void> {
    if (this.runs.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      let timer: TimerHandle | null = null;
      const done = () => {
        if (timer !== null) this.host.clock.clearTimeout(timer);
        this.onIdle = null;
        resolve();
      };
      timer = this.host.clock.setTimeout(done, timeoutMs);
      this.onIdle = done;
    });
  }
}

function failedToStart(error: unknown): RunningAction {
  const result: ActionResult = {
    status: 'failed',
    exitCode: null,
    signal: null,
    reason: `could not start: ${String(error)}`,
    outputTail: Buffer.alloc(0),
    outputBytes: 0,
  };
  return { pid: null, done: Promise.resolve(result), cancel: () => {}, onOutput: () => () => {} };
}
