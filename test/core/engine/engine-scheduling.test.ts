import { describe, expect, it } from 'vitest';
import { MAX_TIMER_MS } from '../../../electron/core/engine/engine';
import { job } from './fake-runner';
import { at, flush, iso, makeHarness } from './harness';

describe('scheduled fires', () => {
  it('runs a cron job at its time, records the nominal time and forwards output', async () => {
    const h = makeHarness([job({ id: 'backup', cron: '0 2 * * *' })]);
    const outputs: string[] = [];
    h.engine.on('run:output', ({ chunk }) => outputs.push(chunk.toString()));
    expect(iso(h.engine.nextFire('backup'))).toBe('2026-01-01T02:00:00.000Z');
    await h.clock.advanceTo('2026-01-01T01:59:59.999Z');
    expect(h.runner.actions).toHaveLength(0);
    await h.clock.advanceTo('2026-01-01T02:00:00Z');
    expect(h.runner.actions).toHaveLength(1);
    const action = h.runner.actions[0]!;
    expect(action.context.scheduledFor).toBe(at('2026-01-01T02:00:00Z'));
    action.print('hello');
    action.succeed();
    await flush();
    expect(outputs).toEqual(['hello']);
    expect(h.summary()).toEqual([
      { status: 'succeeded', trigger: 'schedule', for: '2026-01-01T02:00:00.000Z', reason: null },
    ]);
    expect(h.store.getJobState('backup')?.lastFireAt).toBe(at('2026-01-01T02:00:00Z'));
    expect(iso(h.engine.nextFire('backup'))).toBe('2026-01-02T02:00:00.000Z');
  });

  it('arms one timer, and idles with no work but the 30 s clock check', async () => {
    const h = makeHarness([job({ id: 'a', cron: '0 2 * * *' }), job({ id: 'b', cron: '0 3 * * *' })]);
    // One engine timer plus the clock watch.
    expect(h.clock.pendingTimers).toBe(2);
    const before = h.clock.delays.length;
    await h.clock.advanceAsync(60 * 60_000);
    // An hour idle: 120 watch checks, and no engine re-arming.
    expect(h.clock.delays.length - before).toBe(120);
    expect(h.clock.delays.slice(before).every((delay) => delay === 30_000)).toBe(true);
  });

  it('a job a year away arms chunked timers under the setTimeout cap and still fires on time', async () => {
    const h = makeHarness([job({ id: 'yearly', at: '2027-01-01T00:00' })]);
    expect(h.clock.delays.filter((delay) => delay !== 30_000)).toEqual([MAX_TIMER_MS]);
    // A year of wall time, synchronously (no run completes in between).
    h.clock.advance(at('2026-12-31T23:59:59Z') - h.clock.now());
    expect(h.runner.actions).toHaveLength(0);
    expect(h.clock.delays.filter((delay) => delay > MAX_TIMER_MS)).toEqual([]);
    await h.clock.advanceTo('2027-01-01T00:00:00Z');
    expect(h.runner.actions).toHaveLength(1);
    expect(h.runner.actions[0]!.context.scheduledFor).toBe(at('2027-01-01T00:00:00Z'));
    expect(h.engine.nextFire('yearly')).toBeNull();
  });

  it('fires every: jobs on the persisted anchor grid, across a restart', async () => {
    const h = makeHarness([job({ id: 'poll', every: '10m' })], { start: '2026-01-01T00:00:07Z' });
    await h.clock.advanceTo('2026-01-01T00:10:07Z');
    h.runner.actions[0]!.succeed();
    await h.clock.advanceTo('2026-01-01T00:20:07Z');
    h.runner.actions[1]!.succeed();
    expect(h.runner.actions.map((action) => iso(action.context.scheduledFor))).toEqual([
      '2026-01-01T00:10:07.000Z',
      '2026-01-01T00:20:07.000Z',
    ]);
    await h.engine.stop({ graceMs: 0 });
    await h.clock.advanceTo('2026-01-01T00:25:00Z');
    const again = h.restart([job({ id: 'poll', every: '10m' })]);
    expect(iso(again.engine.nextFire('poll'))).toBe('2026-01-01T00:30:07.000Z');
  });

  it('applies a deterministic jitter in [0, jitter) and keeps the nominal time in scheduledFor', async () => {
    const spec = job({ id: 'spread', cron: '0 * * * *', jitter: '10m' });
    const h = makeHarness([spec]);
    const first = h.engine.nextFire('spread')!;
    const nominal = at('2026-01-01T01:00:00Z');
    expect(first).toBeGreaterThanOrEqual(nominal);
    expect(first).toBeLessThan(nominal + 600_000);
    expect(makeHarness([spec]).engine.nextFire('spread')).toBe(first);
    await h.clock.advanceTo(first - 1);
    expect(h.runner.actions).toHaveLength(0);
    await h.clock.advanceTo(first);
    expect(h.runner.actions[0]!.context.scheduledFor).toBe(nominal);
  });

  it('gives a disabled job no next fire and never runs it', async () => {
    const h = makeHarness([job({ id: 'off', cron: '* * * * *', enabled: false })]);
    expect(h.engine.nextFire('off')).toBeNull();
    await h.clock.advanceAsync(10 * 60_000);
    expect(h.runner.actions).toHaveLength(0);
  });

  it('an at: job already handled does not run again after a restart', async () => {
    const spec = job({ id: 'once', at: '2026-01-01T01:00' });
    const h = makeHarness([spec]);
    await h.clock.advanceTo('2026-01-01T01:00:00Z');
    h.runner.actions[0]!.succeed();
    await h.engine.stop({ graceMs: 0 });
    await h.clock.advanceTo('2026-01-01T03:00:00Z');
    const again = h.restart([spec]);
    expect(again.engine.nextFire('once')).toBeNull();
    expect(again.runner.actions).toHaveLength(0);
    expect(again.runs('once')).toHaveLength(1);
  });
});

