/**
 * Chains (`after:`) in the engine: when a run of this engine ends for good (no retry follows), the pure planner
 * (chains.ts) says which children start and which are held back; each becomes a control entry of the fire path, due
 * after the link's `delay` (a held-back row at once). When it comes due the child is admitted like any run (overlap,
 * concurrency limit, pause, retries), with trigger `chain` and its parent's run named on its row.
 *
 * Like retries, a pending delayed start lives in memory only: one pending when Cronbar stops is dropped.
 */
import type { JobSpec } from '../../../shared/config/schema';
import type { RunStatus } from '../../../shared/model';
import type { Clock } from '../ports';
import { type ChainIndex, chainIndex, planChildren } from './chains';
import {
  type ChainEntry,
  type ControlEntry,
  type JobEntry,
  type LiveRun,
  type Plan,
  decidedPlan,
} from './engine-types';
import type { RunLifecycle } from './run-lifecycle';

export interface ChainStartsHost {
  clock: Clock;
  log(line: string): void;
  job(jobId: string): JobEntry | undefined;
  scheduleControl(entry: ControlEntry, at: number): void;
  allPaused(): boolean;
  runs: Pick<RunLifecycle, 'decide'>;
}

export class ChainStarts {
  private index: ChainIndex = new Map();

  constructor(private readonly host: ChainStartsHost) {}

  /** The jobs list changed: who starts whom. */
  reindex(jobs: Iterable<JobSpec>): void {
    this.index = chainIndex(jobs);
  }

  /** A run of this engine ended with no retry to follow: its children's entries go into the control queue. */
  parentEnded(run: LiveRun, status: RunStatus): void {
    if (this.index.size === 0) return;
    const parent = { jobId: run.job.spec.id, runId: run.id };
    const steps = planChildren({ ...parent, status }, this.index);
    if (steps.length === 0) return;
    const now = this.host.clock.now();
    for (const step of steps) {
      const job = this.host.job(step.child);
      if (!job) continue;
      const entry: ControlEntry = {
        kind: 'chain',
        job,
        parent,
        skip: step.kind === 'skip',
        reason: step.reason,
        at: 0,
        seq: 0,
        heapIndex: -1,
      };
      this.host.scheduleControl(entry, now + (step.kind === 'start' ? step.delayMs : 0));
    }
  }

  /** A chain entry came due: the child's run (or its skipped row) goes into `plans`. */
  due(entry: ChainEntry, plans: Plan[]): void {
    const { job, parent, reason } = entry;
    if (job.removed || !job.spec.enabled) {
      this.host.log(
        `${job.spec.id} not started ${reason}: the job was ${job.removed ? 'removed' : 'disabled'} meanwhile`,
      );
      return;
    }
    let plan: Plan;
    if (entry.skip) plan = decidedPlan(job, 'skipped', 'chain', null, reason);
    else if (job.state.paused || this.host.allPaused())
      plan = decidedPlan(job, 'skipped', 'chain', null, `${job.state.paused ? 'paused' : 'paused (all)'}: ${reason}`);
    else plan = this.host.runs.decide(job, 'chain', null, 1, null, reason);
    plan.parent = parent;
    plans.push(plan);
  }
}
