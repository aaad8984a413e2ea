/**
 * Wall time in an IANA zone → epoch ms, for `at:` schedules. A wall time in a DST gap moves forward by the gap
 * (02:30 on a spring-forward night means 03:30), and one in a fall-back overlap means its first occurrence — the
 * "compatible" rule of TC39 Temporal, which is what people expect from a calendar.
 */
import { parseLocalDateTime } from '../../../shared/config/zones-and-times';
import { zoneOffsetMs } from '../../../shared/zoned-time-parts';

const DAY_MS = 86_400_000;

/** Epoch ms of a wall time in `timezone`. */
export function wallTimeToEpoch(
  wall: {
    year: number;
    month: number;
    day: number;
    hour: number;
    minute: number;
    second: number;
    millisecond?: number;
  },
  timezone: string,
): number {
  const asUtc = Date.UTC(
    wall.year,
    wall.month - 1,
    wall.day,
    wall.hour,
    wall.minute,
    wall.second,
    wall.millisecond ?? 0,
  );
  const offsetBefore = zoneOffsetMs(asUtc - DAY_MS, timezone);
  const offsetAfter = zoneOffsetMs(asUtc + DAY_MS, timezone);
  const candidates = [asUtc - offsetBefore, asUtc - offsetAfter].filter((t) => t + zoneOffsetMs(t, timezone) === asUtc);
  if (candidates.length > 0) return Math.min(...candidates);
  // In a gap: read the wall time with the offset in force before the jump, which lands after the gap.
  return asUtc - offsetBefore;
}

/** Epoch ms of an `at:` text (`2027-01-01T09:00`, or with `Z`/an offset), read in `timezone`; null if unreadable. */
export function atToEpoch(at: string, timezone: string): number | null {
  const parts = parseLocalDateTime(at);
  if (!parts) return null;
  if (parts.offset !== null) {
    const asUtc = Date.UTC(
      parts.year,
      parts.month - 1,
      parts.day,
      parts.hour,
      parts.minute,
      parts.second,
      parts.millisecond,
    );
    if (parts.offset === 'Z') return asUtc;
    const match = /^([+-])(\d{2}):?(\d{2})$/.exec(parts.offset)!;
    const offsetMs = (Number(match[2]) * 60 + Number(match[3])) * 60_000 * (match[1] === '-' ? -1 : 1);
    return asUtc - offsetMs;
  }
  return wallTimeToEpoch(parts, timezone);
}
