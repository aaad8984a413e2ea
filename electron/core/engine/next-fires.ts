/**
 * Next fires: which job is due when. Owns the queue of next fires (jobs grouped by due time, fire-buckets.ts) and
 * the schedule arithmetic on it (jitter, memoised croner calls), and answers "what comes next" for the views.
 * Decides nothing about whether a fire runs (paused, overlap, limits): the callers check that before asking.
 */
import { type FireMemo, type JobEntry, isSchedulable, newMemo, refOf } from './engine-types';
import { FireBuckets } from './fire-buckets';
import { type FireDensityQuery, type FireDensityResult, fireDensity } from './fire-density';
import { FireQueue, type QueueEntry } from './fire-queue';
import { jitterOffset } from './jitter';
import type { ScheduleCalculator } from './schedule-calculator';

interface Cursor extends QueueEntry {
  job: JobEntry;
  nominal: number;
}

export class NextFires {
  private readonly queue = new FireBuckets<JobEntry>();

  constructor(readonly calculator: ScheduleCalculator) {}

  /** Queues the job's first fire strictly after `after` (none when disabled, paused or finished). */
  scheduleNext(job: JobEntry, after: number, memo: FireMemo): void {
    if (!isSchedulable(job) || job.state.paused) {
      this.unschedule(job);
      return;
    }
    const nominal = this.next(job, after, memo);
    if (nominal === null) {
      this.unschedule(job);
      return;
    }
    job.nominal = nominal;
    const due = nominal + jitterOffset(job.spec.id, nominal, job.spec.jitterMs);
    job.state.nextFireAt = due;
    this.queue.schedule(job, due);
  }

  /** The job's first nominal fire strictly after `after`, shared through `memo` by jobs on the same schedule. */
  next(job: JobEntry, after: number, memo: FireMemo): number | null {
    // every: is arithmetic on a per-job anchor: nothing to share.
    if (job.spec.schedule.kind === 'every') return this.calculator.nextAfter(refOf(job), after);
    let byAfter = memo.get(job.key);
    if (!byAfter) memo.set(job.key, (byAfter = new Map()));
    let next = byAfter.get(after);
    if (next === undefined) {
      next = this.calculator.nextAfter(refOf(job), after);
      byAfter.set(after, next);
    }
    return next;
  }

  unschedule(job: JobEntry): void {
    this.queue.remove(job);
    job.nominal = null;
    job.state.nextFireAt = null;
  }

  /** Same schedule, new spec: only jitter may have moved the queued fire. */
  rejitter(job: JobEntry): void {
    if (job.nominal !== null && this.queue.has(job))
      this.queue.schedule(job, job.nominal + jitterOffset(job.spec.id, job.nominal, job.spec.jitterMs));
  }

  has(job: JobEntry): boolean {
    return this.queue.has(job);
  }

  peekTime(): number | undefined {
    return this.queue.peekTime();
  }

  /** Takes every job due at `now`, earliest first (one array: the tick's hot loop walks it). */
  popDue(now: number): JobEntry[] {
    return this.queue.popDue(now);
  }

  /** The next `count` fires at or after `from` (default: the queued next fire onward), earliest first. */
  nextFires(job: JobEntry, count: number, from?: number): number[] {
    if (count <= 0 || !this.queue.has(job)) return [];
    const ref = refOf(job);
    const nominals =
      from === undefined
        ? [job.nominal!, ...this.calculator.nextFires(ref, count - 1, job.nominal! + 1)]
        : this.calculator.nextFires(ref, count, from);
    return nominals
      .map((nominal) => nominal + jitterOffset(job.spec.id, nominal, job.spec.jitterMs))
      .sort((a, b) => a - b);
  }

  /** The next fires across all jobs, earliest first: a k-way merge over each job's fire sequence. */
  upcoming(count: number, from?: number, until?: number): Array<{ jobId: string; name: string; at: number }> {
    if (count <= 0) return [];
    const merge = new FireQueue<Cursor>();
    const memo = newMemo();
    const limit = until ?? Infinity;
    for (const job of this.queue.entries()) {
      let nominal = job.nominal;
      if (from !== undefined) nominal = this.next(job, from - 1, memo);
      if (nominal === null) continue;
      const at = nominal + jitterOffset(job.spec.id, nominal, job.spec.jitterMs);
      merge.schedule({ job, nominal, at, seq: 0, heapIndex: -1 }, at);
    }
    const result: Array<{ jobId: string; name: string; at: number }> = [];
    while (result.length < count) {
      const cursor = merge.pop();
      if (!cursor || cursor.at > limit) break;
      if (from === undefined || cursor.at >= from)
        result.push({ jobId: cursor.job.spec.id, name: cursor.job.spec.name, at: cursor.at });
      const next = this.next(cursor.job, cursor.nominal, memo);
      if (next !== null) {
        cursor.nominal = next;
        merge.schedule(cursor, next + jitterOffset(cursor.job.spec.id, next, cursor.job.spec.jitterMs));
      }
    }
    return result;
  }

  /** Every fire of the queued jobs in [from, to), counted per job and bucket (fire-density.ts). */
  density(query: FireDensityQuery): FireDensityResult {
    return fireDensity(this.queue.entries(), this.calculator, query);
  }
}
