/**
 * `on:` events through the engine, on the fake clock with injected platform probes: each event starts a run recorded
 * with the event as its trigger, through the same admission as a scheduled fire (pause, overlap, retries).
 */
import { describe, expect, it } from 'vitest';
import { CLOCK_CHECK_INTERVAL_MS } from '../../../electron/core/engine/clock-watch';
import { PATH_DEBOUNCE_MS } from '../../../electron/core/engine/event-triggers';
import { FakeProbes } from './fake-probes';
import { job } from './fake-runner';
import { flush, makeHarness } from './harness';

const withProbes = (jobs: Parameters<typeof makeHarness>[0], probes = new FakeProbes()) => ({
  probes,
  h: makeHarness(jobs, { probes }),
});

describe('on: start and login', () => {
  it('runs an event-only job once when the scheduler starts, with trigger start, and never by the clock', async () => {
    const { h } = withProbes([job({ id: 'boot', on: 'start' })]);
    await flush();
    expect(h.summary('boot')).toEqual([
      {
        status: 'running',
        trigger: 'start',
        for: '2026-01-01T00:00:00.000Z',
        reason: 'on start: the scheduler started',
      },
    ]);
    expect(h.engine.nextFire('boot')).toBeNull();
    h.runner.actions[0]!.succeed();
    await h.clock.advanceAsync(24 * 3_600_000);
    expect(h.runs('boot')).toHaveLength(1);
  });

  it('waits the delay first (systemd OnStartupSec=5min)', async () => {
    const { h } = withProbes([job({ id: 'late-boot', on: { start: null, delay: '5m' } })]);
    await h.clock.advanceAsync(4 * 60_000 + 59_000);
    expect(h.runs('late-boot')).toHaveLength(0);
    await h.clock.advanceAsync(1_000);
    expect(h.summary('late-boot')).toEqual([
      {
        status: 'running',
        trigger: 'start',
        for: '2026-01-01T00:05:00.000Z',
        reason: 'on start: the scheduler started (after 5m)',
      },
    ]);
  });

  it('runs a job beside its schedule: the cron fires as before', async () => {
    const { h } = withProbes([job({ id: 'both', cron: '0 * * * *', on: 'start', overlap: 'parallel' })]);
    await h.clock.advanceTo('2026-01-01T01:00:00Z');
    expect(h.summary('both').map((row) => row.trigger)).toEqual(['start', 'schedule']);
  });

  it('login: only when the desktop app was launched at login', async () => {
    const atLogin = new FakeProbes();
    atLogin.atLogin = true;
    const launched = withProbes([job({ id: 'hello', on: 'login' })], atLogin).h;
    const byHand = withProbes([job({ id: 'hello', on: 'login' })]).h;
    await flush();
    expect(launched.summary('hello').map((row) => row.trigger)).toEqual(['login']);
    expect(byHand.runs('hello')).toHaveLength(0);
  });
});

describe('on: resume', () => {
  it('runs after a sleep the clock watch noticed, once even when powerMonitor reports the same wake', async () => {
    const { h } = withProbes([job({ id: 'sync', on: 'resume' })]);
    h.clock.jumpWallClock(2 * 3_600_000);
    await h.clock.advanceAsync(CLOCK_CHECK_INTERVAL_MS);
    expect(h.summary('sync')).toMatchObject([{ trigger: 'resume', reason: 'on resume: the computer woke from sleep' }]);
    h.engine.resync('resume');
    await flush();
    expect(h.runs('sync')).toHaveLength(1);
  });

  it('runs on the desktop resume event alone, and not on a small clock correction', async () => {
    const { h } = withProbes([job({ id: 'sync', on: 'resume' })]);
    h.clock.jumpWallClock(5_000);
    await h.clock.advanceAsync(CLOCK_CHECK_INTERVAL_MS);
    expect(h.runs('sync')).toHaveLength(0);
    h.engine.resync('resume');
    await flush();
    expect(h.summary('sync').map((row) => row.trigger)).toEqual(['resume']);
  });
});

