import { describe, expect, it } from 'vitest';
import { FLAP_WINDOW_MS, FlapDetector } from '../../../electron/core/notify/flapping';
import {
  type FinishedRun,
  DEFAULT_NOTIFY_PREFS,
  type NotifyPrefs,
  NotifyPolicy,
  SETTLE_MS,
} from '../../../electron/core/notify/notify-policy';
import { FakeClock } from '../../helpers/fake-clock';

const MINUTE = 60_000;
let nextRunId = 1;

function run(status: 'failed' | 'succeeded', prefs: Partial<NotifyPrefs> = {}): FinishedRun {
  return {
    run: { id: nextRunId++, jobId: 'sync', status, exitCode: status === 'failed' ? 1 : 0, signal: null, reason: null },
    jobName: 'Sync photos',
    prefs: { ...DEFAULT_NOTIFY_PREFS, ...prefs },
    lastLine: null,
  };
}

/** Feeds runs `everyMs` apart on a fake clock and flushes as the glue does; returns what was told, with when. */
function tell(statuses: Array<'failed' | 'succeeded'>, everyMs: number, prefs: Partial<NotifyPrefs> = {}) {
  const clock = new FakeClock(0);
  const policy = new NotifyPolicy();
  const told: string[] = [];
  for (const status of statuses) {
    policy.push(run(status, prefs), clock.now());
    clock.advance(SETTLE_MS);
    for (const notice of policy.flush(clock.now())) told.push(`${Math.round(clock.now() / MINUTE)}m ${notice.title}`);
    clock.advance(everyMs - SETTLE_MS);
  }
  return told;
}

const alternating = (count: number) =>
  Array.from({ length: count }, (_, index): 'failed' | 'succeeded' => (index % 2 === 0 ? 'failed' : 'succeeded'));

describe('flapping', () => {
  it('a job flipping every 5 minutes is told as flapping once, then nothing more while it flaps', () => {
    // Without the rule this would be failure, recovery, failure, recovery… every five minutes.
    expect(tell(alternating(24), 5 * MINUTE)).toEqual([
      '0m Sync photos failed',
      '5m Sync photos is working again',
      '10m Sync photos failed',
      '15m Sync photos is working again',
      '20m Sync photos failed',
      '25m Sync photos is flapping',
    ]);
  });

  it('after an hour without a flip it has settled: a failure is told again', () => {
    const statuses = [...alternating(6), ...Array<'succeeded'>(13).fill('succeeded'), 'failed' as const];
    const told = tell(statuses, 5 * MINUTE);
    expect(told.at(-2)).toBe('25m Sync photos is flapping');
    // Runs 6..18 succeed (60 minutes without a flip from 25m), run 19 at 95m fails and is told as usual.
    expect(told.at(-1)).toBe('95m Sync photos failed');
  });

  it('notify.flapping sets the number of flips, and false turns the rule off', () => {
    expect(tell(alternating(4), 5 * MINUTE, { flapping: 2 })).toEqual([
      '0m Sync photos failed',
      '5m Sync photos is working again',
      '10m Sync photos failed',
      '15m Sync photos is flapping',
    ]);
    expect(tell(alternating(8), 5 * MINUTE, { flapping: false })).toHaveLength(8);
  });

  it('flips spread over more than an hour are not flapping', () => {
    const detector = new FlapDetector();
    const states = alternating(12).map(
      (status, index) => detector.record('sync', status, index * (FLAP_WINDOW_MS / 4), 4).state,
    );
    expect(states.every((state) => state === 'stable')).toBe(true);
  });
});
