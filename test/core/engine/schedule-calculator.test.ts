import { describe, expect, it } from 'vitest';
import { CronCache, ScheduleCalculator, scheduleKey } from '../../../electron/core/engine/schedule-calculator';
import type { ScheduleRef } from '../../../electron/core/engine/schedule-calculator';

const calc = new ScheduleCalculator(new CronCache());
const cron = (expr: string, timezone = 'UTC'): ScheduleRef => ({
  schedule: { kind: 'cron', expr },
  timezone,
  anchorAt: null,
});
const iso = (ms: number) => new Date(ms).toISOString();
const local = (ms: number, timezone: string) => new Date(ms).toLocaleString('sv-SE', { timeZone: timezone });
const next = (ref: ScheduleRef, from: string, count: number) => calc.nextFires(ref, count, Date.parse(from));

describe('DST in Europe/Berlin', () => {
  it('moves a 02:30 fire in the spring-forward gap (2026-03-29) to 03:00 instead of losing it', () => {
    const fires = next(cron('30 2 * * *', 'Europe/Berlin'), '2026-03-28T00:00:00Z', 3);
    expect(fires.map((t) => local(t, 'Europe/Berlin'))).toEqual([
      '2026-03-28 02:30:00',
      '2026-03-29 03:00:00',
      '2026-03-30 02:30:00',
    ]);
  });

  it('fires a 02:30 job once in the fall-back overlap (2026-10-25), at the first 02:30', () => {
    const fires = next(cron('30 2 * * *', 'Europe/Berlin'), '2026-10-24T12:00:00Z', 2);
    expect(fires.map(iso)).toEqual(['2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z']);
  });

  it('treats a list of fixed times as wall-clock times too: once in the overlap', () => {
    const fires = next(cron('30 2,14 * * *', 'Europe/Berlin'), '2026-10-24T23:00:00Z', 3);
    expect(fires.map((t) => local(t, 'Europe/Berlin'))).toEqual([
      '2026-10-25 02:30:00',
      '2026-10-25 14:30:00',
      '2026-10-26 02:30:00',
    ]);
  });

  it('keeps an hourly job hourly in real time: the repeated 02:00 runs twice, the missing one does not exist', () => {
    const fall = next(cron('0 * * * *', 'Europe/Berlin'), '2026-10-24T23:30:00Z', 4).map(iso);
    expect(fall).toEqual([
      '2026-10-25T00:00:00.000Z',
      '2026-10-25T01:00:00.000Z',
      '2026-10-25T02:00:00.000Z',
      '2026-10-25T03:00:00.000Z',
    ]);
    const spring = next(cron('0 * * * *', 'Europe/Berlin'), '2026-03-29T00:30:00Z', 2).map((t) =>
      local(t, 'Europe/Berlin'),
    );
    expect(spring).toEqual(['2026-03-29 03:00:00', '2026-03-29 04:00:00']);
  });
});

describe('DST in America/New_York', () => {
  it('moves 02:30 on 2026-03-08 to 03:00 EDT', () => {
    const fires = next(cron('30 2 * * *', 'America/New_York'), '2026-03-07T12:00:00Z', 2);
    expect(fires.map((t) => local(t, 'America/New_York'))).toEqual(['2026-03-08 03:00:00', '2026-03-09 02:30:00']);
    expect(iso(fires[0]!)).toBe('2026-03-08T07:00:00.000Z');
  });

  it('runs 01:30 once on 2026-11-01 (the first, EDT, occurrence)', () => {
    const fires = next(cron('30 1 * * *', 'America/New_York'), '2026-10-31T12:00:00Z', 2);
    expect(fires.map(iso)).toEqual(['2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z']);
  });
});

describe('calendar edges', () => {
  it('a job on the 31st skips months without one', () => {
    const fires = next(cron('0 9 31 * *'), '2026-01-01T00:00:00Z', 4).map(iso);
    expect(fires).toEqual([
      '2026-01-31T09:00:00.000Z',
      '2026-03-31T09:00:00.000Z',
      '2026-05-31T09:00:00.000Z',
      '2026-07-31T09:00:00.000Z',
    ]);
  });

  it('L is the last day of every month, including February', () => {
    const fires = next(cron('0 0 L * *'), '2026-01-15T00:00:00Z', 4).map(iso);
    expect(fires).toEqual([
      '2026-01-31T00:00:00.000Z',
      '2026-02-28T00:00:00.000Z',
      '2026-03-31T00:00:00.000Z',
      '2026-04-30T00:00:00.000Z',
    ]);
    expect(iso(next(cron('0 0 L 2 *'), '2028-02-01T00:00:00Z', 1)[0]!)).toBe('2028-02-29T00:00:00.000Z');
  });

  it('29 February fires only in leap years (next: 2028)', () => {
    const fires = next(cron('0 12 29 2 *', 'Europe/Berlin'), '2026-01-01T00:00:00Z', 2).map((t) =>
      local(t, 'Europe/Berlin'),
    );
    expect(fires).toEqual(['2028-02-29 12:00:00', '2032-02-29 12:00:00']);
  });
});

