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
  log(line: string): void;
}

/**
 * The wall clock was set back past the job's last handled fire (NTP correcting a wrong RTC, a restored VM snapshot).
 * Scheduling after that fire would leave the job silent for as long as the clock went back. Of the two gaps the job
 * can leave after the run it already had — follow the new clock (next fire from now) or wait for the fire after the
 * one it ran — the one nearer its own interval wins: a job firing every minute follows the new clock, a nightly job
 * whose 02:00 run is a few minutes old waits for tomorrow rather than run 02:00 again (cron's rule for small steps
 * back). Following moves lastFireAt to now, so no catch-up is planned for the abandoned future. Returns the log line
 * for a job that waits, null otherwise.
 */
export function followSetBackClock(
  job: JobEntry,
  now: number,
  calculator: CatchUpAdmissionHost['fires']['calculator'],
): string | null {
  const last = job.state.lastFireAt;
  if (last === null || last <= now) return null;
  const state = job.state;
  const schedule = job.spec.schedule;
  // An `every:` job's fires count from its anchor; an anchor now in the future moves back by whole intervals.
  const anchorBack =
    schedule.kind === 'every' && state.anchorAt !== null && state.anchorAt > now
      ? Math.ceil((state.anchorAt - now) / schedule.everyMs) * schedule.everyMs
      : 0;
  const ref = { ...refOf(job), anchorAt: state.anchorAt === null ? null : state.anchorAt - anchorBack };
  const nextOnNewClock = calculator.nextAfter(ref, now - ON_TIME_GRACE_MS);
  const afterLast = calculator.nextAfter(ref, last);
  const interval = afterLast === null ? Infinity : afterLast - last;
  // Following shortens the gap by up to `interval - (nextOnNewClock - now)`; waiting lengthens it by `last - now`.
  if (nextOnNewClock === null || interval - (nextOnNewClock - now) < last - now) {
    state.lastFireAt = now - ON_TIME_GRACE_MS;
    state.anchorAt = ref.anchorAt;
    return null;
  }
  const next = afterLast === null ? 'none' : new Date(afterLast).toISOString();
  return `${job.spec.id}: its fire of ${new Date(last).toISOString()} ran before the wall clock was set back; not run again (next ${next})`;
}

export function admitKnownJob(
  host: CatchUpAdmissionHost,
  job: JobEntry,
  now: number,
  plans: Plan[],
  memo: FireMemo,
): void {
  const { fires, pause, runs } = host;
  const waits = followSetBackClock(job, now, fires.calculator);
  if (waits !== null) host.log(waits);
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
