import { describe, expect, it } from 'vitest';
import type { JobSpec } from '../../../shared/config/schema';
import { job } from './fake-runner';
import { flush, makeHarness } from './harness';

/** Runs the job once so it has state, stops, lets `downFor` pass, and restarts with `spec`. */
async function downtime(spec: JobSpec, until: string) {
  const h = makeHarness([spec], { start: '2026-01-01T00:00:00Z' });
  await h.engine.stop({ graceMs: 0 });
  await h.clock.advanceTo(until);
  return h.restart([spec]);
}

describe('catch-up after downtime', () => {
  it('once: one coalesced catch-up run for the latest missed fire, saying how many it stands for', async () => {
    const h = await downtime(job({ id: 'j', cron: '0 * * * *' }), '2026-01-01T05:30:00Z');
    expect(h.summary()).toEqual([
      {
        status: 'running',
        trigger: 'catch-up',
        for: '2026-01-01T05:00:00.000Z',
        reason: 'catch-up for 5 fires (runs once, for the latest)',
      },
    ]);
    expect(h.store.getJobState('j')?.lastFireAt).toBe(Date.parse('2026-01-01T05:00:00Z'));
  });

  it('skip: records the missed fires without running', async () => {
    const h = await downtime(job({ id: 'j', cron: '0 * * * *', catchUp: 'skip' }), '2026-01-01T03:30:00Z');
    expect(h.summary().map((row) => [row.status, row.for?.slice(11, 16), row.reason])).toEqual([
      ['missed', '01:00', 'catch-up policy skip'],
      ['missed', '02:00', 'catch-up policy skip'],
      ['missed', '03:00', 'catch-up policy skip'],
    ]);
    expect(h.runner.actions).toHaveLength(0);
  });

  it('all: each missed fire, capped at max, one after another; the rest missed', async () => {
    const h = await downtime(
      job({ id: 'j', cron: '0 * * * *', catchUp: { policy: 'all', max: 3 } }),
      '2026-01-01T05:30:00Z',
    );
    expect(h.summary().map((row) => [row.status, row.trigger, row.for?.slice(11, 16)])).toEqual([
      ['missed', 'schedule', '01:00'],
      ['missed', 'schedule', '02:00'],
      ['running', 'catch-up', '03:00'],
      ['queued', 'catch-up', '04:00'],
      ['queued', 'catch-up', '05:00'],
    ]);
    expect(h.runs()[0]!.reason).toBe('over the catch-up limit of 3 (catchUp.max)');
    // Never a burst: the next catch-up run starts only when the previous one ends.
    expect(h.runner.actions).toHaveLength(1);
    h.runner.actions[0]!.succeed();
    await flush();
    expect(
      h.runner.actions.map((action) => new Date(action.context.scheduledFor!).toISOString().slice(11, 16)),
    ).toEqual(['03:00', '04:00']);
  });

  it('catch-up runs of many jobs go one after another, not all at once', async () => {
    const specs = ['a', 'b', 'c'].map((id) => job({ id, cron: '0 * * * *' }));
    const h = makeHarness(specs, { concurrency: 4 });
    await h.engine.stop({ graceMs: 0 });
    await h.clock.advanceTo('2026-01-01T02:30:00Z');
    const again = h.restart(specs);
    expect(again.runs().map((run) => run.status)).toEqual(['running', 'queued', 'queued']);
    again.runner.actions[0]!.succeed();
    await flush();
    expect(again.runner.actions).toHaveLength(2);
  });

  it("a scheduled fire takes the place of the job's catch-up run still queued behind other jobs' catch-up", async () => {
    const specs = ['a', 'b'].map((id) => job({ id, cron: '0 * * * *' }));
    const h = makeHarness(specs, { concurrency: 4 });
    await h.engine.stop({ graceMs: 0 });
    await h.clock.advanceTo('2026-01-01T02:30:00Z');
    const again = h.restart(specs);
    // a's catch-up holds the lane and runs on; b's waits behind it.
    expect(again.summary().map((row) => [row.status, row.trigger])).toEqual([
      ['running', 'catch-up'],
      ['queued', 'catch-up'],
    ]);
    const queuedCatchUp = again.runs('b')[0]!;
    await again.clock.advanceTo('2026-01-01T03:00:00Z');
    const fire = again.runs('b').find((run) => run.trigger === 'schedule')!;
    expect(fire).toMatchObject({ status: 'running', scheduledFor: Date.parse('2026-01-01T03:00:00Z') });
    expect(again.store.getRun(queuedCatchUp.id)).toMatchObject({
      status: 'skipped',
      startedAt: null,
      reason: `superseded by run ${fire.id}, the scheduled fire that came while this catch-up waited`,
    });
    // a's own catch-up was running, so its fire is skipped as before; the lane is empty when it ends.
    expect(again.summary('a').map((row) => row.status)).toEqual(['running', 'skipped']);
    again.runner.actions[0]!.succeed();
    await flush();
    expect(again.runner.actions.map((action) => [action.context.jobId, action.context.scheduledFor])).toEqual([
      ['a', Date.parse('2026-01-01T02:00:00Z')],
      ['b', Date.parse('2026-01-01T03:00:00Z')],
    ]);
  });

  it('a scheduled fire refused by its running catch-up run leaves the queued ones in place', async () => {
    const h = await downtime(
      job({ id: 'j', cron: '0 * * * *', catchUp: { policy: 'all', max: 3 } }),
      '2026-01-01T05:30:00Z',
    );
    const running = h.runs().find((run) => run.status === 'running')!;
    await h.clock.advanceTo('2026-01-01T06:00:00Z');
    expect(
      h
        .summary()
        .slice(2)
        .map((row) => [row.status, row.trigger, row.for?.slice(11, 16), row.reason]),
    ).toEqual([
      ['running', 'catch-up', '03:00', 'catch-up'],
      ['queued', 'catch-up', '04:00', 'catch-up'],
      ['queued', 'catch-up', '05:00', 'catch-up'],
      ['skipped', 'schedule', '06:00', `overlap: still running (run ${running.id})`],
    ]);
  });

  it('fires older than the window are missed with how late they are, coalesced when many', async () => {
    const h = await downtime(
      job({ id: 'j', cron: '0 * * * *', catchUp: { policy: 'once', window: '2h' } }),
      '2026-01-02T00:30:00Z',
    );
    expect(h.summary()).toEqual([
      {
        status: 'missed',
        trigger: 'schedule',
        for: '2026-01-01T22:00:00.000Z',
        reason: 'missed 22 fires (the latest by 2 h): outside the 2h catch-up window',
      },
      {
        status: 'running',
        trigger: 'catch-up',
        for: '2026-01-02T00:00:00.000Z',
        reason: 'catch-up for 2 fires (runs once, for the latest)',
      },
    ]);
  });

  it('a single fire outside the default 24h window says how many hours it was missed by', async () => {
    const h = await downtime(job({ id: 'j', cron: '0 6 * * *' }), '2026-01-02T12:00:00Z');
    expect(h.summary()).toEqual([
      {
        status: 'missed',
        trigger: 'schedule',
        for: '2026-01-01T06:00:00.000Z',
        reason: 'missed by 30 h: outside the 24h catch-up window',
      },
      { status: 'running', trigger: 'catch-up', for: '2026-01-02T06:00:00.000Z', reason: 'catch-up for 1 missed fire' },
    ]);
  });

  it('an at: job missed while down runs by catch-up within the window', async () => {
    const h = await downtime(job({ id: 'once', at: '2026-01-01T03:00' }), '2026-01-01T04:00:00Z');
    expect(h.summary()).toEqual([
      { status: 'running', trigger: 'catch-up', for: '2026-01-01T03:00:00.000Z', reason: 'catch-up for 1 missed fire' },
    ]);
    expect(h.engine.nextFire('once')).toBeNull();
  });

  it('a job never seen before starts from now: no missed fires', () => {
    const h = makeHarness([job({ id: 'new', cron: '* * * * *' })], { start: '2026-06-01T00:00:30Z' });
    expect(h.runs()).toEqual([]);
  });
});