describe('every and at', () => {
  it('every: counts from the anchor, so a restart does not shift the grid', () => {
    const anchorAt = Date.parse('2026-01-01T00:00:07Z');
    const ref: ScheduleRef = {
      schedule: { kind: 'every', everyMs: 15 * 60_000, text: '15m' },
      timezone: 'UTC',
      anchorAt,
    };
    expect(iso(calc.nextAfter(ref, Date.parse('2026-01-01T10:03:00Z'))!)).toBe('2026-01-01T10:15:07.000Z');
    expect(iso(calc.nextAfter(ref, Date.parse('2026-01-01T10:15:07Z'))!)).toBe('2026-01-01T10:30:07.000Z');
  });

  it('every: ignores DST (24h stays 24 real hours across the Berlin change)', () => {
    const anchorAt = Date.parse('2026-03-28T12:00:00Z');
    const ref: ScheduleRef = {
      schedule: { kind: 'every', everyMs: 86_400_000, text: '1d' },
      timezone: 'Europe/Berlin',
      anchorAt,
    };
    expect(iso(calc.nextAfter(ref, anchorAt)!)).toBe('2026-03-29T12:00:00.000Z');
  });

  it('at: reads the time in the job zone, fires once, and nothing after', () => {
    const ref: ScheduleRef = {
      schedule: { kind: 'at', at: '2027-01-01T09:00' },
      timezone: 'America/New_York',
      anchorAt: null,
    };
    const first = calc.nextAfter(ref, Date.parse('2026-06-01T00:00:00Z'));
    expect(iso(first!)).toBe('2027-01-01T14:00:00.000Z');
    expect(calc.nextAfter(ref, first!)).toBeNull();
  });

  it('at: a wall time in the spring-forward gap moves forward by the gap', () => {
    const ref: ScheduleRef = {
      schedule: { kind: 'at', at: '2026-03-29T02:30' },
      timezone: 'Europe/Berlin',
      anchorAt: null,
    };
    expect(local(calc.nextAfter(ref, 0)!, 'Europe/Berlin')).toBe('2026-03-29 03:30:00');
  });

  it('at: with an explicit offset ignores the job zone', () => {
    const ref: ScheduleRef = {
      schedule: { kind: 'at', at: '2027-01-01T09:00+02:00' },
      timezone: 'America/New_York',
      anchorAt: null,
    };
    expect(iso(calc.nextAfter(ref, 0)!)).toBe('2027-01-01T07:00:00.000Z');
  });
});

describe('spans and the shared cache', () => {
  it('counts fires in a span exactly for every: and caps cron enumeration', () => {
    const every: ScheduleRef = { schedule: { kind: 'every', everyMs: 1000, text: '1s' }, timezone: 'UTC', anchorAt: 0 };
    const span = calc.firesBetween(every, 0, 86_400_000, 10);
    expect(span).toMatchObject({ count: 86_400, exact: true });
    expect(span.fires).toHaveLength(10);
    const capped = calc.firesBetween(cron('* * * * * *'), 0, 3_600_000, 100);
    expect(capped).toMatchObject({ count: 101, exact: false });
  });

  it('lastFires gives the latest fires in order', () => {
    const fires = calc
      .lastFires(cron('0 * * * *'), Date.parse('2026-01-01T00:00:00Z'), Date.parse('2026-01-01T05:30:00Z'), 2)
      .map(iso);
    expect(fires).toEqual(['2026-01-01T04:00:00.000Z', '2026-01-01T05:00:00.000Z']);
  });

  it('parses each (expression, timezone) once, whatever the number of jobs using it', () => {
    const cache = new CronCache();
    const shared = new ScheduleCalculator(cache);
    for (let i = 0; i < 1000; i++) shared.nextAfter(cron('*/5 * * * *', 'Europe/Berlin'), i * 1000);
    shared.nextAfter(cron('*/5 * * * *', 'UTC'), 0);
    expect(cache.size).toBe(2);
  });

  it('the schedule key changes with the expression or zone, not with other settings', () => {
    expect(scheduleKey({ schedule: { kind: 'cron', expr: '0 2 * * *' }, timezone: 'UTC' })).not.toBe(
      scheduleKey({ schedule: { kind: 'cron', expr: '0 3 * * *' }, timezone: 'UTC' }),
    );
    expect(scheduleKey({ schedule: { kind: 'cron', expr: '0 2 * * *' }, timezone: 'UTC' })).not.toBe(
      scheduleKey({ schedule: { kind: 'cron', expr: '0 2 * * *' }, timezone: 'Europe/Berlin' }),
    );
  });
});
