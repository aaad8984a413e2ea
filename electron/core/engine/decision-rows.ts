/**
 * Rows for fires that did not start a run (missed, skipped while paused). Every such fire gets an answer in the
 * history, but a frequent job must not flood it: up to DETAIL_LIMIT fires get one row each, beyond that one row
 * (for the latest fire) says how many it stands for. A 1-second job paused for a day writes one row, not 86 400.
 */
import type { ScheduleCalculator, ScheduleRef } from './schedule-calculator';

export const DETAIL_LIMIT = 10;
/** The most fires enumerated for one decision; counts beyond it are reported as "over N". */
export const ENUMERATION_CAP = 10_000;

export interface DecidedFire {
  scheduledFor: number;
  reason: string;
}

export function countText(count: number, exact: boolean): string {
  return exact ? `${count}` : `over ${count - 1}`;
}

export function pluralFires(count: number, exact = true): string {
  return `${countText(count, exact)} ${count === 1 && exact ? 'fire' : 'fires'}`;
}

/** `45 min`, `30 h` — how long ago, in the unit an admin reads at a glance. */
export function formatAge(ms: number): string {
  if (ms < 3_600_000) return `${Math.max(1, Math.round(ms / 60_000))} min`;
  return `${Math.floor(ms / 3_600_000)} h`;
}

/** `24h`, `90m`, `36h`: a window as the admin wrote it, in hours when whole. */
export function formatWindow(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  return `${Math.round(ms / 1000)}s`;
}

/**
 * The rows for the fires of `ref` in (after, until]: one per fire up to DETAIL_LIMIT, else one coalesced row.
 * `one(fire)` words a single fire; `many(count, latest)` the coalesced row. Returns the rows and the latest fire.
 */
export function decideSpan(
  calculator: ScheduleCalculator,
  ref: ScheduleRef,
  after: number,
  until: number,
  one: (fire: number) => string,
  many: (countWords: string, latest: number) => string,
): { rows: DecidedFire[]; latest: number | null; count: number } {
  const span = calculator.firesBetween(ref, after, until, ENUMERATION_CAP);
  if (span.count === 0) return { rows: [], latest: null, count: 0 };
  if (span.exact && span.count <= DETAIL_LIMIT) {
    return {
      rows: span.fires.map((fire) => ({ scheduledFor: fire, reason: one(fire) })),
      latest: span.fires[span.fires.length - 1]!,
      count: span.count,
    };
  }
  const latest =
    span.exact && span.fires.length === span.count
      ? span.fires[span.fires.length - 1]!
      : calculator.lastFires(ref, after, until, 1)[0]!;
  return {
    rows: [{ scheduledFor: latest, reason: many(pluralFires(span.count, span.exact), latest) }],
    latest,
    count: span.count,
  };
}
