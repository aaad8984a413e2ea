/** How times and durations read in the window: local time, short countdowns, compact durations. */
import type { RunRecord } from '../../shared/model';
import { zonedParts, zoneOffsetMs } from '../../shared/zoned-time-parts';

const pad = (value: number) => String(value).padStart(2, '0');

/** `14:05` today, `Tue 14:05` within a week, else `2027-01-04 14:05` (the viewer's zone, or `timeZone`). */
export function formatWhen(at: number, now: number, timeZone?: string): string {
  const parts = zonedParts(at, timeZone);
  const today = zonedParts(now, timeZone);
  const time = `${pad(parts.hour)}:${pad(parts.minute)}`;
  if (parts.year === today.year && parts.month === today.month && parts.day === today.day) return time;
  const tomorrow = zonedParts(now + 86_400_000, timeZone);
  if (parts.year === tomorrow.year && parts.month === tomorrow.month && parts.day === tomorrow.day)
    return `tomorrow ${time}`;
  if (Math.abs(at - now) < 6 * 86_400_000) return `${parts.weekday} ${time}`;
  return `${parts.year}-${pad(parts.month)}-${pad(parts.day)} ${time}`;
}

/** `2027-01-04 14:05:09` */
export function formatDateTime(at: number, timeZone?: string): string {
  const p = zonedParts(at, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/** True when the zone's UTC offset changes during the calendar day (in that zone) of the fire: a DST change day. */
export function isDstChangeDay(at: number, timeZone?: string): boolean {
  const p = zonedParts(at, timeZone);
  const offset = zoneOffsetMs(at, timeZone);
  // The instants of the day's first and last moment, from the wall time elapsed since midnight. On the change day
  // itself they can be an hour off, which still lands across the change, so the answer holds.
  const sinceMidnight = ((p.hour * 60 + p.minute) * 60 + p.second) * 1000 + (at % 1000);
  const dayStart = at - sinceMidnight;
  const dayEnd = dayStart + 86_400_000 - 1;
  return zoneOffsetMs(dayStart, timeZone) !== offset || zoneOffsetMs(dayEnd, timeZone) !== offset;
}

/** `in 4m 05s`, `in 3h 12m`, `in 2d 4h`; `due` once the time has come. */
export function formatCountdown(at: number, now: number): string {
  const left = at - now;
  if (left <= 0) return 'due';
  return `in ${formatSpan(left)}`;
}

/** A span in the two largest units: `45s`, `4m 05s`, `3h 12m`, `2d 4h`. */
export function formatSpan(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${pad(seconds % 60)}s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h ${pad(minutes % 60)}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/** A run's duration: `850 ms`, `12.4 s`, `3m 05s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return formatSpan(ms);
}

export function runDuration(run: RunRecord, now?: number): number | null {
  if (run.startedAt === null) return null;
  const end = run.finishedAt ?? now;
  return end === undefined ? null : Math.max(0, end - run.startedAt);
}

/** How late a scheduled run started: null for manual runs or runs that never started. */
export function runLateness(run: RunRecord): number | null {
  if (run.scheduledFor === null || run.startedAt === null) return null;
  return run.startedAt - run.scheduledFor;
}
