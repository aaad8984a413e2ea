/** When a failed run is retried: pure, so the backoff can be shown and tested without running anything. */
import type { JobSpec } from '../../../shared/config/schema';
import type { ActionResult } from '../ports';

/** Only failures the job itself produced are retried; a cancel or a shutdown is the admin's decision. */
export function isRetryable(status: ActionResult['status'] | string): boolean {
  return status === 'failed' || status === 'timed-out';
}

/**
 * The delay before retry number `retryNumber` (1 = the first retry after the first failure), or null when the
 * job's retries are used up. `retry.attempts` counts retries, not runs: attempts 2 means up to 3 runs.
 */
export function retryDelay(retry: JobSpec['retry'], retryNumber: number): number | null {
  if (retryNumber < 1 || retryNumber > retry.attempts) return null;
  const delay = retry.delayMs * Math.pow(retry.backoff, retryNumber - 1);
  return Math.max(0, Math.min(delay, retry.maxDelayMs));
}
