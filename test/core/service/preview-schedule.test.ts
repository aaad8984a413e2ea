/** The editor's preview must show the fires the scheduler will run, DST nights included. */
import { describe, expect, it } from 'vitest';
import { CronCache, ScheduleCalculator } from '../../../electron/core/engine/schedule-calculator';
import { previewSchedule } from '../../../electron/core/service/preview-schedule';

const local = (ms: number) => new Date(ms).toLocaleString('sv-SE', { timeZone: 'Europe/Berlin' });

describe('previewSchedule', () => {
  it('shows a list of fixed times once in the fall-back night, as the engine fires it', () => {
    const from = Date.parse('2026-10-24T23:00:00Z');
    const preview = previewSchedule({ cron: '30 2,14 * * *', timezone: 'Europe/Berlin', count: 4 }, from);
    expect(preview.error).toBeNull();
    expect(preview.fires.map(local)).toEqual([
      '2026-10-25 02:30:00',
      '2026-10-25 14:30:00',
      '2026-10-26 02:30:00',
      '2026-10-26 14:30:00',
    ]);
    const engine = new ScheduleCalculator(new CronCache()).nextFires(
      { schedule: { kind: 'cron', expr: '30 2,14 * * *' }, timezone: 'Europe/Berlin', anchorAt: null },
      4,
      from + 1,
    );
    expect(preview.fires).toEqual(engine);
  });

  it('moves a fire in the spring-forward gap to the first time after it, and starts after the given instant', () => {
    const fire = Date.parse('2026-03-29T01:00:00Z'); // 03:00 in Berlin, where 02:30 does not exist
    const preview = previewSchedule({ cron: '30 2 * * *', timezone: 'Europe/Berlin', count: 2, from: fire - 1 }, 0);
    expect(preview.fires.map(local)).toEqual(['2026-03-29 03:00:00', '2026-03-30 02:30:00']);
    expect(
      previewSchedule({ cron: '30 2 * * *', timezone: 'Europe/Berlin', count: 1, from: fire }, 0).fires.map(local),
    ).toEqual(['2026-03-30 02:30:00']);
  });

  it('names what is wrong instead of fires', () => {
    expect(previewSchedule({ cron: '0 0 30 2 *', timezone: 'UTC', count: 3 }, 0).error).toMatch(/./);
    expect(previewSchedule({ cron: '* * * * *', timezone: 'Mars/Olympus', count: 3 }, 0).error).toBe(
      '"Mars/Olympus" is not an IANA time zone',
    );
    expect(previewSchedule({ every: '10ms', count: 3 }, 0).error).toMatch(/at least 1s/);
  });

  it('lists only fires a Date can hold: a huge interval ends the list instead of showing invalid dates', () => {
    const preview = previewSchedule({ every: '99999999999w', count: 5 }, 0);
    expect(preview.error).toBeNull();
    expect(preview.fires.length).toBeLessThan(5);
    for (const fire of preview.fires) expect(Number.isNaN(new Date(fire).getTime())).toBe(false);
  });
});
