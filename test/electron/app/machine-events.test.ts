/**
 * The desktop's machine events and keepAwake, through the faithful fake's powerMonitor and powerSaveBlocker and a real
 * core service (real jobs file and SQLite, a fake clock and runner): plugging in, idle time, login, and a
 * power-save blocker held exactly while a keepAwake run goes, released on every way a run can end.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openCronbar } from '../../../electron/core/service/open-cronbar';
import type { CronbarService } from '../../../electron/core/service/types';
import { FakeClock, flush } from '../../helpers/fake-clock';
import { FakeRunner } from '../../core/engine/fake-runner';

vi.mock('electron', () => import('../../mocks/electron'));
const electron = await import('../../mocks/electron');
const { setupMachineEvents } = await import('../../../electron/app/setup-machine-events');
const { setupKeepAwake } = await import('../../../electron/app/setup-keep-awake');

const cleanups: Array<() => Promise<void> | void> = [];
beforeEach(() => electron.resetElectronMock());
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function desktop(jobsYaml: string, options: { platform?: NodeJS.Platform; atLogin?: boolean } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-machine-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(path.join(dir, 'jobs.yaml'), jobsYaml);
  const machine = setupMachineEvents({
    platform: options.platform ?? 'darwin',
    launchedAtLogin: options.atLogin ?? false,
    log: () => {},
  });
  const clock = new FakeClock('2026-03-01T00:00:00Z');
  const runner = new FakeRunner();
  runner.settleOnCancel = true;
  const service: CronbarService = await openCronbar({
    dataDir: dir,
    schedule: true,
    lockKind: 'test',
    clock,
    runner,
    probes: machine.probes,
  });
  const keepAwake = setupKeepAwake(service, () => {});
  cleanups.push(async () => {
    keepAwake.dispose();
    machine.dispose();
    await service.shutdown({ graceMs: 0 });
  });
  await flush();
  const runs = async (jobId: string) => (await service.history({ jobId, limit: 50 })).runs.reverse();
  return { service, clock, runner, keepAwake, runs };
}

const blockers = () => [...electron.powerSaveBlocker.active.values()];

describe('events from powerMonitor', () => {
  it('on: power ac runs when on-ac fires (macOS, Windows)', async () => {
    electron.powerMonitor.onBattery = true;
    const { runs } = await desktop('jobs:\n  - { id: charge, command: sync, on: { power: ac } }\n');
    electron.powerMonitor.plugIn();
    await flush();
    expect((await runs('charge')).map((run) => [run.trigger, run.reason])).toEqual([['power', 'on power: plugged in']]);
  });

  it('when: power ac reads isOnBatteryPower at the fire', async () => {
    electron.powerMonitor.onBattery = true;
    const { clock, runs } = await desktop(
      "jobs:\n  - { id: nightly, command: backup, cron: '0 2 * * *', timezone: UTC, when: { power: ac } }\n",
    );
    await clock.advanceTo('2026-03-01T02:00:00Z');
    expect((await runs('nightly')).map((run) => [run.status, run.reason])).toEqual([
      ['skipped', 'on battery at 02:00'],
    ]);
  });

  it('on: idle reads getSystemIdleTime on the 30 s wake-up', async () => {
    const { clock, runs } = await desktop('jobs:\n  - { id: scan, command: scan, on: { idle: 10m } }\n');
    electron.powerMonitor.idleSeconds = 600;
    await clock.advanceAsync(30_000);
    expect((await runs('scan')).map((run) => run.trigger)).toEqual(['idle']);
  });

  it('on: login runs only when the app was launched at login', async () => {
    const atLogin = await desktop('jobs:\n  - { id: hello, command: hi, on: login }\n', { atLogin: true });
    expect((await atLogin.runs('hello')).map((run) => run.trigger)).toEqual(['login']);
  });
});

describe('keepAwake', () => {
  const yaml =
    'jobs:\n  - { id: render, command: render, on: { path: /nonexistent-cronbar-dir }, keepAwake: true }\n  - { id: plain, command: ls, on: { path: /nonexistent-cronbar-dir } }\n';

  it('holds prevent-app-suspension while the run goes, only for keepAwake jobs, and lets go when it succeeds', async () => {
    const { service, runner } = await desktop(yaml);
    await service.runNow({ id: 'plain', force: false });
    await flush();
    expect(blockers()).toEqual([]);
    await service.runNow({ id: 'render', force: false });
    await flush();
    expect(blockers()).toEqual(['prevent-app-suspension']);
    runner.forJob('render')[0]!.succeed();
    await flush();
    expect(blockers()).toEqual([]);
  });

  it.each([
    ['fails', (action: { fail(): void }) => action.fail()],
    ['times out', (action: { timeOut(): void }) => action.timeOut()],
  ])('lets go when the run %s', async (_how, end) => {
    const { service, runner } = await desktop(yaml);
    await service.runNow({ id: 'render', force: false });
    await flush();
    expect(blockers()).toHaveLength(1);
    end(runner.forJob('render')[0]! as never);
    await flush();
    expect(blockers()).toEqual([]);
  });

  it('lets go when the run is cancelled, and when the app quits mid-run', async () => {
    const { service, keepAwake } = await desktop(yaml);
    const { runId } = await service.runNow({ id: 'render', force: false });
    await flush();
    await service.cancelRun({ runId: runId! });
    await flush();
    expect(blockers()).toEqual([]);
    await service.runNow({ id: 'render', force: false });
    await flush();
    expect(blockers()).toHaveLength(1);
    keepAwake.dispose();
    expect(blockers()).toEqual([]);
  });
});

describe('the window reads triggers and conditions in words', () => {
  it('listJobs carries each event, the conditions and keepAwake', async () => {
    const { service } = await desktop(
      'jobs:\n  - id: sync\n    command: sync\n    on: [start, { resume, delay: 2m }, { path: ~/Inbox }]\n    when: { power: ac, network: online, unmet: wait, within: 4h }\n    keepAwake: true\n  - { id: plain, command: ls, every: 1h }\n',
    );
    const [sync, plain] = await service.listJobs({});
    expect(sync).toMatchObject({
      schedule: { kind: 'none', description: 'No schedule: runs after another job or on its events' },
      triggers: [
        { event: 'start', text: 'when the scheduler starts' },
        { event: 'resume', text: 'after the computer wakes from sleep, after 2m' },
        { event: 'path', text: 'when files change under ~/Inbox' },
      ],
      conditions: 'only on AC power and online; otherwise waits up to 4h',
      keepAwake: true,
      nextFireAt: null,
    });
    expect(plain).toMatchObject({ triggers: [], conditions: null, keepAwake: false });
  });
});
