/**
 * Flapping: a job that keeps changing between failure and success. Each change is a flip; more than `limit` flips
 * within FLAP_WINDOW_MS make the job flapping, which is said once, and then nothing more is said about it (no failure,
 * no recovery) until it settles: a whole FLAP_WINDOW_MS without a flip. Pure: every call takes `now`.
 */

export const FLAP_WINDOW_MS = 3_600_000;
/** More flips than this within the window is flapping (fail, ok, fail, ok, fail, ok: five flips). */
export const DEFAULT_FLAP_LIMIT = 4;

export type FlapVerdict =
  /** Just became flapping: say so, once. */
  | { state: 'started'; flips: number }
  /** Still flapping: say nothing about this run. */
  | { state: 'flapping' }
  /** Not flapping (any more): the usual rules apply. */
  | { state: 'stable' };

interface JobFlaps {
  last: 'failed' | 'succeeded' | null;
  flips: number[];
  flapping: boolean;
}

export class FlapDetector {
  private readonly jobs = new Map<string, JobFlaps>();

  /** `limit` false: the job asked not to be judged (notify.flapping: false). */
  record(jobId: string, outcome: 'failed' | 'succeeded', now: number, limit: number | false): FlapVerdict {
    let job = this.jobs.get(jobId);
    if (!job) {
      job = { last: null, flips: [], flapping: false };
      this.jobs.set(jobId, job);
    }
    const flipped = job.last !== null && job.last !== outcome;
    job.last = outcome;
    if (limit === false) return { state: 'stable' };
    if (job.flapping) {
      const lastFlip = job.flips.at(-1) ?? now;
      if (now - lastFlip >= FLAP_WINDOW_MS) {
        // Settled: a whole window without a change. This run is judged as usual; counting starts afresh.
        job.flapping = false;
        job.flips = flipped ? [now] : [];
        return { state: 'stable' };
      }
      if (flipped) job.flips.push(now);
      return { state: 'flapping' };
    }
    if (flipped) job.flips.push(now);
    job.flips = job.flips.filter((at) => now - at < FLAP_WINDOW_MS);
    if (job.flips.length > limit) {
      job.flapping = true;
      return { state: 'started', flips: job.flips.length };
    }
    return { state: 'stable' };
  }

  isFlapping(jobId: string): boolean {
    return this.jobs.get(jobId)?.flapping ?? false;
  }
}
