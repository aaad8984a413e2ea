/**
 * Where systemd's calendar and Cronbar's part at DST changes, and the dated `OnCalendar=` lines that close the gap.
 *
 * systemd fires a calendar time only when that wall time exists, once, at its first occurrence (observed with
 * `systemd-analyze calendar`: `*-*-* 02:30 Europe/Paris` skips the spring-forward night, and `*:30` runs the
 * repeated autumn hour once). Cronbar (croner with `fixedTimeRule: 'no-wildcard'`, engine/schedule-calculator.ts) runs
 * a fixed-time job whose time falls in the gap right after the jump, and runs an interval job on both passes of the
 * repeated hour. So Cronbar's fires are systemd's plus a few near each change: those are listed here as absolute UTC
 * instants for the years ahead, to be added as extra `OnCalendar=` lines (systemd ORs them).
 */
import type { ScheduleCalculator } from '../../engine/schedule-calculator';
import { sharedCronCache } from '../../engine/schedule-calculator';
import { wallTimeToEpoch } from '../../engine/zoned-time';
import { zoneOffsetMs, zonedParts } from '../../../../shared/zoned-time-parts';
import { readCron } from './cron-fields';

/** How far ahead the dated lines reach. */
export const DST_HORIZON_YEARS = 10;
/** More dated lines than this (an every-minute job) make a unit nobody can read: warn instead. */
export const MAX_DST_LINES = 60;

const WEEK_MS = 7 * 86_400_000;

interface Transition {
  /** The first instant with the new offset. */
  at: number;
  /** How much the clock moves (positive: forward). */
  shiftMs: number;
  /** The wall hours the change touches (the hour before it through the hour after); null when they wrap midnight. */
  hours: Set<number> | null;
}

const transitionCache = new Map<string, Transition[]>();

/** The zone's offset changes in [from, until). Offsets are sampled weekly (changes are months apart), then bisected. */
export function zoneTransitions(zone: string, from: number, until: number): Transition[] {
  const key = `${zone}\u0000${from}\u0000${until}`;
  const cached = transitionCache.get(key);
  if (cached) return cached;
  const found: Transition[] = [];
  let previous = zoneOffsetMs(from, zone);
  for (let t = from; t < until; t += WEEK_MS) {
    const next = Math.min(t + WEEK_MS, until);
    const offset = zoneOffsetMs(next, zone);
    if (offset !== previous) {
      let low = t;
      let high = next;
      while (high - low > 1000) {
        const middle = low + Math.floor((high - low) / 2000) * 1000;
        if (zoneOffsetMs(middle, zone) === previous) low = middle;
        else high = middle;
      }
      found.push({ at: high, shiftMs: offset - previous, hours: touchedHours(high, zone) });
      previous = offset;
    }
  }
  if (transitionCache.size > 256) transitionCache.clear();
  transitionCache.set(key, found);
  return found;
}

export interface DstCorrections {
  /** Cronbar fires systemd would not make, ascending. */
  instants: number[];
  /** The corrections stop here (exclusive). */
  until: number;
}

const correctionCache = new Map<string, DstCorrections>();

/** Cronbar's fires of `expr` in `zone` within the horizon from `now` that systemd's calendar would not make. */
export function dstCorrections(
  calculator: ScheduleCalculator,
  expr: string,
  zone: string,
  now: number,
): DstCorrections {
  // Jobs share schedules: 10 000 jobs of a few hundred patterns ask for the same answer again and again.
  const key = `${expr}\u0000${zone}\u0000${now}`;
  let found = correctionCache.get(key);
  if (!found) {
    found = computeCorrections(calculator, expr, zone, now);
    if (correctionCache.size > 4096) correctionCache.clear();
    correctionCache.set(key, found);
  }
  return found;
}

function touchedHours(at: number, zone: string): Set<number> | null {
  const before = zonedParts(at - 1, zone).hour;
  const after = zonedParts(at, zone).hour;
  const low = Math.min(before, after);
  const high = Math.max(before, after);
  if (high - low > 3) return null;
  const hours = new Set<number>();
  for (let h = low; h <= high; h++) hours.add(h);
  return hours;
}

function computeCorrections(calculator: ScheduleCalculator, expr: string, zone: string, now: number): DstCorrections {
  // Whole UTC days, so the bisection lands on whole seconds and every job of one export shares the zone's scan.
  const from = Math.floor(now / 86_400_000) * 86_400_000;
  const horizon = new Date(from);
  horizon.setUTCFullYear(horizon.getUTCFullYear() + DST_HORIZON_YEARS);
  const until = horizon.getTime();
  const ref = { schedule: { kind: 'cron' as const, expr }, timezone: zone, anchorAt: null };
  const instants: number[] = [];
  const transitions = zoneTransitions(zone, from, until);
  if (transitions.length === 0) return { instants: [], until };
  const hours = readHours(expr);
  for (const transition of transitions) {
    const touched = transition.hours;
    // A job none of whose hours the change touches fires alike in both (most jobs, and the bulk of the cost).
    if (hours && touched && !hours.some((hour) => touched.has(hour))) continue;
    const cron = sharedCronCache.get(expr, zone);
    // A moved gap fire lands on the change itself; a second pass of a repeated time lies within the shift after it.
    const span = calculator.firesBetween(
      ref,
      transition.at - 1,
      transition.at + Math.abs(transition.shiftMs) - 1,
      MAX_DST_LINES + 1,
    );
    for (const fire of span.fires) {
      if (fire <= now) continue;
      const wall = zonedParts(fire, zone);
      const systemdMakesIt = wallTimeToEpoch(wall, zone) === fire && cron.match(new Date(fire));
      if (!systemdMakesIt) instants.push(fire);
    }
  }
  return { instants, until };
}

function readHours(expr: string): number[] | null {
  try {
    return readCron(expr).hours;
  } catch {
    return null;
  }
}

/** `2027-03-28 01:00:00 UTC`: an instant as a one-off OnCalendar= value. */
export function utcCalendarStamp(at: number): string {
  return `${new Date(at).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
