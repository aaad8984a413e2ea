/**
 * The parts of the jobs-file schema that need no zod: time zones, `at:` date-times, the defaults. Kept apart so the
 * engine and a CLI command reading a cached config (electron/core/service/lazy-config.ts) start without loading the
 * schemas.
 */
import { BoundedCache } from './bounded-cache';

export const DEFAULT_CONCURRENCY = 4;
export const DEFAULT_TIMEOUT_MS = 3_600_000;
export const DEFAULT_CATCH_UP_WINDOW_MS = 86_400_000;

// A DateTimeFormat costs ~40 µs and the schema asks twice per job with a `timezone:` (8 s for 100 000 jobs).
const zoneVerdicts = new BoundedCache<string, boolean>(1024);

export function isValidTimezone(zone: string): boolean {
  return zoneVerdicts.get(zone, intlKnowsZone);
}

function intlKnowsZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * `2027-01-01T09:00`, `2027-01-01 09:00:30`, with fractional seconds (`…:32.254`, what `toISOString()` writes), or
 * with an offset/`Z`. Returns the parts (fractions below a millisecond dropped), or null.
 */
export function parseLocalDateTime(text: string): {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  offset: string | null;
} | null {
  const match =
    /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/i.exec(
      text.trim(),
    );
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCDate() !== day) return null;
  const millisecond = match[7] === undefined ? 0 : Number(match[7].slice(0, 3).padEnd(3, '0'));
  const offset = match[8] === undefined ? null : match[8].toUpperCase();
  return { year, month, day, hour, minute, second, millisecond, offset };
}

export function systemTimezone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
