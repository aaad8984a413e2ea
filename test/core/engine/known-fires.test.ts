/**
 * The fires a CLI reader remembers from its last run (known-fires.ts) must answer exactly what croner answers, across
 * DST changes, month ends and leap days, and keep answering after being written out and read back by a new process.
 */
import { describe, expect, it } from 'vitest';
import { KnownFires } from '../../../electron/core/engine/known-fires';
import { CronCache, ScheduleCalculator, type ScheduleRef } from '../../../electron/core/engine/schedule-calculator';

const cron = (expr: string, timezone: string): ScheduleRef => ({
  schedule: { kind: 'cron', expr },
  timezone,
  anchorAt: null,
});

/** A CronCache that counts how often croner is asked. */
class CountingCrons extends CronCache {
  calls = 0;
  override get(expr: string, timezone: string) {
    this.calls++;
    return super.get(expr, timezone);
  }
}

const CASES: Array<[string, string]> = [
  ['30 2 * * *', 'Europe/Berlin'], // a wall-clock time in the spring-forward gap and the fall-back overlap
  ['0 * * * *', 'America/New_York'], // hourly through both DST changes
  ['*/20 1-3 * * *', 'Australia/Lord_Howe'], // a 30-minute DST shift
  ['0 0 29 2 *', 'UTC'], // leap days only
  ['0 12 31 * *', 'Asia/Kolkata'], // months with a 31st
  ['15 10 * * 1-5', 'Pacific/Chatham'], // +12:45/+13:45
];

/** Instants to ask about: the first `count` fires at or after `from`, a millisecond either side of each, and points in between. */
function questions(truth: ScheduleCalculator, ref: ScheduleRef, from: number, count: number): number[] {
  const asked = [from - 1, from];
  let cursor = from - 1;
  for (let index = 0; index < count; index++) {
    const fire = truth.nextAfter(ref, cursor);
    if (fire === null) break;
    asked.push(fire - 1, fire, fire + 1, Math.floor((cursor + fire) / 2));
    cursor = fire;
  }
  return asked;
}

describe('known cron fires', () => {
  for (const [expr, zone] of CASES) {
    it(`answer as croner does for ${expr} in ${zone}, before and after being saved and read back`, () => {
      const ref = cron(expr, zone);
      const truth = new ScheduleCalculator(new CronCache());
      const from = Date.parse('2026-01-01T00:00:00Z');
      // A reader asks for the next fires, as `cronbar next` does, walking forward through two DST changes.
      const known = new KnownFires();
      const first = new ScheduleCalculator(new CronCache(), known);
      expect(first.nextFires(ref, 30, from)).toEqual(truth.nextFires(ref, 30, from));
      expect(known.changed).toBe(true);

      // The next process: the same answers, and none of the covered ones asks croner.
      const crons = new CountingCrons();
      const later = new ScheduleCalculator(crons, KnownFires.parse(known.serialize()));
      const asked = questions(truth, ref, from, 29);
      for (const at of asked) expect(later.nextAfter(ref, at)).toBe(truth.nextAfter(ref, at));
      expect(crons.calls).toBe(0);
      // Past what it knows it asks croner, and still agrees.
      const beyond = truth.nextFires(ref, 31, from).at(-1)!;
      expect(later.nextAfter(ref, beyond)).toBe(truth.nextAfter(ref, beyond));
      expect(crons.calls).toBe(1);
    });
  }

  it('keep an at: fire (its epoch needs the zone rules) across a save and reload', () => {
    const ref: ScheduleRef = {
      schedule: { kind: 'at', at: '2026-03-29T02:30' },
      timezone: 'Europe/Berlin',
      anchorAt: null,
    };
    const truth = new ScheduleCalculator(new CronCache());
    const known = new KnownFires();
    const at = new ScheduleCalculator(new CronCache(), known).nextAfter(ref, 0);
    expect(at).toBe(truth.nextAfter(ref, 0));
    const later = new ScheduleCalculator(new CronCache(), KnownFires.parse(known.serialize()));
    for (const after of [0, at! - 1]) expect(later.nextAfter(ref, after)).toBe(at);
    expect(later.nextAfter(ref, at!)).toBeNull();
    // A time that does not parse is remembered as none.
    const bad: ScheduleRef = { ...ref, schedule: { kind: 'at', at: 'someday' } };
    const memo = new KnownFires();
    expect(new ScheduleCalculator(new CronCache(), memo).nextAfter(bad, 0)).toBeNull();
    expect(memo.lookup('at\u0000someday\u0000Europe/Berlin', Number.MIN_SAFE_INTEGER)).toBeNull();
  });

  it('say nothing before the first question they saw, and start again from a question far from what they know', () => {
    const known = new KnownFires();
    const calculator = new ScheduleCalculator(new CronCache(), known);
    const ref = cron('0 9 * * *', 'Europe/Paris');
    const truth = new ScheduleCalculator(new CronCache());
    const from = Date.parse('2026-06-01T00:00:00Z');
    calculator.nextAfter(ref, from);
    expect(known.lookup('0 9 * * *\u0000Europe/Paris', from - 1)).toBeUndefined();
    const farLater = from + 200 * 86_400_000;
    expect(calculator.nextAfter(ref, farLater)).toBe(truth.nextAfter(ref, farLater));
    expect(known.lookup('0 9 * * *\u0000Europe/Paris', from)).toBeUndefined();
    expect(known.lookup('0 9 * * *\u0000Europe/Paris', farLater)).toBe(truth.nextAfter(ref, farLater));
  });

  it('remember that no fire is left, and keep only the latest fires of a long walk', () => {
    const known = new KnownFires();
    known.record('k', 100, 200);
    known.record('k', 200, null);
    expect(known.lookup('k', 150)).toBe(200);
    expect(known.lookup('k', 200)).toBeNull();
    expect(known.lookup('k', 10_000)).toBeNull();
    const walk = new KnownFires();
    for (let index = 0; index < 100; index++) walk.record('w', index * 10, (index + 1) * 10);
    expect(walk.lookup('w', 5)).toBeUndefined();
    expect(walk.lookup('w', 995)).toBe(1000);
    expect(walk.lookup('w', 1000)).toBeUndefined();
  });

  it('read a damaged or foreign text as knowing nothing', () => {
    for (const text of ['not json', '{"a":1}', '[["k",[5,3]]]', '[["k",[1,null,4]]]', '[[1,[1,2]]]']) {
      const known = KnownFires.parse(text);
      expect(known.lookup('k', 1)).toBeUndefined();
    }
    expect(KnownFires.parse('[["k",[1,5,9]]]').lookup('k', 5)).toBe(9);
  });
});