describe('setJobs', () => {
  it('keeps state and running runs for unchanged schedules and restarts changed ones from now', async () => {
    const h = makeHarness([job({ id: 'same', cron: '*/10 * * * *' }), job({ id: 'edited', cron: '0 * * * *' })]);
    await h.clock.advanceTo('2026-01-01T00:10:00Z');
    const running = h.runner.forJob('same')[0]!;
    h.engine.pauseJob('edited', null);
    h.engine.setJobs([
      job({ id: 'same', cron: '*/10 * * * *', name: 'Renamed' }),
      job({ id: 'edited', cron: '30 * * * *' }),
    ]);
    expect(h.engine.jobRuntime('same').runningRunIds).toEqual([running.context.runId]);
    expect(h.store.getJobState('same')?.lastFireAt).toBe(at('2026-01-01T00:10:00Z'));
    // The edited job keeps its pause but its schedule starts from the edit.
    expect(h.engine.jobRuntime('edited').paused).toBe(true);
    expect(h.store.getJobState('edited')?.lastFireAt).toBe(at('2026-01-01T00:10:00Z'));
    running.succeed();
    await flush();
    expect(h.runs('same')[0]!.status).toBe('succeeded');
  });

  it('an edited schedule does not produce a catch-up storm on the next start', async () => {
    const h = makeHarness([job({ id: 'j', cron: '0 * * * *' })]);
    await h.engine.stop({ graceMs: 0 });
    await h.clock.advanceTo('2026-01-01T10:00:00Z');
    const again = h.restart([job({ id: 'j', cron: '15 * * * *' })]);
    expect(again.runs('j')).toEqual([]);
    expect(iso(again.engine.nextFire('j'))).toBe('2026-01-01T10:15:00.000Z');
  });

  it('removing a job drops its queue entry; its running run finishes and is recorded', async () => {
    const h = makeHarness([job({ id: 'gone', cron: '* * * * *' })]);
    await h.clock.advanceTo('2026-01-01T00:01:00Z');
    const action = h.runner.actions[0]!;
    h.engine.setJobs([]);
    expect(h.engine.upcoming(5)).toEqual([]);
    expect(h.store.getJobState('gone')).toBeNull();
    action.succeed();
    await h.clock.advanceAsync(5 * 60_000);
    expect(h.summary('gone')).toEqual([
      { status: 'succeeded', trigger: 'schedule', for: '2026-01-01T00:01:00.000Z', reason: null },
    ]);
  });

  it('refuses duplicate ids and bad cron expressions without changing anything', () => {
    const h = makeHarness([job({ id: 'keep', cron: '0 2 * * *' })]);
    expect(() => h.engine.setJobs([job({ id: 'x', cron: '0 2 * * *' }), job({ id: 'x', cron: '0 3 * * *' })])).toThrow(
      /jobs\[1\]: duplicate id "x"/,
    );
    const bad = { ...job({ id: 'y', cron: '0 2 * * *' }), schedule: { kind: 'cron' as const, expr: '0 25 * * *' } };
    expect(() => h.engine.setJobs([bad])).toThrow(/jobs\[0\] \(y\)/);
    expect(h.engine.jobs().map((spec) => spec.id)).toEqual(['keep']);
  });
});

