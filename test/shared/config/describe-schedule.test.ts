/** Schedules in words for patterns an import produces: croner's `+` (day of month AND weekday) reads as such. */
import { describe, expect, it } from 'vitest';
import { describeCron } from '../../../shared/config/describe-schedule';

describe("describeCron with croner's + modifier", () => {
  it('says the weekday must also match, instead of showing the raw pattern', () => {
    expect(describeCron('0 0 */2 * +5')).toBe('At 00:00, every 2 days in a month, if it is a Friday');
    expect(describeCron('0 0 0 1-7 * +1')).toBe('At 00:00, between day 1 and 7 of the month, if it is a Monday');
  });

  it('leaves patterns without + as cronstrue words them', () => {
    expect(describeCron('0 0 1,15 * 5')).toBe('At 00:00, on day 1 and 15 of the month, and on Friday');
  });
});
