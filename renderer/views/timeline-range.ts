/**
 * The timeline's range (24 h, 3 days, a week each side of now), the fire counts the core gives for it turned into
 * per-row ticks, and the day × hour heatmap of past results and upcoming load.
 */
import type { FireDensity } from '../../shared/api/timeline-methods';
import type { RunRecord } from '../../shared/model';
import { zonedParts } from '../../shared/zoned-time-parts';

export const HOUR_MS = 3_600_000;
/** One bucket of fires: 5 px at the chart's scale, the narrowest tick an eye separates. */
export const FIRE_BUCKET_MS = 15 * 60_000;
/** The chart's scale at every range: 20 px an hour, so a longer range scrolls instead of squeezing. */
export const PX_PER_HOUR = 20;

export const TIMELINE_RANGES = [
  { id: '24h', label: '24 hours', ms: 24 * HOUR_MS },
  { id: '3d', label: '3 days', ms: 72 * HOUR_MS },
  { id: 'week', label: 'Week', ms: 168 * HOUR_MS },
] as const;
export type TimelineRangeId = (typeof TIMELINE_RANGES)[number]['id'];

export function rangeOf(id: TimelineRangeId) {
  return TIMELINE_RANGES.find((range) => range.id === id)!;
}

/** A bucket of upcoming fires in a row: where it starts and how many fires it holds. */
export interface FireTick {
  at: number;
  count: number;
}

export function fireTicks(density: FireDensity): Map<string, FireTick[]> {
  const rows = new Map<string, FireTick[]>();
  for (const job of density.jobs) {
    const ticks: FireTick[] = [];
    for (let i = 0; i < job.buckets.length; i += 2)
      ticks.push({ at: density.from + job.buckets[i]! * density.bucketMs, count: job.buckets[i + 1]! });
    rows.set(job.jobId, ticks);
  }
  return rows;
}

/** One SVG path for a row's ticks: taller for more fires (1, 2-4, 5+), one element whatever the row holds. */
export function tickPath(ticks: readonly FireTick[], x: (at: number) => number, top: number, height: number): string {
  const parts: string[] = [];
  for (const tick of ticks) {
    const tall = tick.count >= 5 ? height : tick.count >= 2 ? height * 0.7 : height * 0.45;
    const left = x(tick.at);
    parts.push(`M${Math.round(left)} ${Math.round(top + height - tall)}h3v${Math.round(tall)}h-3z`);
  }
  return parts.join('');
}

export interface HeatCell {
  succeeded: number;
  failed: number;
  /** Fires due in this hour (upcoming load). */
  due: number;
}

export interface HeatmapDay {
  /** e.g. "Mon 7 Dec", in the local zone. */
  label: string;
  hours: HeatCell[];
}

const FAILED = new Set<RunRecord['status']>(['failed', 'timed-out', 'missed', 'interrupted']);

function dayLabel(at: number): string {
  const parts = zonedParts(at);
  const month = new Date(at).toLocaleString('en-GB', { month: 'short' });
  return `${parts.weekday} ${parts.day} ${month}`;
}

/**
 * Past runs' results and upcoming fires, per local day and hour. A fire bucket counts in the hour it starts in
 * (buckets are quarter hours aligned to the hour, so exact in whole- and half-hour zones).
 */
export function buildHeatmap(runs: readonly RunRecord[], density: FireDensity | null): HeatmapDay[] {
  const days = new Map<string, HeatmapDay>();
  // Time-zone arithmetic is the cost here: one lookup per quarter hour, not per run or per job's bucket.
  const quarters = new Map<number, { day: HeatmapDay; cell: HeatCell }>();
  const cellAt = (at: number) => {
    const quarter = Math.floor(at / FIRE_BUCKET_MS);
    let found = quarters.get(quarter);
    if (!found) {
      const parts = zonedParts(at);
      const key = `${parts.year}-${parts.month}-${parts.day}`;
      let day = days.get(key);
      if (!day) {
        day = { label: dayLabel(at), hours: Array.from({ length: 24 }, () => ({ succeeded: 0, failed: 0, due: 0 })) };
        days.set(key, day);
        order.set(day, at);
      }
      order.set(day, Math.min(order.get(day)!, at));
      found = { day, cell: day.hours[parts.hour % 24]! };
      quarters.set(quarter, found);
    }
    return found.cell;
  };
  const order = new Map<HeatmapDay, number>();
  for (const run of runs) {
    const cell = cellAt(run.startedAt ?? run.scheduledFor ?? run.createdAt);
    if (run.status === 'succeeded') cell.succeeded++;
    else if (FAILED.has(run.status)) cell.failed++;
  }
  if (density) {
    // Every job's buckets summed first: the map needs the load per quarter hour, not per job.
    const perBucket = new Map<number, number>();
    for (const job of density.jobs)
      for (let i = 0; i < job.buckets.length; i += 2)
        perBucket.set(job.buckets[i]!, (perBucket.get(job.buckets[i]!) ?? 0) + job.buckets[i + 1]!);
    for (const [index, count] of perBucket) cellAt(density.from + index * density.bucketMs).due += count;
  }
  return [...days.values()].sort((a, b) => order.get(a)! - order.get(b)!);
}

/** The heat of a cell, 0-4, from its busiest count against the map's busiest cell (the text carries the numbers). */
export function heatLevel(cell: HeatCell, busiest: number): number {
  const value = Math.max(cell.succeeded + cell.failed, cell.due);
  if (value === 0 || busiest === 0) return 0;
  return Math.min(4, Math.ceil((value / busiest) * 4));
}
