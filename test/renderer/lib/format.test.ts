import { describe, expect, test } from 'vitest';
import { formatCountdown, formatDuration, formatWhen, isDstChangeDay, runLateness } from '../../../renderer/lib/format';
import { makeRun } from '../fake-api';

describe('window formats', () => {
  test('a DST change marks the fires of that calendar day only, in the job zone', () => {
    // Europe/Berlin springs forward on 2026-03-29 at 02:00 (UTC+1 → UTC+2) and falls back on 2026-10-25 at 03:00.
    const berlin = 'Europe/Berlin';
    expect(isDstChangeDay(Date.UTC(2026, 2, 28, 22, 0), berlin)).toBe(false); // Sat 23:00, the evening before
    expect(isDstChangeDay(Date.UTC(2026, 2, 29, 0, 0), berlin)).toBe(true); // Sun 01:00, before the jump
    expect(isDstChangeDay(Date.UTC(2026, 2, 29, 1, 30), berlin)).toBe(true); // Sun 03:30, after it
    expect(isDstChangeDay(Date.UTC(2026, 2, 29, 21, 59), berlin)).toBe(true); // Sun 23:59
    expect(isDstChangeDay(Date.UTC(2026, 2, 29, 22, 0), berlin)).toBe(false); // Mon 00:00
    expect(isDstChangeDay(Date.UTC(2026, 9, 25, 0, 30), berlin)).toBe(true); // Sun 02:30 (first one), fall back
    expect(isDstChangeDay(Date.UTC(2026, 9, 24, 12, 0), berlin)).toBe(false);
    expect(isDstChangeDay(Date.UTC(2026, 2, 29, 1, 30), 'UTC')).toBe(false);
  });

  test('times read as the admin says them: today, tomorrow, weekday, then a date', () => {
    const now = Date.UTC(2026, 0, 5, 10, 0); // a Monday
    expect(formatWhen(Date.UTC(2026, 0, 5, 14, 5), now, 'UTC')).toBe('14:05');
    expect(formatWhen(Date.UTC(2026, 0, 6, 2, 0), now, 'UTC')).toBe('tomorrow 02:00');
    expect(formatWhen(Date.UTC(2026, 0, 8, 2, 0), now, 'UTC')).toBe('Thu 02:00');
    expect(formatWhen(Date.UTC(2026, 1, 8, 2, 0), now, 'UTC')).toBe('2026-02-08 02:00');
  });

  test('countdowns, durations and lateness', () => {
    expect(formatCountdown(1000 + 245_000, 1000)).toBe('in 4m 05s');
    expect(formatCountdown(1000, 2000)).toBe('due');
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_400)).toBe('12.4 s');
    expect(runLateness(makeRun({ scheduledFor: 10_000, startedAt: 12_500 }))).toBe(2500);
    expect(runLateness(makeRun({ trigger: 'manual', scheduledFor: null, startedAt: 12_500 }))).toBeNull();
  });
});
