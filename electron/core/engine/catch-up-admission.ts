/**
 * Admitting a job whose last handled fire is known (at start, on resync, a job back in a reloaded list): a timed
 * pause that ended meanwhile is recorded, the fires missed since are turned into `missed` rows or catch-up runs by
 * the job's policy (catch-up.ts decides which), and its next fire is queued. Decides nothing about when the catch-up
 * runs start: they go through run-lifecycle.ts's catch-up lane like any run.
 */
import { planCatchUp } from './catch-up';
import {
  type FireMemo,
  type JobEntry,
  ON_TIME_GRACE_MS,
  type Plan,
  decidedPlan,
  isSchedulable,
  refOf,
} from './engine-types';
import type { NextFires } from './next-fires';
import type { PauseControl } from './pause-control';
import type { RunLifecycle } from './run-lifecycle';

export interface CatchUpAdmissionHost {
  fires: Pick<NextFires, 'scheduleNext' | 'calculator'>;
  pause: Pick<PauseControl, 'expireIfDue' | 'armResume' | 'allPaused'>;
  runs: Pick<RunLifecycle, 'decide'>;
}

export function admitKnownJob(
  host: CatchUpAdmissionHost,
  job: JobEntry,
  now: number,
  plans: Plan[],
  memo: FireMemo,
): void {
  const { fires, pause, runs } = host;
  pause.expireIfDue(job, now, plans);
  if (isSchedulable(job) && !job.state.paused && !pause.allPaused && job.state.lastFireAt !== null) {
    const plan = planCatchUp(
      { ref: refOf(job), catchUp: job.spec.catchUp, lastFireAt: job.state.lastFireAt, now, graceMs: ON_TIME_GRACE_MS },
      fires.calculator,
    );
    for (const missed of plan.missed)
      plans.push(decidedPlan(job, 'missed', 'schedule', missed.scheduledFor, missed.reason));
    for (const run of plan.runs) plans.push(runs.decide(job, 'catch-up', run.scheduledFor, 1, null, run.reason));
    if (plan.lastHandled !== null) job.state.lastFireAt = Math.max(job.state.lastFireAt, plan.lastHandled);
  }
  fires.scheduleNext(job, Math.max(now - ON_TIME_GRACE_MS, job.state.lastFireAt ?? now), memo);
  if (job.state.paused) pause.armResume(job);
}
