/**
 * Next and previous fire times for `cron`, `every` and `at` schedules. croner is used as a calendar only: one parsed
 * `Cron` per (expression, timezone), shared by every job that uses it, because croner keeps ~83 KB per object (with
 * one `Cron` per job it runs out of a 4 GiB heap at 100 000 jobs, bench/README.md) and 100 000 jobs must fit in
 * ~1 KiB each. The cache is bounded; a schedule that falls out is simply parsed again (~40 µs).
 *
 * DST (pinned by test/core/engine/schedule-calculator.test.ts): croner's `fixedTimeRule: 'no-wildcard'` treats a cron
 * whose second/minute/hour fields have no wildcard or step (`30 2 * * *`, `30 1,13 * * *`) as a wall-clock time: in
 * the spring-forward gap it fires at the first valid time after the gap (02:30 → 03:00, the fire is not lost), and
 * in the fall-back overlap it fires once. Patterns with a wildcard or step in those fields (`0 * * * *`,
 * `*\/15 * * * *`) are intervals: times inside the gap do not exist and are skipped, and a repeated hour runs twice —
 * "every hour" keeps being every real hour. `every:` schedules are absolute intervals and ignore DST.
 */
import { Cron } from 'croner';
import type { JobSpec, ScheduleSpec } from '../../../shared/config/schema';
import { BoundedCache } from '../../../shared/config/bounded-cache';
import type { KnownFires } from './known-fires';
import { atToEpoch } from './zoned-time';

/** What a fire computation needs to know about a job. */
export interface ScheduleRef {
  schedule: ScheduleSpec;
  timezone: string;
  /** `every:` counts from here (persisted so restarts do not shift the grid). */
  anchorAt: number | null;
}

/** Identifies a schedule: a change of this key restarts the job's schedule from now. */
export function scheduleKey(job: Pick<JobSpec, 'schedule' | 'timezone'>): string {
  const schedule = job.schedule;
  switch (schedule.kind) {
    case 'cron':
      return `cron|${schedule.expr.trim()}|${job.timezone}`;
    case 'every':
      return `every|${schedule.everyMs}|${job.timezone}`;
    case 'at':
      return `at|${schedule.at.trim()}|${job.timezone}`;
    case 'none':
      return 'none';
  }
}

export class CronCache {
  private readonly crons: BoundedCache<string, Cron>;

  constructor(capacity = 256) {
    this.crons = new BoundedCache(capacity);
  }

  get size(): number {
    return this.crons.size;
  }

  get(expr: string, timezone: string): Cron {
    return this.crons.get(
      `${expr}\u0000${timezone}`,
      () => new Cron(expr, { timezone, paused: true, fixedTimeRule: 'no-wildcard' }),
    );
  }
}

/** The cache every engine and the schedule preview share. */
export const sharedCronCache = new CronCache();

export interface FireSpan {
  /** Fires in the span, ascending, at most the cap asked for (the earliest ones). */
  fires: number[];
  /** How many fires the span holds; a lower bound when `exact` is false. */
  count: number;
  exact: boolean;
}

export class ScheduleCalculator {
  private readonly atCache = new Map<string, number | null>();

  /** `known`: cron fires an earlier process computed (known-fires.ts), asked before croner and told what it answers. */
  constructor(
    private readonly crons: CronCache = sharedCronCache,
    private readonly known: KnownFires | null = null,
  ) {}

  /** The first fire strictly after `after`, or null when there is none (a past `at:`, a cron that ends). */
  nextAfter(ref: ScheduleRef, after: number): number | null {
    const schedule = ref.schedule;
    switch (schedule.kind) {
      case 'cron': {
        if (this.known === null) return this.cronNextAfter(schedule.expr, ref.timezone, after);
        const key = `${schedule.expr}\u0000${ref.timezone}`;
        const known = this.known.lookup(key, after);
        if (known !== undefined) return known;
        const next = this.cronNextAfter(schedule.expr, ref.timezone, after);
        this.known.record(key, after, next);
        return next;
      }
      case 'every': {
        const anchor = ref.anchorAt ?? after;
        if (after < anchor) return anchor + schedule.everyMs;
        const k = Math.floor((after - anchor) / schedule.everyMs) + 1;
        return anchor + k * schedule.everyMs;
      }
      case 'at': {
        const at = this.atEpoch(schedule.at, ref.timezone);
        return at !== null && at > after ? at : null;
      }
      case 'none':
        return null;
    }
  }

