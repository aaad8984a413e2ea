import { describe, expect, it } from 'vitest';
import { nextMorning, parseMorning } from '../../../electron/policy/pause-morning';

describe('the morning a bedtime pause ends at', () => {
  it('reads HH:MM and nothing else', () => {
    expect(parseMorning('08:00')).toEqual({ hour: 8, minute: 0 });
    expect(parseMorning('23:59')).toEqual({ hour: 23, minute: 59 });
    for (const bad of ['8:00', '24:00', '08:60', 'morning', '']) expect(parseMorning(bad)).toBeNull();
  });

  it("is tomorrow's morning in the evening, today's after midnight, in the zone's own time", () => {
    expect(nextMorning(Date.UTC(2027, 0, 4, 22, 30), '08:00', 'UTC')).toBe(Date.UTC(2027, 0, 5, 8, 0));
    expect(nextMorning(Date.UTC(2027, 0, 4, 0, 10), '08:00', 'UTC')).toBe(Date.UTC(2027, 0, 4, 8, 0));
    expect(nextMorning(Date.UTC(2027, 0, 4, 8, 0), '08:00', 'UTC')).toBe(Date.UTC(2027, 0, 5, 8, 0));
    // Berlin in winter is UTC+1: 08:00 there is 07:00 UTC.
    expect(nextMorning(Date.UTC(2027, 0, 4, 21, 0), '08:00', 'Europe/Berlin')).toBe(Date.UTC(2027, 0, 5, 7, 0));
    // Berlin's night of the spring change (2027-03-28, 02:00 → 03:00): 08:00 CEST is 06:00 UTC.
    expect(nextMorning(Date.UTC(2027, 2, 27, 22, 0), '08:00', 'Europe/Berlin')).toBe(Date.UTC(2027, 2, 28, 6, 0));
    // A morning the clocks skip (02:30 that night) moves forward by the gap, to 03:30 CEST (as Temporal's default).
    expect(nextMorning(Date.UTC(2027, 2, 27, 22, 0), '02:30', 'Europe/Berlin')).toBe(Date.UTC(2027, 2, 28, 1, 30));
  });
});
