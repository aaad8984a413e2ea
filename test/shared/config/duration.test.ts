import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../../shared/config/duration';

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['15m', 900_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
    ['1w', 604_800_000],
    ['1h30m', 5_400_000],
    ['1h 30m', 5_400_000],
    ['1.5h', 5_400_000],
    ['2d12h', 216_000_000],
    [' 15m ', 900_000],
    ['0', 0],
  ])('reads %j as %d ms', (text, expected) => {
    expect(parseDuration(text)).toBe(expected);
  });

  it.each([
    ['a bare number (seconds or minutes? a wrong guess kills a job)', '30'],
    ['an empty text', ''],
    ['words', '5 minutes'],
    ['an unknown unit', '1M'],
    ['a negative value', '-5m'],
    ['a trailing remainder', '1h30'],
  ])('refuses %s', (_label, text) => {
    expect(parseDuration(text)).toBeNull();
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [500, '500ms'],
    [5_400_000, '1h30m'],
    [90_061_001, '1d1h1m1s1ms'],
    [604_800_000, '7d'],
  ])('writes %d ms as %j', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('round-trips through parseDuration', () => {
    for (const ms of [1, 999, 1_000, 61_000, 3_599_999, 86_400_000 * 3 + 7])
      expect(parseDuration(formatDuration(ms))).toBe(ms);
  });
});
