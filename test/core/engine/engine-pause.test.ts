import { describe, expect, it } from 'vitest';
import { PAUSE_ALL_SETTING } from '../../../electron/core/engine/engine';
import { job } from './fake-runner';
import { at, iso, makeHarness } from './harness';

describe('pause and resume', () => {
  it('a paused job shows no next fire, does not run, and gets one skipped row per missed fire on resume', async () => {
    const h = makeHarness([job({ id: 'j', cron: '0 * * * *' })]);
    h.engine.pauseJob('j', null);
    expect(h.engine.nextFire('j')).toBeNull();
    expect(h.engine.nextFires('j', 3)).toEqual([]);
    expect(h.engine.upcoming(3)).toEqual([]);
    expect(h.engine.jobRuntime('j')).toMatchObject({ paused: true, pausedUntil: null });
    await h.clock.advanceTo('2026-01-01T03:30:00Z');
    expect(h.runner.actions).toHaveLength(0);
    h.engine.resumeJob('j');
    expect(h.summary().map((row) => [row.status, row.for?.slice(11, 16), row.reason])).toEqual([
      ['skipped', '01:00', 'paused'],
      ['skipped', '02:00', 'paused'],
      ['skipped', '03:00', 'paused'],
    ]);
    expect(iso(h.engine.nextFire('j'))).toBe('2026-01-01T04:00:00.000Z');
  });

  it('a 1-second job paused for a day writes one coalesced row, not 86 400', async () => {
    const h = makeHarness([job({ id: 'fast', cron: '* * * * * *' })]);
    h.engine.pauseJob('fast', at('2026-01-02T00:00:00Z'));
    h.clock.advance(86_400_000 - 1);
    await h.clock.advanceAsync(1);
    const rows = h.runs('fast');
    expect(rows[0]).toMatchObject({ status: 'skipped', reason: 'paused: stands for over 10000 fires' });
    expect(rows.filter((row) => row.status === 'skipped')).toHaveLength(1);
  });

  it('"until" resumes by itself from the timer queue, and the pause survives a restart', async () => {
    const spec = job({ id: 'j', cron: '0 * * * *' });
    const h = makeHarness([spec]);
    h.engine.pauseJob('j', at('2026-01-01T02:30:00Z'));
    await h.engine.stop({ graceMs: 0 });
    await h.clock.advanceTo('2026-01-01T01:30:00Z');
    const again = h.restart([spec]);
    expect(again.engine.jobRuntime('j')).toMatchObject({ paused: true, pausedUntil: at('2026-01-01T02:30:00Z') });
    expect(again.engine.nextFire('j')).toBeNull();
    await again.clock.advanceTo('2026-01-01T02:30:00Z');
    expect(again.engine.jobRuntime('j').paused).toBe(false);
    expect(again.summary().map((row) => [row.status, row.for?.slice(11, 16), row.reason])).toEqual([
      ['skipped', '01:00', 'paused'],
      ['skipped', '02:00', 'paused'],
    ]);
    await again.clock.advanceTo('2026-01-01T03:00:00Z');
    expect(again.runner.actions).toHaveLength(1);
  });

  it('pause all until a time: nothing runs, reasons say (all), it ends by itself and persists', async () => {
    const specs = [job({ id: 'a', cron: '0 * * * *' }), job({ id: 'b', cron: '30 * * * *' })];
    const h = makeHarness(specs);
    h.engine.pauseAll(at('2026-01-01T02:00:00Z'));
    expect(JSON.parse(h.store.getSetting(PAUSE_ALL_SETTING)!)).toEqual({ until: at('2026-01-01T02:00:00Z') });
    expect(h.engine.status()).toMatchObject({ pausedAll: true, pausedAllUntil: at('2026-01-01T02:00:00Z') });
    expect(h.engine.nextFire('a')).toBeNull();
    await h.clock.advanceTo('2026-01-01T01:59:59Z');
    expect(h.runner.actions).toHaveLength(0);
    await h.clock.advanceTo('2026-01-01T02:00:00Z');
    expect(h.engine.status().pausedAll).toBe(false);
    expect(h.store.getSetting(PAUSE_ALL_SETTING)).toBeNull();
    const skipped = h.runs().filter((run) => run.status === 'skipped');
    expect(skipped.map((run) => `${run.jobId}@${iso(run.scheduledFor)!.slice(11, 16)}:${run.reason}`).sort()).toEqual([
      'a@01:00:paused (all)',
      'a@02:00:paused (all)',
      'b@00:30:paused (all)',
      'b@01:30:paused (all)',
    ]);
  });

  it('pause all survives a restart and resumeAll() ends it', async () => {
    const spec = job({ id: 'a', cron: '0 * * * *' });
    const h = makeHarness([spec]);
    h.engine.pauseAll(null);
    await h.engine.stop({ graceMs: 0 });
    await h.clock.advanceTo('2026-01-01T01:30:00Z');
    const again = h.restart([spec]);
    expect(again.engine.status().pausedAll).toBe(true);
    await again.clock.advanceTo('2026-01-01T02:30:00Z');
    expect(again.runner.actions).toHaveLength(0);
    again.engine.resumeAll();
    expect(again.summary().map((row) => row.reason)).toEqual(['paused (all)', 'paused (all)']);
    expect(iso(again.engine.nextFire('a'))).toBe('2026-01-01T03:00:00.000Z');
  });

  it('refuses a pause "until" in the past and an unknown job, changing nothing', () => {
    const h = makeHarness([job({ id: 'j', cron: '0 * * * *' })]);
    expect(() => h.engine.pauseJob('j', at('2025-12-31T00:00:00Z'))).toThrow(/not in the future/);
    expect(() => h.engine.pauseJob('nope', null)).toThrow(/no job with id "nope"/);
    expect(h.engine.jobRuntime('j').paused).toBe(false);
  });
});

describe('pause and resume on an engine that is not started (no scheduler runs)', () => {
  it('are persisted by the engine itself, so the next scheduler starts paused and records what the pause swallowed', async () => {
    const spec = job({ id: 'j', cron: '0 * * * *' });
    const offline = makeHarness([spec], { autoStart: false });
    offline.engine.pauseJob('j', null);
    offline.engine.pauseAll(null);
    // A job never scheduled gets the row a scheduler would write: known, so the next start keeps it paused.
    expect(offline.store.getJobState('j')).toMatchObject({ paused: true, lastFireAt: at('2026-01-01T00:00:00Z') });

    await offline.clock.advanceTo('2026-01-01T02:30:00Z');
    const scheduler = offline.restart([spec]);
    expect(scheduler.engine.jobRuntime('j').paused).toBe(true);
    expect(scheduler.engine.status().pausedAll).toBe(true);
    await scheduler.engine.stop({ graceMs: 0 });

    const later = makeHarness([spec], { store: offline.store, clock: offline.clock, autoStart: false });
    later.engine.resumeJob('j');
    later.engine.resumeAll();
    expect(later.store.getJobState('j')).toMatchObject({ paused: false, lastFireAt: at('2026-01-01T02:30:00Z') });
    const next = later.restart([spec]);
    expect(next.engine.status().pausedAll).toBe(false);
    expect(next.summary().map((row) => [row.status, row.for?.slice(11, 16), row.reason])).toEqual([
      ['skipped', '01:00', 'paused (all)'],
      ['skipped', '02:00', 'paused (all)'],
    ]);
    expect(iso(next.engine.nextFire('j'))).toBe('2026-01-01T03:00:00.000Z');
  });
});
