/**
 * Duration statistics of a job from its history: median and p95 of the last 50 successful runs, and the recent
 * finished runs for the chart, each marked slow by shared/slow-run.ts.
 */
import type { DurationStats, RunRecord } from '../../../shared/model';
import { isSlowDuration } from '../../../shared/slow-run';

export const STATS_SAMPLE = 50;

const durationOf = (run: RunRecord) =>
  run.startedAt !== null && run.finishedAt !== null ? run.finishedAt - run.startedAt : null;

/** Nearest-rank percentile of sorted values (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** `successes` and `finished` are newest first, as the store returns them. */
export function durationStats(
  jobId: string,
  successes: readonly RunRecord[],
  finished: readonly RunRecord[],
): DurationStats {
  const sample = successes
    .slice(0, STATS_SAMPLE)
    .map(durationOf)
    .filter((value): value is number => value !== null)
    .sort((a, b) => a - b);
  const medianMs = median(sample);
  const runs = finished
    .slice(0, STATS_SAMPLE)
    .flatMap((run) => {
      const durationMs = durationOf(run);
      return durationMs === null
        ? []
        : [
            {
              runId: run.id,
              startedAt: run.startedAt!,
              durationMs,
              status: run.status,
              slow: isSlowDuration(durationMs, medianMs),
            },
          ];
    })
    .reverse();
  return { jobId, medianMs, p95Ms: percentile(sample, 95), sampleSize: sample.length, runs };
}