  /** The next `count` fires at or after `from`. */
  nextFires(ref: ScheduleRef, count: number, from: number): number[] {
    const fires: number[] = [];
    let cursor = from - 1;
    while (fires.length < count) {
      const next = this.nextAfter(ref, cursor);
      if (next === null) break;
      fires.push(next);
      cursor = next;
    }
    return fires;
  }

  /** Fires in (after, until]; enumerates at most `cap` of them (counting `every:` exactly at any size). */
  firesBetween(ref: ScheduleRef, after: number, until: number, cap: number): FireSpan {
    if (until <= after) return { fires: [], count: 0, exact: true };
    const schedule = ref.schedule;
    if (schedule.kind === 'every') {
      const first = this.nextAfter(ref, after)!;
      if (first > until) return { fires: [], count: 0, exact: true };
      const count = Math.floor((until - first) / schedule.everyMs) + 1;
      const fires: number[] = [];
      for (let i = 0; i < Math.min(count, cap); i++) fires.push(first + i * schedule.everyMs);
      return { fires, count, exact: true };
    }
    const fires: number[] = [];
    let cursor = after;
    for (;;) {
      const next = this.nextAfter(ref, cursor);
      if (next === null || next > until) return { fires, count: fires.length, exact: true };
      if (fires.length === cap) return { fires, count: cap + 1, exact: false };
      fires.push(next);
      cursor = next;
    }
  }

  /** The last `n` fires in (after, until], ascending. */
  lastFires(ref: ScheduleRef, after: number, until: number, n: number): number[] {
    if (n <= 0 || until <= after) return [];
    const schedule = ref.schedule;
    if (schedule.kind === 'cron') {
      // Step back with croner, then walk forward so the result matches the forward calendar exactly.
      const back = this.crons.get(schedule.expr, ref.timezone).previousRuns(n, new Date(until + 1));
      const earliest = back.length > 0 ? back[back.length - 1]!.getTime() : until;
      const start = Math.max(after, earliest - 1);
      return this.firesBetween(ref, start, until, n * 2 + 2).fires.slice(-n);
    }
    if (schedule.kind === 'every') {
      const last = this.lastAtOrBefore(ref, until);
      if (last === null) return [];
      const fires: number[] = [];
      for (let t = last; t > after && fires.length < n; t -= schedule.everyMs) fires.unshift(t);
      return fires;
    }
    return this.firesBetween(ref, after, until, n).fires;
  }

  private cronNextAfter(expr: string, timezone: string, after: number): number | null {
    const next = this.crons.get(expr, timezone).nextRun(new Date(after));
    return next ? next.getTime() : null;
  }

  /** The epoch of an `at:` schedule (null when unreadable). */
  atEpoch(at: string, timezone: string): number | null {
    const key = `${at}\u0000${timezone}`;
    if (this.atCache.has(key)) return this.atCache.get(key)!;
    const epoch = this.known === null ? atToEpoch(at, timezone) : this.knownAtEpoch(`at\u0000${key}`, at, timezone);
    if (this.atCache.size > 10_000) this.atCache.clear();
    this.atCache.set(key, epoch);
    return epoch;
  }

  /** An `at:` as the one fire after the beginning of time (known-fires.ts): its epoch needs Intl's zone rules. */
  private knownAtEpoch(key: string, at: string, timezone: string): number | null {
    const known = this.known!.lookup(key, Number.MIN_SAFE_INTEGER);
    if (known !== undefined) return known;
    const epoch = atToEpoch(at, timezone);
    this.known!.record(key, Number.MIN_SAFE_INTEGER, epoch);
    if (epoch !== null) this.known!.record(key, epoch, null);
    return epoch;
  }

  private lastAtOrBefore(ref: ScheduleRef, until: number): number | null {
    const schedule = ref.schedule;
    if (schedule.kind !== 'every' || ref.anchorAt === null) return null;
    if (until < ref.anchorAt + schedule.everyMs) return null;
    return ref.anchorAt + Math.floor((until - ref.anchorAt) / schedule.everyMs) * schedule.everyMs;
  }
}
