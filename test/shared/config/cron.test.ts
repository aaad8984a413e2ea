import { describe, expect, it } from 'vitest';
import { cronError } from '../../../shared/config/cron';

describe('cronError', () => {
  it.each([
    '0 2 * * *',
    '*/15 * * * *',
    '30 9 * * mon-fri',
    '0 0 1,15 * *',
    '0 0 * jan,jul *',
    '0 0 * * 7',
    '0 0 L * *',
    '0 0 15W * *',
    '0 0 * * 5#2',
    '0 0 * * 5L',
    '@daily',
    '@HOURLY',
    '30 0 2 * * *',
    '0 0 9 1 1 * 2099',
  ])('accepts %j', (expr) => {
    expect(cronError(expr)).toBeNull();
  });

  it.each([
    ['0 25 * * *', 'hour 25 is out of range (0-23)'],
    ['61 * * * *', 'minute 61 is out of range (0-59)'],
    ['1-70 * * * *', 'minute 70 is out of range (0-59)'],
    ['* * 32 * *', 'day of month 32 is out of range (1-31)'],
    ['* * 0 * *', 'day of month 0 is out of range (1-31)'],
    ['* * * 13 *', 'month 13 is out of range (1-12 or jan-dec)'],
    ['* * * * 8', 'day of week 8 is out of range (0-7 or sun-sat)'],
    ['60 * * * * *', 'second 60 is out of range (0-59)'],
    ['0 0 24 * * *', 'hour 24 is out of range (0-23)'],
    ['0 0 0 1 1 * 0', 'year 0 is out of range (1-9999)'],
    ['*/0 * * * *', 'step 0 in the minute field: use 1 or more'],
    ['*/x * * * *', 'step "x" in the minute field is not a whole number'],
    ['5-2 * * * *', 'range 5-2 in the minute field goes backwards (write the smaller value first)'],
    ['0 0 * * fri-mon', 'range fri-mon in the day of week field goes backwards (write the smaller value first)'],
    ['0 0 * janx *', '"janx" is not a month name (use jan-dec)'],
    ['0 0 * * funday', '"funday" is not a day of week name (use sun-sat)'],
    ['x 2 * * *', '"x" is not a minute (use 0-59)'],
    ['1,,2 * * * *', 'empty list entry in the minute field'],
    [
      '* * * *',
      'has 4 fields; a cron pattern has 5 (minute hour day-of-month month day-of-week), 6 (seconds first) or 7 (seconds first, year last)',
    ],
    [
      '@fortnightly',
      'unknown shorthand @fortnightly (use @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly)',
    ],
    ['0 0 30 2 *', 'never fires: no date matches it'],
  ])('explains %j: %s', (expr, message) => {
    expect(cronError(expr)).toBe(message);
  });

  it('falls back to croner’s own message, without its prefix, for the rest of the grammar', () => {
    const message = cronError('0 0 * * 5#6');
    expect(message).toMatch(/nth weekday/);
    expect(message).not.toMatch(/^CronPattern/);
  });
});