describe('on: path', () => {
  it('debounces a burst of changes into one run naming the file', async () => {
    const { h, probes } = withProbes([job({ id: 'inbox', on: { path: '~/Inbox/*.pdf' } })]);
    probes.fileChanged('~/Inbox/*.pdf', '/home/u/Inbox/a.pdf');
    await h.clock.advanceAsync(50);
    probes.fileChanged('~/Inbox/*.pdf', '/home/u/Inbox/b.pdf');
    await h.clock.advanceAsync(PATH_DEBOUNCE_MS - 1);
    expect(h.runs('inbox')).toHaveLength(0);
    await h.clock.advanceAsync(1);
    expect(h.summary('inbox')).toMatchObject([
      { status: 'running', trigger: 'path', reason: 'on path: /home/u/Inbox/b.pdf changed' },
    ]);
  });

  it('stops watching when the job goes, keeps one watch for jobs sharing a pattern', async () => {
    const { h, probes } = withProbes([
      job({ id: 'a', on: { path: '/srv/drop' } }),
      job({ id: 'b', on: { path: '/srv/drop' } }),
    ]);
    expect(probes.watches.get('/srv/drop')?.size).toBe(1);
    probes.fileChanged('/srv/drop', '/srv/drop/x');
    await h.clock.advanceAsync(PATH_DEBOUNCE_MS);
    expect(
      h
        .runs()
        .map((run) => run.jobId)
        .sort(),
    ).toEqual(['a', 'b']);
    h.engine.setJobs([job({ id: 'a', cron: '0 0 1 1 *' })]);
    expect(probes.watches.size).toBe(0);
  });
});

describe('on: power, network and idle', () => {
  it('power: runs when plugged in; listens to the probe only while a job wants it', async () => {
    const probes = new FakeProbes();
    probes.power = 'battery';
    const { h } = withProbes([job({ id: 'charge', on: { power: 'ac' } })], probes);
    expect(probes.listenerCount('power')).toBe(1);
    probes.setPower('ac');
    await flush();
    expect(h.summary('charge')).toMatchObject([{ trigger: 'power', reason: 'on power: plugged in' }]);
    h.engine.setJobs([job({ id: 'other', cron: '0 0 1 1 *' })]);
    expect(probes.listenerCount('power')).toBe(0);
  });

  it('network with a host: runs once the route is up and the host answers, not when it does not', async () => {
    const probes = new FakeProbes();
    probes.online = false;
    const { h } = withProbes(
      [job({ id: 'up', on: { network: 'backup.example.com' } }), job({ id: 'nope', on: { network: 'gone.example' } })],
      probes,
    );
    probes.reachableHosts.add('backup.example.com');
    probes.setOnline(true);
    await flush();
    expect(h.summary('up')).toMatchObject([
      { trigger: 'network', reason: 'on network: up, backup.example.com reachable' },
    ]);
    expect(h.runs('nope')).toHaveLength(0);
    expect(h.logs.some((line) => line.includes('gone.example did not answer'))).toBe(true);
  });

  it('a polled network probe is read on the clock watch wake-up: started within 30 s of the route coming up', async () => {
    const probes = new FakeProbes();
    probes.push = false;
    probes.online = false;
    const { h } = withProbes([job({ id: 'up', on: 'network' })], probes);
    probes.setOnline(true);
    await flush();
    expect(h.runs('up')).toHaveLength(0);
    await h.clock.advanceAsync(CLOCK_CHECK_INTERVAL_MS);
    expect(h.summary('up').map((row) => row.trigger)).toEqual(['network']);
  });

  it('idle: runs once per idle stretch, again after the user came back and left', async () => {
    const { h, probes } = withProbes([job({ id: 'scan', on: { idle: '10m' } })]);
    probes.idle = 9 * 60_000;
    await h.clock.advanceAsync(CLOCK_CHECK_INTERVAL_MS);
    expect(h.runs('scan')).toHaveLength(0);
    probes.idle = 10 * 60_000;
    await h.clock.advanceAsync(CLOCK_CHECK_INTERVAL_MS);
    expect(h.summary('scan')).toMatchObject([{ trigger: 'idle', reason: 'on idle: the user idle 10m' }]);
    h.runner.actions[0]!.succeed();
    probes.idle = 20 * 60_000;
    await h.clock.advanceAsync(5 * CLOCK_CHECK_INTERVAL_MS);
    expect(h.runs('scan')).toHaveLength(1);
    probes.idle = 1_000;
    await h.clock.advanceAsync(CLOCK_CHECK_INTERVAL_MS);
    probes.idle = 11 * 60_000;
    await h.clock.advanceAsync(CLOCK_CHECK_INTERVAL_MS);
    expect(h.runs('scan')).toHaveLength(2);
  });

  it('polls nothing while no job listens; with listeners, at most once per 30 s', async () => {
    const idleOnly = withProbes([job({ id: 'clock', cron: '*/5 * * * *' })]);
    await idleOnly.h.clock.advanceAsync(3_600_000);
    expect(idleOnly.probes.refreshes).toBe(0);
    const listening = withProbes([job({ id: 'scan', on: { idle: '10m' } }), job({ id: 'up', on: 'network' })]);
    await listening.h.clock.advanceAsync(3_600_000);
    expect(listening.probes.refreshes).toBeLessThanOrEqual(3_600_000 / CLOCK_CHECK_INTERVAL_MS);
    expect(listening.probes.refreshes).toBeGreaterThan(0);
  });
});

