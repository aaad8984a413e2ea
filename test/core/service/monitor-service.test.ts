/**
 * Issue 12 through the service: checks, pings (in process and from another process over the scheduler's control socket), overdue
 * jobs, slow runs, downtime — on a real data directory with a fake clock for the deadlines.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventName, EventPayload } from '../../../shared/api/contract';
import { dispatch } from '../../../shared/api/dispatch';
import { openCronbar } from '../../../electron/core/service/open-cronbar';
import type { CronbarService } from '../../../electron/core/service/types';
import { openMonitorStore } from '../../../electron/core/store/monitor-sqlite';
import { openStore } from '../../../electron/core/store/open-store';
import { FakeClock, flush } from '../../helpers/fake-clock';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function dataDir(jobsYaml: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-monitor-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(path.join(dir, 'jobs.yaml'), jobsYaml);
  return dir;
}

async function open(dir: string, options: { schedule: boolean; clock?: FakeClock }): Promise<CronbarService> {
  const service = await openCronbar({
    dataDir: dir,
    schedule: options.schedule,
    clock: options.clock,
    lockKind: 'test',
  });
  cleanups.push(async () => void (await service.shutdown({ graceMs: 0 })));
  return service;
}

function record<E extends EventName>(service: CronbarService, event: E): Array<EventPayload<E>> {
  const seen: Array<EventPayload<E>> = [];
  service.on(event, (payload) => seen.push(payload));
  return seen;
}

const CHECKS = 'checks:\n  - { id: nas-backup, name: NAS backup, every: 1h, grace: 10m }\n';

describe('checks through the service', () => {
  it('a ping makes a check up; it is late after the period and down at the grace, each announced once', async () => {
    const clock = new FakeClock('2026-03-01T00:00:00Z');
    const service = await open(dataDir(CHECKS), { schedule: true, clock });
    const changes = record(service, 'check:changed');
    expect((await service.listChecks({}))[0]).toMatchObject({
      id: 'nas-backup',
      state: 'new',
      runsElsewhere: true,
      schedule: { kind: 'every', text: '1h' },
    });

    const { check } = await service.ping({ check: 'nas-backup', kind: 'success', source: 'cli', message: 'ok' });
    expect(check).toMatchObject({
      state: 'up',
      nextExpectedAt: Date.parse('2026-03-01T01:00:00Z'),
      lastPing: { kind: 'success', message: 'ok', source: 'cli' },
    });
    await clock.advanceTo('2026-03-01T01:10:00Z');
    expect(changes.map(({ previous, check: view }) => `${previous}->${view.state}`)).toEqual([
      'new->up',
      'up->late',
      'late->down',
    ]);
    expect((await service.listChecks({}))[0]).toMatchObject({
      state: 'down',
      stateSince: Date.parse('2026-03-01T01:10:00Z'),
    });
  });

  it('the contract refuses a message over 100 KiB and an exit code over 255, naming the field, before anything is stored', async () => {
    const service = await open(dataDir(CHECKS), { schedule: false });
    const tooLong = await dispatch(service, 'ping', { check: 'nas-backup', message: 'x'.repeat(100 * 1024 + 1) });
    expect(tooLong).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', field: 'message', message: 'ping: message: must be at most 100 KiB' },
    });
    expect(await dispatch(service, 'ping', { check: 'nas-backup', kind: 'exit', exitCode: 256 })).toMatchObject({
      ok: false,
      error: { field: 'exitCode' },
    });
    const fits = await dispatch(service, 'ping', { check: 'nas-backup', message: 'é'.repeat(50 * 1024) });
    expect(fits).toMatchObject({ ok: true, value: { ping: { kind: 'success', source: 'cli' } } });
    expect((await service.getCheck({ id: 'nas-backup', pingLimit: 10 })).pings).toHaveLength(1);
  });

  it('refuses a ping for an unknown check, naming the closest id, and stores nothing', async () => {
    const service = await open(dataDir(CHECKS), { schedule: false });
    await expect(service.ping({ check: 'nas-bakup', kind: 'success', source: 'cli' })).rejects.toThrow(
      'no check with id "nas-bakup"; did you mean "nas-backup"?',
    );
    expect((await service.getCheck({ id: 'nas-backup', pingLimit: 10 })).pings).toEqual([]);
  });

  it('a ping from a process that does not schedule reaches the running scheduler over its socket, without polling', async () => {
    const dir = dataDir(CHECKS);
    const scheduler = await open(dir, { schedule: true });
    const changes = record(scheduler, 'check:changed');
    const cli = await open(dir, { schedule: false });
    await cli.ping({ check: 'nas-backup', kind: 'fail', source: 'cli', message: 'disk full' });
    await vi.waitFor(() => expect(changes.map(({ check }) => check.state)).toEqual(['down']), {
      timeout: 5_000,
      interval: 20,
    });
    expect(changes[0]?.check.reason).toMatch(/^failed \(fail ping\) at .*: disk full$/);
    // Nothing but the scheduler's DB and socket in the data directory is written for a ping.
    expect(fs.existsSync(path.join(dir, 'control'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'pings.nudge'))).toBe(false);
  });
});

describe('expectations and slow runs through the service', () => {
  const EXPECT =
    'jobs:\n  - { id: backup, cron: "0 0 1 1 *", command: "true", expect: { succeededWithin: 2h }, warnAfter: 1m }\n';

  it('an expected job that does not succeed in time is overdue in its view and announced once', async () => {
    const clock = new FakeClock('2026-03-01T00:00:00Z');
    const dir = dataDir(EXPECT);
    // A failed run an hour in: not a success, so it does not reset the count.
    const store = openStore(path.join(dir, 'cronbar.db'));
    store.insertRun({
      jobId: 'backup',
      trigger: 'manual',
      status: 'failed',
      scheduledFor: null,
      createdAt: Date.parse('2026-03-01T01:00:00Z'),
      startedAt: Date.parse('2026-03-01T01:00:00Z'),
      finishedAt: Date.parse('2026-03-01T01:00:01Z'),
    });
    store.close();
    const service = await open(dir, { schedule: true, clock });
    const overdue = record(service, 'job:overdue');
    await clock.advanceTo('2026-03-01T01:59:59Z');
    expect(overdue).toEqual([]);
    await clock.advanceTo('2026-03-01T02:00:00Z');
    expect(overdue).toEqual([
      {
        jobId: 'backup',
        name: 'backup',
        overdue: {
          since: Date.parse('2026-03-01T02:00:00Z'),
          lastSuccessAt: null,
          reason: 'no success yet (expected within 2h); since then: 1 failed',
        },
      },
    ]);
    const [view] = await service.listJobs({});
    expect(view).toMatchObject({
      overdue: { lastSuccessAt: null },
      expectSucceededWithinMs: 7_200_000,
      warnAfterMs: 60_000,
    });
  });
});

describe('downtime through the service', () => {
  it('records a clean stop, a crash found at the next start, and a sleep the engine noticed', async () => {
    const dir = dataDir(CHECKS);
    const clock = new FakeClock('2026-03-01T00:00:00Z');
    const first = await openCronbar({ dataDir: dir, schedule: true, clock, lockKind: 'daemon' });
    await clock.advanceAsync(60_000);
    await first.shutdown({ graceMs: 0 });
    await clock.advanceAsync(60_000);
    const second = await open(dir, { schedule: true, clock });
    // Asleep for 2 h: the wall clock moves, the monotonic one does not; the engine's 30 s clock check notices.
    clock.jumpWallClock(2 * 3_600_000);
    await clock.advanceAsync(30_000);
    await flush();
    const spans = await second.downtime({ since: Date.parse('2026-03-01T00:00:00Z') });
    expect(spans).toEqual([
      {
        kind: 'stopped',
        from: Date.parse('2026-03-01T00:01:00Z'),
        to: Date.parse('2026-03-01T00:02:00Z'),
        reason: 'Cronbar (daemon) was stopped',
      },
      { kind: 'suspend', from: expect.any(Number), to: expect.any(Number), reason: 'asleep, or the clock moved ahead' },
    ]);
    expect(spans[1]!.to - spans[1]!.from).toBe(2 * 3_600_000);
  });
});

describe('one clock detector: the engine measures, the downtime record and the resync event agree', () => {
  it('a clock set back an hour is recorded once, with the amount the engine measured', async () => {
    const clock = new FakeClock('2026-03-01T06:00:00Z');
    const service = await open(dataDir(CHECKS), { schedule: true, clock });
    clock.jumpWallClock(-3_600_000);
    await clock.advanceAsync(30_000);
    await flush();
    // A later resync with nothing new measured records nothing more.
    service.resync('SIGHUP');
    await flush();
    const jumps = (await service.downtime({ since: Date.parse('2026-03-01T00:00:00Z') })).filter(
      (span) => span.kind === 'clock-jump',
    );
    expect(jumps).toEqual([
      { kind: 'clock-jump', from: expect.any(Number), to: expect.any(Number), reason: 'the clock was set back 3600 s' },
    ]);
    await service.shutdown({ graceMs: 0 });
  });
});

describe('downtime: crashes and suspends', () => {
  it('a session left open by a process that died is marked crashed at the next start, its span from its last heartbeat', async () => {
    const dir = dataDir(CHECKS);
    const clock = new FakeClock('2026-03-01T06:00:00Z');
    // A daemon that was killed at about 02:00 (its last heartbeat), never marking its session stopped.
    openStore(path.join(dir, 'cronbar.db')).close();
    const before = openMonitorStore(path.join(dir, 'cronbar.db'));
    const dead = before.startSession({ pid: 999_999, kind: 'daemon', now: Date.parse('2026-03-01T00:00:00Z') });
    before.touchSession(dead, Date.parse('2026-03-01T02:00:00Z'));
    before.close();
    const logs: string[] = [];
    const service = await openCronbar({
      dataDir: dir,
      schedule: true,
      clock,
      lockKind: 'app',
      log: (line) => logs.push(line),
    });
    cleanups.push(async () => void (await service.shutdown({ graceMs: 0 })));
    expect(await service.downtime({ since: Date.parse('2026-03-01T00:00:00Z') })).toEqual([
      {
        kind: 'crashed',
        from: Date.parse('2026-03-01T02:00:00Z'),
        to: Date.parse('2026-03-01T06:00:00Z'),
        reason: 'Cronbar (daemon, pid 999999) stopped without a clean shutdown',
      },
    ]);
    expect(logs).toContain(
      'the previous scheduler (daemon, pid 999999) stopped without a clean shutdown; last seen 2026-03-01T02:00:00.000Z',
    );
  });

  it('a suspend noted by the desktop and the resume after it record the exact span', async () => {
    const clock = new FakeClock('2026-03-01T23:40:00Z');
    const service = await open(dataDir(CHECKS), { schedule: true, clock });
    service.noteSuspend();
    clock.jumpWallClock(7 * 3_600_000 + 32 * 60_000);
    service.resync('resume');
    expect(await service.downtime({ since: Date.parse('2026-03-01T00:00:00Z') })).toEqual([
      {
        kind: 'suspend',
        from: Date.parse('2026-03-01T23:40:00Z'),
        to: Date.parse('2026-03-02T07:12:00Z'),
        reason: 'the machine was asleep',
      },
    ]);
  });
});
