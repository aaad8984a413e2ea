/** The CLI's times: this machine's zone read from Date (no Intl start-up) must print what Intl prints for it. */
import { afterEach, describe, expect, it } from 'vitest';
import { formatLocal } from '../../../electron/core/cli/format';

const savedTz = process.env.TZ;
afterEach(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe('formatLocal', () => {
  // Node re-reads the zone when TZ is assigned (https://nodejs.org/api/cli.html#tz); vitest runs each file in a process.
  for (const zone of ['America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'UTC']) {
    it(`prints this machine's time as Intl does for its zone (${zone}), through both DST changes`, () => {
      process.env.TZ = zone;
      // ICU may name it the old way (Asia/Katmandu): that name is the one the jobs get.
      const resolved = Intl.DateTimeFormat().resolvedOptions().timeZone;
      if (zone !== 'UTC') expect(resolved).not.toMatch(/^(UTC|Etc\/)/);
      const start = Date.parse('2026-01-01T00:00:00Z');
      // Every 2 h 13 min 13 s through a year: every hour of the day, both DST changes, month ends.
      for (let at = start; at < start + 366 * 86_400_000; at += 7_993_000)
        expect(formatLocal(at)).toBe(formatLocal(at, resolved));
      expect(formatLocal(Date.parse('2028-02-29T12:00:00Z'))).toBe(
        formatLocal(Date.parse('2028-02-29T12:00:00Z'), resolved),
      );
    });
  }
});

describe('fitting the terminal', () => {
  it('cuts by columns on screen, not by characters: a wide character counts 2', async () => {
    const { truncate, displayWidth } = await import('../../../electron/core/cli/format');
    expect(truncate('バックアップ nightly', 8)).toBe('バック…');
    expect(displayWidth(truncate('バックアップ nightly', 8))).toBeLessThanOrEqual(8);
    expect(truncate('short', 8)).toBe('short');
  });

  it('a table leaves out optional columns, then cuts flexible ones, and never exceeds the width', async () => {
    const { table } = await import('../../../electron/core/cli/format');
    const rows = [
      ['backup', 'Every 15 minutes, between 09:00 and 17:59', 'failed ×3, 5 in 7 d, 2 h ago', 'A long name'],
    ];
    const columns = [
      'ID',
      { header: 'SCHEDULE', flex: true },
      { header: 'LAST', flex: true },
      { header: 'NAME', optional: true },
    ];
    const narrow = table(columns, rows, 50);
    expect(Math.max(...narrow.split('\n').map((line) => line.length))).toBeLessThanOrEqual(50);
    expect(narrow).not.toContain('NAME');
    expect(narrow).toContain('backup');
    expect(table(columns, rows, 200)).toContain('A long name');
  });
});
