/**
 * The overlap decision for one new run of a job: refused (with the reason its row will carry), waiting for the
 * job's running run (queue), replacing the live runs (replace), or free to go. Pure over the job's live runs and
 * the other processes' runs (foreign-runs.ts); admission to the concurrency limit comes after, in run-lifecycle.ts.
 *
 * A scheduled fire supersedes the job's catch-up runs that have not started yet (still in the catch-up lane or a
 * queue): it is decided as if they were not there, and if it runs or waits they end `skipped`, naming it. Behind a
 * long backlog of other jobs' catch-up runs, a job's own schedule would otherwise be skipped as "still queued".
 */
import type { JobSpec } from '../../../shared/config/schema';
import type { RunTrigger } from '../../../shared/model';
import { type JobEntry, type LiveRun, type Plan, decidedPlan, plainPlan } from './engine-types';
import type { ForeignRun, ForeignRuns } from './foreign-runs';

/** Why the overlap policy refuses a new run right now, or null. `ignore`: live runs the new one will supersede. */
export function overlapRefusal(job: JobEntry, foreign: ForeignRuns, ignore: LiveRun[] | null = null): string | null {
  if (job.spec.overlap !== 'parallel' && foreign.size > 0) {
    const other = foreign.get(job.spec.id);
    if (other) return foreignRefusal(other, job.spec.overlap);
  }
  const live = ignore ? job.live?.filter((run) => !ignore.includes(run)) : job.live;
  if (!live || live.length === 0) return null;
  const first = live[0]!;
  if (job.spec.overlap === 'skip')
    return first.phase === 'running'
      ? `overlap: still running (run ${first.id})`
      : `overlap: run ${first.id} is still queued`;
  if (job.spec.overlap === 'queue') {
    const waiting = live.find((run) => run.phase !== 'running');
    if (waiting) return `overlap: run ${waiting.id} is already queued`;
  }
  return null;
}

export function decideOverlap(
  job: JobEntry,
  foreign: ForeignRuns,
  trigger: RunTrigger,
  scheduledFor: number | null,
  attempt: number,
  retryOf: number | null,
  reason: string | null = null,
): Plan {
  const superseded = trigger === 'schedule' ? queuedCatchUps(job) : null;
  const refusal = overlapRefusal(job, foreign, superseded);
  if (refusal) return decidedPlan(job, 'skipped', trigger, scheduledFor, refusal, attempt, retryOf);
  const plan = plainPlan(job, trigger, scheduledFor, attempt, retryOf, reason);
  const live = superseded ? job.live!.filter((run) => !superseded.includes(run)) : job.live;
  if (live && live.length > 0) {
    if (job.spec.overlap === 'queue') plan.waitForOverlap = true;
    if (job.spec.overlap === 'replace') plan.replace = [...live];
  }
  plan.supersede = superseded;
  return plan;
}

/** The job's catch-up runs that have not started, or null (the usual case: no array made). */
function queuedCatchUps(job: JobEntry): LiveRun[] | null {
  const live = job.live;
  if (!live || !live.some(isQueuedCatchUp)) return null;
  return live.filter(isQueuedCatchUp);
}

function isQueuedCatchUp(run: LiveRun): boolean {
  return run.trigger === 'catch-up' && run.phase !== 'running';
}

/** Queue and replace cannot act on another process's run: it is not this engine's to wait for or to stop. */
function foreignRefusal(other: ForeignRun, overlap: JobSpec['overlap']): string {
  const reason = `overlap: run #${other.id} started by another Cronbar process (pid ${other.ownerPid}) is still running`;
  if (overlap === 'queue') return `${reason} (queue cannot wait for another process's run)`;
  if (overlap === 'replace') return `${reason} (replace cannot stop another process's run)`;
  return reason;
}
