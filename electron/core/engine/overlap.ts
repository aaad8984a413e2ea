/**
 * The overlap decision for one new run of a job: refused (with the reason its row will carry), waiting for the
 * job's running run (queue), replacing the live runs (replace), or free to go. Pure over the job's live runs and
 * the other processes' runs (foreign-runs.ts); admission to the concurrency limit comes after, in run-lifecycle.ts.
 */
import type { JobSpec } from '../../../shared/config/schema';
import type { RunTrigger } from '../../../shared/model';
import { type JobEntry, type Plan, decidedPlan, plainPlan } from './engine-types';
import type { ForeignRun, ForeignRuns } from './foreign-runs';

/** Why the overlap policy refuses a new run right now, or null. */
export function overlapRefusal(job: JobEntry, foreign: ForeignRuns): string | null {
  if (job.spec.overlap !== 'parallel' && foreign.size > 0) {
    const other = foreign.get(job.spec.id);
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

export function decideOverlap(job: JobEntry, foreign: ForeignRuns, trigger: RunTrigger, scheduledFor: number | null, attempt: number, retryOf: number | null, reason: string | null = null): Plan {
  const refusal = overlapRefusal(job, foreign);
  if (refusal) return decidedPlan(job, 'skipped', trigger, scheduledFor, refusal, attempt, retryOf);
  const plan = plainPlan(job, trigger, scheduledFor, attempt, retryOf, reason);
  const live = job.live;
  if (live && live.length > 0) {
    if (job.spec.overlap === 'queue') plan.waitForOverlap = true;
    if (job.spec.overlap === 'replace') plan.replace = [...live];
  }
  return plan;
}

/** Queue and replace cannot act on another process's run: it is not this engine's to wait for or to stop. */
function foreignRefusal(other: ForeignRun, overlap: JobSpec['overlap']): string {
  const reason = `overlap: run #${other.id} started by another Cronbar process (pid ${other.ownerPid}) is still running`;
  if (overlap === 'queue') return `${reason} (queue cannot wait for another process's run)`;
  if (overlap === 'replace') return `${reason} (replace cannot stop another process's run)`;
  return reason;
}