describe('clock jumps and sleep', () => {
  it('sleep (wall clock jumps forward): detected by the 30 s check, catch-up runs once', async () => {
    const h = makeHarness([job({ id: 'j', cron: '*/10 * * * *' })]);
    await h.clock.advanceAsync(5_000);
    h.clock.jumpWallClock(2 * 3_600_000);
    await h.clock.advanceAsync(30_000);
    expect(h.logs.some((line) => /resync: the wall clock moved 2\.0 h ahead/.test(line))).toBe(true);
    expect(h.summary()).toEqual([
      {
        status: 'running',
        trigger: 'catch-up',
        for: '2026-01-01T02:00:00.000Z',
        reason: 'catch-up for 12 fires (runs once, for the latest)',
      },
    ]);
  });

  it('a resync is an event with its reason, emitted before the catch-up it leads to', async () => {
    const h = makeHarness([job({ id: 'j', cron: '*/10 * * * *' })]);
    const seen: { reason: string; runsThen: number }[] = [];
    h.engine.on('resync', ({ reason }) => seen.push({ reason, runsThen: h.summary().length }));
    await h.clock.advanceAsync(5_000);
    h.clock.jumpWallClock(2 * 3_600_000);
    await h.clock.advanceAsync(30_000);
    expect(seen).toEqual([{ reason: expect.stringMatching(/^the wall clock moved 2\.0 h ahead/), runsThen: 0 }]);
    expect(h.summary()).toHaveLength(1);
  });

  it('a timer firing more than a second late triggers a resync, even when the clocks agree', async () => {
    const h = makeHarness([job({ id: 'j', cron: '* * * * * *', catchUp: 'skip' })]);
    await h.clock.advanceAsync(1000);
    h.runner.actions[0]!.succeed();
    await flush();
    h.clock.stall(10_000);
    await h.clock.advanceAsync(0);
    expect(h.logs.some((line) => /resync: a timer fired 9 s late/.test(line))).toBe(true);
    const rows = h.summary();
    expect(rows.filter((row) => row.status === 'missed')).toHaveLength(9);
    expect(rows.filter((row) => row.status === 'missed').every((row) => row.reason === 'catch-up policy skip')).toBe(
      true,
    );
    expect(rows.at(-1)).toEqual({
      status: 'running',
      trigger: 'schedule',
      for: '2026-01-01T00:00:11.000Z',
      reason: null,
    });
  });

  it('the wall clock set back does not run a fire twice', async () => {
    const h = makeHarness([job({ id: 'j', cron: '0 1 * * *' })]);
    await h.clock.advanceTo('2026-01-01T01:00:00Z');
    h.runner.actions[0]!.succeed();
    await flush();
    h.clock.jumpWallClock(-30 * 60_000);
    await h.clock.advanceAsync(31 * 60_000);
    expect(h.logs.some((line) => /set back 30 min/.test(line))).toBe(true);
    expect(h.runner.actions).toHaveLength(1);
    expect(new Date(h.engine.nextFire('j')!).toISOString()).toBe('2026-01-02T01:00:00.000Z');
  });

  it('the wall clock set back an hour: a frequent job keeps firing on the new clock, nothing runs twice at once', async () => {
    const h = makeHarness([job({ id: 'sec', cron: '* * * * * *' }), job({ id: 'min', every: '10m', catchUp: 'all' })]);
    h.runner.autoSucceed = true;
    for (let second = 0; second < 5; second++) {
      await h.clock.advanceAsync(1000);
      await flush();
    }
    const before = h.runner.forJob('sec').length;
    h.clock.jumpWallClock(-3_600_000);
    // Within a minute of the correction: the 30 s check notices, the job follows the new wall clock.
    for (let second = 0; second < 60; second++) {
      await h.clock.advanceAsync(1000);
      await flush();
    }
    expect(h.logs.some((line) => /set back 60 min/.test(line))).toBe(true);
    expect(h.runner.forJob('sec').length - before).toBeGreaterThanOrEqual(25);
    // The 10-minute job follows the new clock too, and no catch-up is planned for the abandoned hour.
    expect(h.engine.nextFire('min')! - h.clock.now()).toBeLessThanOrEqual(10 * 60_000);
    expect(h.runs('min').filter((run) => run.trigger === 'catch-up')).toEqual([]);
    expect(h.store.getJobState('sec')!.lastFireAt!).toBeLessThanOrEqual(h.clock.now());
  });

  it('the wall clock set back an hour right after an hourly run: the next run is an hour later, not two', async () => {
    const h = makeHarness([job({ id: 'hourly', cron: '0 * * * *' })]);
    await h.clock.advanceTo('2026-01-01T01:00:00Z');
    h.runner.actions[0]!.succeed();
    await flush();
    await h.clock.advanceAsync(5_000);
    h.clock.jumpWallClock(-3_600_000);
    await h.clock.advanceAsync(30_000);
    expect(new Date(h.engine.nextFire('hourly')!).toISOString()).toBe('2026-01-01T01:00:00.000Z');
  });

  it('a nightly job whose fire ran minutes before the clock went back waits for tomorrow, and says so', async () => {
    const h = makeHarness([job({ id: 'nightly', cron: '0 2 * * *' })]);
    await h.clock.advanceTo('2026-01-01T02:00:00Z');
    h.runner.actions[0]!.succeed();
    await flush();
    await h.clock.advanceAsync(5 * 60_000);
    h.clock.jumpWallClock(-20 * 60_000);
    await h.clock.advanceAsync(60 * 60_000);
    expect(h.runner.actions).toHaveLength(1);
    expect(new Date(h.engine.nextFire('nightly')!).toISOString()).toBe('2026-01-02T02:00:00.000Z');
    expect(h.logs).toContain(
      'nightly: its fire of 2026-01-01T02:00:00.000Z ran before the wall clock was set back; not run again (next 2026-01-02T02:00:00.000Z)',
    );
  });

  it('a scheduler started after the clock was corrected back follows the new clock (state from the future)', async () => {
    const spec = job({ id: 'j', every: '1m' });
    const h = makeHarness([spec], { start: '2026-01-01T05:00:00Z' });
    h.runner.autoSucceed = true;
    await h.clock.advanceAsync(3 * 60_000);
    await flush();
    await h.engine.stop({ graceMs: 0 });
    h.clock.jumpWallClock(-2 * 3_600_000);
    const after = h.restart([spec]);
    expect(after.engine.nextFire('j')! - after.clock.now()).toBeLessThanOrEqual(60_000);
    expect(after.runs().filter((run) => run.trigger === 'catch-up' || run.status === 'missed')).toEqual([]);
  });

  it('a job paused while the clock went back fires on the new clock once resumed', async () => {
    const h = makeHarness([job({ id: 'j', every: '1m' })]);
    h.runner.autoSucceed = true;
    await h.clock.advanceAsync(3 * 60_000);
    await flush();
    h.engine.pauseJob('j', null);
    h.clock.jumpWallClock(-3_600_000);
    await h.clock.advanceAsync(30_000);
    h.engine.resumeJob('j');
    expect(h.engine.nextFire('j')! - h.clock.now()).toBeLessThanOrEqual(60_000);
  });

  it('the 30 s check does no work when nothing jumped', async () => {
    const h = makeHarness([job({ id: 'j', cron: '0 1 * * *' })]);
    await h.clock.advanceAsync(10 * 60_000);
    expect(h.logs).toEqual([]);
    expect(h.store.transactions).toBe(1);
  });
});