describe('queries', () => {
  it('upcoming() merges every job earliest first, within from/until', () => {
    const h = makeHarness([
      job({ id: 'hourly', cron: '0 * * * *' }),
      job({ id: 'half', cron: '30 * * * *' }),
      job({ id: 'daily', cron: '45 1 * * *' }),
    ]);
    const list = h.engine.upcoming(6).map((fire) => `${fire.jobId}@${iso(fire.at)!.slice(11, 16)}`);
    expect(list).toEqual(['half@00:30', 'hourly@01:00', 'half@01:30', 'daily@01:45', 'hourly@02:00', 'half@02:30']);
    const later = h.engine
      .upcoming(3, at('2026-01-01T05:00:00Z'), at('2026-01-01T05:40:00Z'))
      .map((fire) => `${fire.jobId}@${iso(fire.at)!.slice(11, 16)}`);
    expect(later).toEqual(['hourly@05:00', 'half@05:30']);
  });

  it("nextFires() lists a job's coming fires; status() and jobRuntime() report the live picture", async () => {
    const h = makeHarness([job({ id: 'j', cron: '0 */6 * * *' })], { concurrency: 3 });
    expect(h.engine.nextFires('j', 3).map(iso)).toEqual([
      '2026-01-01T06:00:00.000Z',
      '2026-01-01T12:00:00.000Z',
      '2026-01-01T18:00:00.000Z',
    ]);
    expect(h.engine.nextFires('j', 2, at('2026-02-01T00:00:00Z')).map(iso)).toEqual([
      '2026-02-01T00:00:00.000Z',
      '2026-02-01T06:00:00.000Z',
    ]);
    await h.clock.advanceTo('2026-01-01T06:00:00Z');
    expect(h.engine.status()).toEqual({
      pausedAll: false,
      pausedAllUntil: null,
      running: 1,
      queued: 0,
      concurrency: 3,
      jobCount: 1,
    });
    expect(h.engine.jobRuntime('j')).toMatchObject({ paused: false, queuedCount: 0, canRunNow: false });
  });
});

describe('DST through the engine', () => {
  it('Europe/Berlin 02:30: runs at 03:00 on the spring-forward day and once on the fall-back day', async () => {
    const h = makeHarness([job({ id: 'nightly', cron: '30 2 * * *' }, 'Europe/Berlin')], {
      start: '2026-03-28T12:00:00Z',
    });
    h.runner.autoSucceed = true;
    await h.clock.advanceTo('2026-03-29T12:00:00Z');
    expect(h.runner.actions.map((action) => iso(action.context.scheduledFor))).toEqual(['2026-03-29T01:00:00.000Z']);
    h.clock.advance(Date.parse('2026-10-24T12:00:00Z') - h.clock.now());
    const before = h.runner.actions.length;
    await h.clock.advanceTo('2026-10-25T12:00:00Z');
    expect(h.runner.actions.slice(before).map((action) => iso(action.context.scheduledFor))).toEqual([
      '2026-10-25T00:30:00.000Z',
    ]);
  });
});