describe('events share the admission of scheduled fires', () => {
  it('a paused job records the event skipped; a disabled one ignores it', async () => {
    const { h, probes } = withProbes([
      job({ id: 'p', on: { path: '/in' } }),
      job({ id: 'off', on: { path: '/in' }, enabled: false }),
    ]);
    h.engine.pauseJob('p', null);
    probes.fileChanged('/in', '/in/f');
    await h.clock.advanceAsync(PATH_DEBOUNCE_MS);
    expect(h.summary('p')).toMatchObject([
      { status: 'skipped', trigger: 'path', reason: 'on path: /in/f changed; paused' },
    ]);
    expect(h.runs('off')).toHaveLength(0);
  });

  it('overlap skip: an event while the job runs is recorded skipped, naming the running run', async () => {
    const { h, probes } = withProbes([job({ id: 'p', on: { path: '/in' } })]);
    probes.fileChanged('/in', '/in/1');
    await h.clock.advanceAsync(PATH_DEBOUNCE_MS);
    probes.fileChanged('/in', '/in/2');
    await h.clock.advanceAsync(PATH_DEBOUNCE_MS);
    const [first, second] = h.runs('p');
    expect(second).toMatchObject({
      status: 'skipped',
      trigger: 'path',
      reason: `overlap: still running (run ${first!.id})`,
    });
  });

  it('a failed event run is retried, and the retry says which run failed', async () => {
    const { h } = withProbes([job({ id: 'r', on: 'start', retry: { attempts: 1, delay: '1m' } })]);
    await flush();
    h.runner.actions[0]!.fail();
    await h.clock.advanceAsync(60_000);
    expect(h.summary('r').map((row) => [row.trigger, row.status])).toEqual([
      ['start', 'failed'],
      ['retry', 'running'],
    ]);
  });

  it('waits behind the concurrency limit like any run', async () => {
    const probes = new FakeProbes();
    const h = makeHarness([job({ id: 'a', on: 'start' }), job({ id: 'b', on: 'start' })], { probes, concurrency: 1 });
    await flush();
    expect(h.runs().map((run) => run.status)).toEqual(['running', 'queued']);
  });
});
