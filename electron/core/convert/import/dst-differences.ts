/**
 * Where systemd and Cronbar part ways at daylight-saving changes (both measured, see the systemd corpus test):
 * - a fixed time (no `*` or repetition in the hour, minute and second) that falls in the hour the clocks skip:
 *   systemd skips that day's run, Cronbar runs it as soon as the clocks have jumped;
 * - an interval pattern (`hourly`, `*:0/15`) in the hour that repeats when the clocks go back: systemd runs the
 *   repeated hour once, Cronbar twice (every real hour).
 * Everything else elapses alike. An import names the first such day in the next years instead of hiding it.
 */
import { Cron } from 'croner';

const DAY_MS = 86_400_000;

export interface ZoneTransition {
  /** The instant the offset changes. */
  at: number;
  offsetBeforeMs: number;
  offsetAfterMs: number;
}

/** The first difference for this croner pattern in `zone`, in words, or null when there is none. */
export function dstDifference(cron: string, zone: string, from: number, years = 3): string | null {
  const fields = cron.trim().split(/\s+/);
  const fixed = fields.length >= 6 && fields.slice(0, 3).every((field) => !field.includes('*') && !field.includes('/'));
  // The pattern read as wall-clock time: matches in a window of local times.
  const wall = new Cron(cron, { timezone: 'UTC', paused: true });
  for (const transition of zoneTransitions(zone, from, from + years * 365 * DAY_MS)) {
    const delta = transition.offsetAfterMs - transition.offsetBeforeMs;
    const springForward = delta > 0;
    if (springForward !== fixed) continue;
    // The local times that do not exist (spring forward) or happen twice (fall back).
    const start = transition.at + (springForward ? transition.offsetBeforeMs : transition.offsetAfterMs);
    const end = start + Math.abs(delta);
    const hit = wall.nextRun(new Date(start - 1));
    if (!hit || hit.getTime() >= end) continue;
    const when = hit.toISOString().slice(0, 16).replace('T', ' ');
    return springForward
      ? `at the spring DST change in ${zone} (first on ${when}, a time the clocks skip) systemd skips the run; Cronbar runs it right after the clocks jump`
      : `at the autumn DST change in ${zone} (first on ${when}, in the hour that repeats) systemd runs the repeated times once; Cronbar runs them twice, once per real hour`;
  }
  return null;
}

const transitionCache = new Map<string, ZoneTransition[]>();

/** Offset changes of `zone` in [from, until), found by scanning every 6 h and bisecting to the second. */
export function zoneTransitions(zone: string, from: number, until: number): ZoneTransition[] {
  const key = `${zone}|${Math.floor(from / DAY_MS)}|${Math.floor(until / DAY_MS)}`;
  const cached = transitionCache.get(key);
  if (cached) return cached;
  const offset = offsetReader(zone);
  const found: ZoneTransition[] = [];
  const step = 6 * 3_600_000;
  let previous = offset(from);
  for (let t = from + step; t < until + step; t += step) {
    const current = offset(t);
    if (current === previous) continue;
    let low = t - step;
    let high = t;
    while (high - low > 1000) {
      const middle = low + Math.floor((high - low) / 2000) * 1000;
      if (offset(middle) === previous) low = middle;
      else high = middle;
    }
    found.push({ at: high, offsetBeforeMs: previous, offsetAfterMs: current });
    previous = current;
  }
  transitionCache.set(key, found);
  return found;
}

function offsetReader(zone: string): (at: number) => number {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  return (at) => {
    const parts: Record<string, number> = {};
    for (const part of format.formatToParts(new Date(at)))
      if (part.type !== 'literal') parts[part.type] = Number(part.value);
    const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
    return wall - Math.floor(at / 1000) * 1000;
  };
}
