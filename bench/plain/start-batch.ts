/**
 * Plain stand-in for engine/start-batch.ts: one LiveRun object per run, built as the run starts, in one loop; the
 * rows written in one transaction after the starts as there (that order is run-ids.ts's, not this file's).
 */
import type { RunRecord } from '../../shared/model';
import type { Clock, NewRun, Store } from '../../electron/core/ports';
import type { Emit, EngineFlags, JobEntry, LiveRun, Plan } from '../../electron/core/engine/engine-types';
import type { ForeignRuns } from '../../electron/core/engine/foreign-runs';
import type { RunIds } from '../../electron/core/engine/run-ids';
import type { RunLifecycle } from '../../electron/core/engine/run-lifecycle';

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

/** A run of the batch: its plan (null for a scheduled fire with nothing live) and its live run (null: decided). */
interface Started {
  plan: Plan | null;
  job: JobEntry;
  run: LiveRun | null;
}

export class StartBatch {
  private heldRows: NewRun[] = [];
  private readonly heldStates = new Set<JobEntry>();

  constructor(private readonly host: StartBatchHost) {}

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
    const started: Started[] = [];
    for (const plan of plans) started.push(this.startPlan(plan, firstId + started.length));
    for (const job of due) started.push(this.startScheduled(job, firstId + started.length));
    for (const { plan, run } of started) {
      if (!run) continue;
      if (plan) plan.run = run;
      this.host.runs.track(run);
    }
    afterStart?.();
    const records = this.writeRows(
      started.map((item, index) => this.rowOf(item, firstId + index, now)),
      due,
    );
    if (records) {
      records.forEach((record, index) =>
        this.host.emit(
          !started[index]!.run ? 'run:finished' : record.status === 'running' ? 'run:started' : 'run:queued',
          record,
        ),
      );
    }
    for (const { plan } of started) {
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

  private startPlan(plan: Plan, id: number): Started {
    const runs = this.host.runs;
    const phase = plan.decided ? null : runs.admissionPhase(plan);
    const action = phase === 'running' ? runs.startAction(plan.job, id, plan.scheduledFor, plan.attempt) : null;
    return { plan, job: plan.job, run: phase === null ? null : this.liveRun(id, plan.job, plan, phase, action) };
  }

  private startScheduled(job: JobEntry, id: number): Started {
    const runs = this.host.runs;
    const foreign = this.host.foreign;
    if (job.live === null && foreign.get(job.spec.id) === undefined) {
      const phase = runs.tryAcquireSlot() ? 'running' : 'waiting-slot';
      const action = phase === 'running' ? runs.startAction(job, id, job.nominal!, 1) : null;
      return { plan: null, job, run: this.liveRun(id, job, null, phase, action) };
    }
    const plan = runs.decide(job, 'schedule', job.nominal!, 1, null);
    const phase = plan.decided ? null : runs.admissionPhase(plan);
    const action = phase === 'running' ? runs.startAction(job, id, job.nominal!, 1) : null;
    return { plan, job, run: phase === null ? null : this.liveRun(id, job, plan, phase, action) };
  }

  private liveRun(
    id: number,
    job: JobEntry,
    plan: Plan | null,
    phase: LiveRun['phase'],
    action: LiveRun['action'],
  ): LiveRun {
    return {
      id,
      job,
      trigger: plan ? plan.trigger : 'schedule',
      scheduledFor: plan ? plan.scheduledFor : job.nominal,
      attempt: plan ? plan.attempt : 1,
      retryOf: plan ? plan.retryOf : null,
      parent: plan ? (plan.parent ?? null) : null,
      phase,
      action,
      cancelReason: null,
      unsubscribe: null,
      finished: false,
    };
  }

  private rowOf({ plan, job, run }: Started, id: number, now: number): NewRun {
    const running = run !== null && run.phase === 'running';
    const pid = running ? (run.action?.pid ?? null) : null;
    return {
      id,
      jobId: job.spec.id,
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
      ownerPid: process.pid,
    };
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
