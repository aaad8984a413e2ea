import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../electron/core/cli/args';
import { outcomeWords, pauseEnd } from '../../../electron/core/cli/pause-until';

const now = Date.parse('2026-12-01T20:00:00Z');

describe('pause --until / --for', () => {
  it('--for counts from now; no option pauses until resumed', () => {
    expect(pauseEnd({ for: '2h' }, now, 'UTC')).toBe(now + 7_200_000);
    expect(pauseEnd({}, now, 'UTC')).toBeNull();
  });

  it('--until reads a date and time in the local zone, or with its own offset', () => {
    expect(pauseEnd({ until: '2026-12-24T18:00' }, now, 'Europe/Paris')).toBe(Date.parse('2026-12-24T17:00:00Z'));
    expect(pauseEnd({ until: '2026-12-24T18:00:00.500Z' }, now, 'Europe/Paris')).toBe(
      Date.parse('2026-12-24T18:00:00.500Z'),
    );
  });

  it('--until a time of day means the next one: later today, or tomorrow once passed', () => {
    expect(pauseEnd({ until: '22:30' }, now, 'UTC')).toBe(Date.parse('2026-12-01T22:30:00Z'));
    expect(pauseEnd({ until: '07:00' }, now, 'UTC')).toBe(Date.parse('2026-12-02T07:00:00Z'));
    // 20:00 UTC is 21:00 in Paris: 20:30 there is still today.
    expect(pauseEnd({ until: '20:30' }, now, 'Europe/Paris')).toBe(Date.parse('2026-12-02T19:30:00Z'));
    expect(pauseEnd({ until: '21:30' }, now, 'Europe/Paris')).toBe(Date.parse('2026-12-01T20:30:00Z'));
  });

  it("reads words (chrono) in this machine's zone: tomorrow 08:00, a weekday, a day alone is its morning", () => {
    const local = (daysAhead: number, hour: number, minute = 0) => {
      const at = new Date(now);
      at.setDate(at.getDate() + daysAhead);
      at.setHours(hour, minute, 0, 0);
      return at.getTime();
    };
    expect(pauseEnd({ until: 'tomorrow 08:00' }, now, 'UTC')).toBe(local(1, 8));
    expect(pauseEnd({ until: 'tomorrow' }, now, 'UTC')).toBe(local(1, 8));
    expect(pauseEnd({ until: 'Tomorrow at 6:30pm' }, now, 'UTC')).toBe(local(1, 18, 30));
    const friday = pauseEnd({ until: 'friday 17:00' }, now, 'UTC')!;
    expect(new Date(friday).getDay()).toBe(5);
    expect(new Date(friday).getHours()).toBe(17);
    expect(friday).toBeGreaterThan(now);
    expect(friday - now).toBeLessThan(8 * 86_400_000);
    expect(pauseEnd({ for: '2 hours' }, now, 'UTC')).toBe(now + 7_200_000);
  });

  it('refuses what it cannot read, a past time, and both options at once, as usage errors', () => {
    expect(() => pauseEnd({ for: 'soon' }, now, 'UTC')).toThrow(UsageError);
    expect(() => pauseEnd({ until: 'tomorrow blah' }, now, 'UTC')).toThrow(/--until takes a time such as 18:00/);
    expect(() => pauseEnd({ until: 'whenever' }, now, 'UTC')).toThrow(/"tomorrow 08:00"/);
    expect(() => pauseEnd({ for: 'a while' }, now, 'UTC')).toThrow(/--for takes a duration/);
    expect(() => pauseEnd({ until: '2026-01-01T00:00' }, now, 'UTC')).toThrow(/not in the future/);
    expect(() => pauseEnd({ until: '25:00' }, now, 'UTC')).toThrow(/not a time of day/);
    expect(() => pauseEnd({ until: '18:00', for: '1h' }, now, 'UTC')).toThrow(/not both/);
  });
});

describe('who applied a change', () => {
  it('names the scheduler process, or says the change waits for one', () => {
    expect(outcomeWords({ how: 'scheduler', by: { pid: 4242, kind: 'daemon' } })).toBe(
      'the running daemon (pid 4242) applied it',
    );
    expect(outcomeWords({ how: 'stored', by: null })).toBe(
      'no scheduler is running; takes effect when the scheduler starts',
    );
    expect(outcomeWords({ how: 'owner', by: { pid: 7, kind: 'cronbar run' } })).toBe(
      'the cronbar run running it (pid 7) is stopping it',
    );
  });
});
