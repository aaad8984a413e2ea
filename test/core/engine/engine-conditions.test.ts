/**
 * `when:` conditions through the engine, on the fake clock with injected probes: an unmet fire is skipped with the
 * reason, or with `unmet: wait` started as soon as they hold within the bound (recorded late, with why).
 */
import { describe, expect, it } from 'vitest';
import { CLOCK_CHECK_INTERVAL_MS } from '../../../electron/core/engine/clock-watch';
import { FakeProbes } from './fake-probes';
import { job } from './fake-runner';
import { flush, makeHarness } from './harness';

const nightly = (when: Record<string, unknown>) => job({ id: 'backup', cron: '0 2 * * *', when } as never);

function onBattery() {
  const probes = new FakeProbes();
  probes.power = 'battery';
  return probes;
}

describe('when: unmet: skip', () => {
  it('records the fire skipped with why: "on battery at 02:00"; the next fire on AC runs', async () => {
    const probes = onBattery();
    const h = makeHarness([nightly({ power: 'ac' })], { probes });
    await h.clock.advanceTo('2026-01-01T02:00:00Z');
    expect(h.summary()).toEqual([
      { status: 'skipped', trigger: 'schedule', for: '2026-01-01T02:00:00.000Z', reason: 'on battery at 02:00' },
    ]);
    expect(h.runner.actions).toHaveLength(0);
    probes.power = 'ac';
    await h.clock.advanceTo('2026-01-02T02:00:00Z');
    expect(h.summary().map((row) => row.status)).toEqual(['skipped', 'running']);
  });

  it('words each unmet condition, in the job time zone', async () => {
    const probes = onBattery();
    probes.online = false;
    probes.idle = 60_000;
    const h = makeHarness(
      [job({ id: 'b', cron: '0 2 * * *', when: { power: 'ac', network: 'online', idle: '5m' } }, 'Europe/Berlin')],
      {
        probes,
        start: '2026-01-01T00:00:00Z',
      },
    );
    await h.clock.advanceTo('2026-01-02T01:00:00Z');
    expect(h.runs('b')[0]!.reason).toBe('on battery, offline, user active (idle 1 min, needs 5m) at 02:00');
  });

  it('a condition this process cannot see does not hold, and says so', async () => {
    const probes = new FakeProbes();
    probes.idle = null;
    const h = makeHarness([nightly({ idle: '5m' })], { probes });
    await h.clock.advanceTo('2026-01-01T02:00:00Z');
    expect(h.runs()[0]!.reason).toBe('idle time unknown here (desktop app only) at 02:00');
  });

  it('applies to event fires too', async () => {
    const probes = new FakeProbes();
    probes.online = false;
    const h = makeHarness([job({ id: 'boot', on: 'start', when: { network: 'online' } })], { probes });
    await flush();
    expect(h.summary('boot')).toMatchObject([
      { status: 'skipped', trigger: 'start', reason: 'on start: the scheduler started; offline at 00:00' },
    ]);
  });

  it('does not hold back a manual run', async () => {
    const h = makeHarness([nightly({ power: 'ac' })], { probes: onBattery() });
    expect(h.engine.runNow('backup').refused).toBeNull();
    expect(h.runner.actions).toHaveLength(1);
  });
});

describe('when: unmet: wait', () => {
  it('starts as soon as AC comes back (push), recorded as the 02:00 fire, late, with why', async () => {
    const probes = onBattery();
    const h = makeHarness([nightly({ power: 'ac', unmet: 'wait', within: '4h' })], { probes });
    await h.clock.advanceTo('2026-01-01T03:10:00Z');
    expect(h.runs()).toHaveLength(0);
    probes.setPower('ac');
    await flush();
    expect(h.summary()).toEqual([
      {
        status: 'running',
        trigger: 'schedule',
        for: '2026-01-01T02:00:00.000Z',
        reason: 'started 1 h 10 min late: waited for its conditions (on battery at 02:00)',
      },
    ]);
    expect(probes.listenerCount('power')).toBe(0);
  });

  it('with a polled probe, starts at the next 30 s wake-up', async () => {
    const probes = onBattery();
    probes.push = false;
    const h = makeHarness([nightly({ power: 'ac', unmet: 'wait', within: '4h' })], { probes });
    await h.clock.advanceTo('2026-01-01T02:30:00Z');
    probes.setPower('ac');
    await h.clock.advanceAsync(CLOCK_CHECK_INTERVAL_MS);
    expect(h.runs().map((run) => run.status)).toEqual(['running']);
  });

  it('is skipped when the bound passes, saying how long it waited', async () => {
    const h = makeHarness([nightly({ power: 'ac', unmet: 'wait', within: '4h' })], { probes: onBattery() });
    await h.clock.advanceTo('2026-01-01T05:59:00Z');
    expect(h.runs()).toHaveLength(0);
    await h.clock.advanceTo('2026-01-01T06:01:00Z');
    expect(h.summary()).toEqual([
      {
        status: 'skipped',
        trigger: 'schedule',
        for: '2026-01-01T02:00:00.000Z',
        reason: 'on battery at 02:00, still on battery after 4h (when.within)',
      },
    ]);
  });

  it('one fire waits per job: a later fire meanwhile is skipped naming the waiting one', async () => {
    const h = makeHarness([job({ id: 'h', cron: '0 * * * *', when: { power: 'ac', unmet: 'wait', within: '3h' } })], {
      probes: onBattery(),
    });
    await h.clock.advanceTo('2026-01-01T02:00:00Z');
    expect(h.summary()).toMatchObject([
      {
        status: 'skipped',
        for: '2026-01-01T02:00:00.000Z',
        reason: 'on battery at 02:00; the fire of 01:00 already waits for its conditions',
      },
    ]);
  });

  it('a stop while a fire waits records it', async () => {
    const h = makeHarness([nightly({ power: 'ac', unmet: 'wait' })], { probes: onBattery() });
    await h.clock.advanceTo('2026-01-01T02:10:00Z');
    await h.engine.stop();
    expect(h.summary()).toMatchObject([
      { status: 'skipped', reason: 'on battery at 02:00; Cronbar stopped while it waited' },
    ]);
  });

  it('a job paused while its fire waited is recorded skipped when the conditions hold', async () => {
    const probes = onBattery();
    const h = makeHarness([nightly({ power: 'ac', unmet: 'wait' })], { probes });
    await h.clock.advanceTo('2026-01-01T02:10:00Z');
    h.engine.pauseJob('backup', null);
    probes.setPower('ac');
    await flush();
    expect(h.summary()).toMatchObject([{ status: 'skipped', reason: 'on battery at 02:00; paused when they held' }]);
  });
});
