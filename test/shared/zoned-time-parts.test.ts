import { describe, expect, test } from 'vitest';
import { zonedParts, zoneOffsetMs } from '../../shared/zoned-time-parts';

const HOUR = 3_600_000;

describe('zoned time parts', () => {
  test('reads the wall time, weekday and offset of an instant in a zone', () => {
    expect(zonedParts(Date.UTC(2026, 2, 29, 1, 30, 5), 'Europe/Berlin')).toEqual({
      year: 2026,
      month: 3,
      day: 29,
      hour: 3,
      minute: 30,
      second: 5,
      weekday: 'Sun',
      offset: 'GMT+2',
    });
    expect(zonedParts(Date.UTC(2026, 0, 1, 0, 0), 'America/New_York')).toMatchObject({
      year: 2025,
      month: 12,
      day: 31,
      hour: 19,
      offset: 'GMT-5',
    });
  });

  test('the offset in ms follows DST and half-hour zones', () => {
    expect(zoneOffsetMs(Date.UTC(2026, 2, 29, 0, 59, 59), 'Europe/Berlin')).toBe(HOUR);
    expect(zoneOffsetMs(Date.UTC(2026, 2, 29, 1, 0, 0), 'Europe/Berlin')).toBe(2 * HOUR);
    expect(zoneOffsetMs(Date.UTC(2026, 5, 1, 12, 0, 0, 750), 'Asia/Kolkata')).toBe(5.5 * HOUR);
    expect(zoneOffsetMs(Date.UTC(2026, 5, 1), 'UTC')).toBe(0);
  });
});
