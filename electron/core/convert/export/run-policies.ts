/**
 * The run policies (overlap, catch-up, retries, timeout) a target may or may not honour, said once so the four
 * targets word their losses alike. With `--exec cronbar`, `cronbar run` keeps timeout, retries and notifications;
 * overlap and catch-up are decided by the target's scheduler, which starts the run.
 */
import type { JobSpec } from '../../../../shared/config/schema';
import { formatDuration } from '../../../../shared/config/duration';
import type { JobLosses } from './losses';

/** systemd and launchd never start a job that is still running: overlap `skip`. Other policies become that. */
export function overlapAsSkip(job: JobSpec, target: string, losses: JobLosses): void {
  if (job.overlap === 'skip') return;
  const what = {
    queue: 'a fire while the job runs is skipped, not queued after it',
    parallel: 'a fire while the job runs is skipped, not run beside it',
    replace: 'a fire while the job runs is skipped; the running one is not stopped and replaced',
  }[job.overlap];
  losses.warn(`overlap ${job.overlap}: ${target} never starts a job that is still running, so ${what}`);
}

/** Catch-up where the target runs one coalesced missed fire, at any age (systemd Persistent=, launchd at wake). */
export function catchUpAsOnce(job: JobSpec, target: string, losses: JobLosses): void {
  const { policy, windowMs, max } = job.catchUp;
  if (policy === 'skip') return;
  const window = `Cronbar catches up only within ${formatDuration(windowMs)} (catchUp.window); ${target} runs a missed fire however old it is`;
  if (policy === 'all')
    losses.warn(`catchUp all: ${target} runs the missed fires once, not each (up to ${max}); ${window}`);
  else losses.warn(`catchUp once: ${window}`);
}

/** Retries the target cannot express natively. */
export function retriesDropped(job: JobSpec, target: string, losses: JobLosses): void {
  if (job.retry.attempts === 0) return;
  losses.warn(
    `retry: ${target} does not retry a failed run (Cronbar retries ${job.retry.attempts} time${job.retry.attempts === 1 ? '' : 's'}, ${formatDuration(job.retry.delayMs)} apart at first); use --exec cronbar to keep them`,
  );
}

/** A job Cronbar would not run now (disabled, or paused in the store). */
export function inactiveReason(job: JobSpec, pausedIds: ReadonlySet<string>): string | null {
  if (!job.enabled) return 'disabled in the jobs file';
  if (pausedIds.has(job.id)) return 'paused in Cronbar';
  return null;
}

export const secondsOf = (ms: number): number => Math.ceil(ms / 1000);
