/**
 * "Pause until tomorrow" means until tomorrow morning: a bedtime pause that ended at 00:00 would end just before the
 * nightly jobs it was meant to hold back. The morning is a time of day the user sets in Settings (default 08:00).
 */
import { DEFAULT_PAUSE_MORNING } from '../../shared/api/contract';

export { DEFAULT_PAUSE_MORNING };

/** `HH:MM` (24-hour) → hour and minute, or null. */
export function parseMorning(text: string): { hour: number; minute: number } | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return match ? { hour: Number(match[1]), minute: Number(match[2]) } : null;
}

const formats = new Map<string, Intl.DateTimeFormat>();
function wallClock(at: number, timeZone: string | undefined): number[] {
  const key = timeZone ?? '';
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    });
    formats.set(key, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(at)).map((part) => [part.type, Number(part.value)]));
  return [parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!];
}

/** The instant a local date and time has in `timeZone`; a time the clocks skip (DST) moves forward by the gap. */
function localToEpoch(y: number, m: number, d: number, hour: number, minute: number, timeZone?: string): number {
  const wanted = Date.UTC(y, m - 1, d, hour, minute);
  let at = wanted;
  // Two corrections by the zone's offset settle on the instant (the second covers an offset change in between).
  for (let pass = 0; pass < 2; pass++) {
    const [ly, lm, ld, lh, lmin] = wallClock(at, timeZone);
    at += wanted - Date.UTC(ly!, lm! - 1, ld!, lh!, lmin!);
  }
  return at;
}

/**
 * The next time the clock shows `morning` (after `now`): tomorrow's, or today's when the morning is still ahead
 * (a pause at 01:00 ends at 08:00 the same day, the morning after the night).
 */
export function nextMorning(now: number, morning: string, timeZone?: string): number {
  const { hour, minute } = parseMorning(morning) ?? parseMorning(DEFAULT_PAUSE_MORNING)!;
  const [y, m, d] = wallClock(now, timeZone);
  for (let offset = 0; offset < 3; offset++) {
    const day = new Date(Date.UTC(y!, m! - 1, d! + offset));
    const at = localToEpoch(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), hour, minute, timeZone);
    if (at > now) return at;
  }
  return now + 24 * 3_600_000;
}

/** The tray's words for the choice: `Until tomorrow 08:00`, or `Until 08:00` when the morning is later today. */
export function morningChoiceLabel(now: number, morning: string, timeZone?: string): string {
  const at = nextMorning(now, morning, timeZone);
  const [, , today] = wallClock(now, timeZone);
  const [, , day, hour, minute] = wallClock(at, timeZone);
  const clock = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  return day === today ? `Until ${clock}` : `Until tomorrow ${clock}`;
}
