/**
 * Every fire in a range, counted per job and per time bucket: what the timeline draws. Counts, not fire objects, so a
 * week at 1 000 jobs stays a few thousand numbers; every fire is counted (no cap), from the same calculator and
 * jitter the fire path uses. Jobs on one cron expression and zone share one walk of croner.
 */
import { type JobEntry, refOf } from './engine-types';
import { jitterOffset } from './jitter';
import type { ScheduleCalculator } from './schedule-calculator';

export interface FireDensityQuery {
  from: number;
  to: number;
  bucketMs: number;
  tag?: string;
}

export interface JobFireDensity {
  jobId: string;
  name: string;
  tags: string[];
  total: number;
  /** Flat sparse pairs: bucket index, count, … ascending. */
  buckets: number[];
}

export interface FireDensityResult {
  from: number;
  to: number;
  bucketMs: number;
  total: number;
  jobs: JobFireDensity[];
}

/** Nominal fires in (after, until], walked once per cron expression and zone and shared by the jobs on it. */
type SharedWalks = Map<string, number[]>;

function nominalFires(
  calculator: ScheduleCalculator,
  job: JobEntry,
  after: number,
  until: number,
  shared: SharedWalks,
): number[] {
  const ref = refOf(job);
  const walk = () => {
    const fires: number[] = [];
    for (let cursor = after; ;) {
      const next = calculator.nextAfter(ref, cursor);
      if (next === null || next > until) return fires;
      fires.push(next);
      cursor = next;
    }
  };
  if (job.spec.schedule.kind !== 'cron') return walk();
  const key = `${job.key}\u0000${after}\u0000${until}`;
  let fires = shared.get(key);
  if (!fires) shared.set(key, (fires = walk()));
  return fires;
}

/** `every:` without jitter: each bucket's count by arithmetic, so an every-second job over a week costs 672 steps. */
function countEvery(first: number, everyMs: number, query: FireDensityQuery, buckets: number[]): number {
  let total = 0;
  const bucketCount = Math.ceil((query.to - query.from) / query.bucketMs);
  const firstBucket = Math.max(0, Math.floor((first - query.from) / query.bucketMs));
  for (let index = firstBucket; index < bucketCount; index++) {
    const start = Math.max(query.from + index * query.bucketMs, first);
    const end = Math.min(query.from + (index + 1) * query.bucketMs, query.to); // exclusive
    if (end <= start) continue;
    // Fires first + k·everyMs with start <= t < end.
    const lowest = Math.ceil((start - first) / everyMs);
    const highest = Math.ceil((end - first) / everyMs) - 1;
    const count = highest - lowest + 1;
    if (count > 0) {
      buckets.push(index, count);
      total += count;
    }
  }
  return total;
}

export function fireDensity(
  jobs: Iterable<JobEntry>,
  calculator: ScheduleCalculator,
  query: FireDensityQuery,
): FireDensityResult {
  const shared: SharedWalks = new Map();
  const result: JobFireDensity[] = [];
  let total = 0;
  for (const job of jobs) {
    const tags = job.spec.tags;
    if (query.tag !== undefined && !tags.includes(query.tag)) continue;
    const { id, jitterMs, schedule } = job.spec;
    const buckets: number[] = [];
    let jobTotal = 0;
    if (schedule.kind === 'every' && jitterMs <= 0) {
      const first = calculator.nextAfter(refOf(job), query.from - 1);
      if (first !== null && first < query.to) jobTotal = countEvery(first, schedule.everyMs, query, buckets);
    } else {
      // Jitter only delays, by less than jitterMs: a fire due up to jitterMs before `from` may land inside.
      const nominals = nominalFires(calculator, job, query.from - 1 - Math.max(0, jitterMs), query.to - 1, shared);
      let lastIndex = -1;
      for (const nominal of nominals) {
        const at = nominal + jitterOffset(id, nominal, jitterMs);
        if (at < query.from || at >= query.to) continue;
        const index = Math.floor((at - query.from) / query.bucketMs);
        // Jitter can reorder neighbours across a bucket edge only by less than one bucket: merge with the last pair.
        if (index === lastIndex) buckets[buckets.length - 1]!++;
        else buckets.push(index, 1);
        lastIndex = index;
        jobTotal++;
      }
      if (jitterMs > 0) normalise(buckets);
    }
    if (jobTotal === 0) continue;
    total += jobTotal;
    result.push({ jobId: id, name: job.spec.name, tags, total: jobTotal, buckets });
  }
  result.sort((a, b) => a.name.localeCompare(b.name) || a.jobId.localeCompare(b.jobId));
  return { from: query.from, to: query.to, bucketMs: query.bucketMs, total, jobs: result };
}

/** Sorts pairs by bucket and merges repeats (jitter may put a fire before its predecessor's bucket). */
function normalise(buckets: number[]): void {
  const counts = new Map<number, number>();
  for (let i = 0; i < buckets.length; i += 2) counts.set(buckets[i]!, (counts.get(buckets[i]!) ?? 0) + buckets[i + 1]!);
  buckets.length = 0;
  for (const index of [...counts.keys()].sort((a, b) => a - b)) buckets.push(index, counts.get(index)!);
}
