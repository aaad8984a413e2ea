/** The cron reader: croner's dialect (as Cronbar runs it) into the value sets every export target decides from. */
import { describe, expect, it } from 'vitest';
import { CronReadError, readCron } from '../../../../electron/core/convert/export/cron-fields';

describe('readCron', () => {
  it('gives 5-field patterns second 0 and reads names, 7 as Sunday, ? as *', () => {
    const fields = readCron('15 9 ? JAN,jul SAT-7');
    expect(fields).toMatchObject({
      hasSeconds: false,
      seconds: [0],
      minutes: [15],
      hours: [9],
      monthDays: null,
      months: [1, 7],
      years: null,
    });
    expect(fields.weekdays).toEqual([
      { day: 0, nth: 'every' },
      { day: 6, nth: 'every' },
    ]);
  });

  it('reads steps and ranges with steps as croner does', () => {
    expect(readCron('*/20 * * * *').minutes).toEqual([0, 20, 40]);
    expect(readCron('0 1-10/4 * * *').hours).toEqual([1, 5, 9]);
    expect(readCron('0 0 */10 * *').monthDays!.values).toEqual([1, 11, 21, 31]);
  });

  it('reads L, LW, nW, #n, nL and the + (AND) day-of-week', () => {
    expect(readCron('0 0 1,L * *').monthDays).toEqual({ values: [1], last: true, lastWeekday: false, nearest: [] });
    expect(readCron('0 0 LW * *').monthDays!.lastWeekday).toBe(true);
    expect(readCron('0 0 15W * *').monthDays!.nearest).toEqual([15]);
    expect(readCron('0 0 * * 5#2,1#L,3L').weekdays).toEqual([
      { day: 1, nth: 'last' },
      { day: 3, nth: 'last' },
      { day: 5, nth: 2 },
    ]);
    expect(readCron('0 0 1-7 * +1').dayLogic).toBe('and');
    expect(readCron('0 0 1-7 * 1').dayLogic).toBe('or');
  });

  it('knows the shorthands, seconds and years', () => {
    expect(readCron('@weekly')).toMatchObject({ minutes: [0], hours: [0], weekdays: [{ day: 0, nth: 'every' }] });
    expect(readCron('*/30 0 12 * * * 2027,2029')).toMatchObject({
      hasSeconds: true,
      seconds: [0, 30],
      years: [2027, 2029],
    });
  });

  it("classes fixed times as croner's no-wildcard rule does (no * or / in second, minute, hour)", () => {
    expect(readCron('30 2,14 * * *').fixedTime).toBe(true);
    expect(readCron('30 1-3 * * *').fixedTime).toBe(true);
    expect(readCron('*/30 2 * * *').fixedTime).toBe(false);
    expect(readCron('0 0-20/2 * * *').fixedTime).toBe(false);
  });

  it('refuses what croner would refuse too', () => {
    expect(() => readCron('0 0 32 * *')).toThrow(CronReadError);
    expect(() => readCron('0 0 * * 5#6')).toThrow(CronReadError);
    expect(() => readCron('@reboot')).toThrow(CronReadError);
  });
});
