/**
 * The start batch, the second half of the fire path: starts what a tick (or a command) decided may start, then
 * writes the rows of all its plans and scheduled fires in one transaction, in the same synchronous turn. A run's id
 * is known before its row exists (run-ids.ts), so the action starts with its CRONBAR_RUN_ID and its row is written
 * a moment later, pid included. Rows the store refuses are held and written with the next batch (the runs have
 * started: their rows must not be lost). Decides no policy itself: overlap and admission are run-lifecycle.ts's.
 *
 * The loop over due jobs is the hot path: it keeps the batch as parallel arrays and builds the LiveRun objects only
 * after the last start, in small methods V8 keeps optimised; a plain loop building one object per run made p99
 * lateness at 10 000 jobs a second 32 % larger (bench/README.md, "Speed tricks").
 */
import type { RunRecord } from '../../../shared/model';
import type { Clock, NewRun, RunningAction, Store } from '../ports';
import type { Emit, EngineFlags, JobEntry, LiveRun, Plan, RunPhase } from './engine-types';
import type { ForeignRuns } from './foreign-runs';
import type { RunIds } from './run-ids';
import type { RunLifecycle } from './run-lifecycle';

export interface StartBatchHost {
  store: Store;
  clock: Clock;
  flags: Readonly<EngineFlags>;
  ids: RunIds;
  foreign: ForeignRuns;
  runs: Pick<
    RunLifecycle,
    | 'admissionPhase'
    | 'tryAcquireSlot'
    | 'startAction'
    | 'track'
    | 'replaceRun'
    | 'supersede'
    | 'decide'
    | 'rowsWritten'
  >;
  emit: Emit;
  log(line: string): void;
  statusChanged(): void;
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

export class StartBatch {
  /** Rows (and state rows) of runs that started but could not be written yet: written with the next batch. */
  private heldRows: NewRun[] = [];
  private readonly heldStates = new Set<JobEntry>();

  constructor(private readonly host: StartBatchHost) {}

  /**
   * Starts and records `plans` and the scheduled fires of `due` (decided here; their state rows are written with
   * the runs). `afterStart` runs between the starts and the write (the tick computes the next fires there). Throws
   * only when no run ids can be had, before anything started.
   */
  commit(plans: Plan[], due: JobEntry[] = [], afterStart?: () => void): void {
    const count = plans.length + due.length;
    if (count === 0) {
      afterStart?.();
      return;
    }
    const { clock, ids, flags } = this.host;
    const now = clock.now();
    const firstId = ids.take(count);
    if (flags.started) this.updateForeign();
    const batch: Batch = {
      plans: new Array<Plan | null>(count),
      due,
      firstId,
      phases: new Array<RunPhase | null>(count),
      actions: new Array<RunningAction | null>(count),
      runs: new Array<LiveRun | null>(count),
    };
    this.startPlanned(batch, plans);
    this.startDue(batch, plans.length);
    this.track(batch, plans.length);
    afterStart?.();
    const records = this.writeRows(this.rowsOf(batch, now), due);
    if (records) {
      // A queued run has not started: saying so only when its turn comes keeps logs and the window honest.
      records.forEach((record, index) =>
        this.host.emit(
          !batch.runs[index] ? 'run:finished' : record.status === 'running' ? 'run:started' : 'run:queued',
          record,
        ),
      );
    }
    // Replace and supersede: end the old runs now that the new one has an id to name.
    for (const plan of batch.plans) {
      if (!plan?.run) continue;
      if (plan.replace) for (const old of plan.replace) this.host.runs.replaceRun(old, plan.run.id);
      if (plan.supersede) for (const old of plan.supersede) this.host.runs.supersede(old, plan.run.id);
    }
    this.host.statusChanged();
  }

  /** Writes rows held back by a failing store; false while it still fails. */
  writeHeldRows(): boolean {
    return this.heldRows.length === 0 || this.writeRows([], []) !== null;
  }

  /** Learns of runs other processes started and of their ends (one read). */
  private updateForeign(): void {
    try {
      this.host.foreign.update();
    } catch (error) {
      this.host.log(`could not read the runs of other Cronbar processes: ${String(error)}`);
    }
  }

  /** Decides and starts the plans of a batch (retries, catch-up, manual runs, decided rows). */
  private startPlanned(batch: Batch, plans: Plan[]): void {
    const runs = this.host.runs;
    for (let index = 0; index < plans.length; index++) {
      const plan = plans[index]!;
      batch.plans[index] = plan;
      const phase = plan.decided ? null : runs.admissionPhase(plan);
      batch.phases[index] = phase;
      batch.actions[index] =
        phase === 'running'
          ? runs.startAction(plan.job, batch.firstId + index, plan.scheduledFor, plan.attempt, plan.parent ?? null)
          : null;
    }
  }

  /** Decides and starts the scheduled fires: the hot loop. A job with nothing live needs no Plan. */
  private startDue(batch: Batch, offset: number): void {
    const { due, phases, actions, plans, firstId } = batch;
    const runs = this.host.runs;
    // Almost always empty: then the fast path costs one null check.
    const foreign = this.host.foreign.size > 0 ? this.host.foreign : null;
    for (let position = 0; position < due.length; position++) {
      const job = due[position]!;
      let phase: RunPhase | null;
      const index = offset + position;
      if (job.live === null && (foreign === null || foreign.get(job.spec.id) === undefined)) {
        plans[index] = null;
        phase = runs.tryAcquireSlot() ? 'running' : 'waiting-slot';
      } else {
        const plan = runs.decide(job, 'schedule', job.nominal!, 1, null);
        plans[index] = plan;
        phase = plan.decided ? null : runs.admissionPhase(plan);
      }
      phases[index] = phase;
      actions[index] = phase === 'running' ? runs.startAction(job, firstId + index, job.nominal!, 1) : null;
    }
  }

  /** After the starts: the live runs of the batch, handed to the run lifecycle. */
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
        parent: plan ? (plan.parent ?? null) : null,
        phase,
        action: actions[index] ?? null,
        cancelReason: null,
        unsubscribe: null,
        finished: false,
      };
      runs[index] = run;
      if (plan) plan.run = run;
      this.host.runs.track(run);
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
        parentRunId: plan?.parent ? plan.parent.runId : null,
      };
    }
    return rows;
  }

  /**
   * One transaction: state rows, run rows, and the next block of run ids. When the store refuses, the rows are kept
   * and written with the next batch; returns null then.
   */
  private writeRows(rows: NewRun[], states: JobEntry[]): RunRecord[] | null {
    const { store, ids, flags } = this.host;
    const earlier = this.heldRows;
    const all = earlier.length > 0 ? earlier.concat(rows) : rows;
    for (const job of states) this.heldStates.add(job);
    try {
      const records = store.transaction(() => {
        for (const job of this.heldStates) if (!job.removed) store.saveJobState(job.state);
        const written = all.length > 0 ? store.insertRuns(all) : [];
        if (flags.started) ids.refill();
        return written;
      });
      this.heldRows = [];
      this.heldStates.clear();
      this.host.runs.rowsWritten();
      return earlier.length > 0 ? records.slice(earlier.length) : records;
    } catch (error) {
      // A reservation made inside the failed transaction was rolled back with it.
      ids.drop();
      this.heldRows = all;
      this.host.log(
        `could not record ${all.length} run rows yet (kept, written with the next batch): ${String(error)}`,
      );
      return null;
    }
  }
}
