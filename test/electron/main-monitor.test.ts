/**
 * The silent failures end to end in the desktop glue: the real core on a real data directory, main.ts composed
 * with the faithful Electron fake. A job whose expectation passes, a check pinged as failed, and a run past its
 * warnAfter each give one notification and a tray section (the icon turns to failing); each recovery gives one
 * more; clicks open the job, the checks view or the run. And sleep: powerMonitor's suspend and resume reach the
 * core, which records the exact span.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { CronbarE2EHooks } from '../../electron/app/e2e-hooks';
import type * as OpenCronbar from '../../electron/core/service/open-cronbar';
import type { CronbarService } from '../../electron/core/service/types';

vi.mock('electron', () => import('../mocks/electron'));
// The real service, kept where the test can ping a check and read the recorded downtime.
const opened: { service: CronbarService | null } = vi.hoisted(() => ({ service: null }));
vi.mock('../../electron/core/service/open-cronbar', async (importOriginal) => {
  const real = await importOriginal<typeof OpenCronbar>();
  return {
    ...real,
    openCronbar: async (...args: Parameters<typeof real.openCronbar>) =>
      (opened.service = await real.openCronbar(...args)),
  };
});

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-main-monitor-'));
fs.writeFileSync(
  path.join(dataDir, 'jobs.yaml'),
  [
    'jobs:',
    '  - id: report',
    '    name: Daily report',
    '    cron: "0 3 1 1 *"',
    '    command: "exit 0"',
    '    expect: { succeededWithin: 5s }',
    '  - id: sync',
    '    name: Photo sync',
    '    cron: "0 4 1 1 *"',
    '    command: "sleep 6"',
    '    warnAfter: 1s',
    'checks:',
    '  - id: nas-backup',
    '    name: NAS backup',
    '    every: 1h',
    '',
  ].join('\n'),
);
vi.stubEnv('CRONBAR_E2E', '1');
vi.stubEnv('CRONBAR_HOME', dataDir);

const electron = await import('../mocks/electron');
electron.resetElectronMock({ ready: false });
await import('../../electron/main');
electron.app.emitReady();

async function hooks(): Promise<CronbarE2EHooks> {
  await vi.waitFor(() => expect(globalThis.__cronbarE2E).toBeDefined(), { timeout: 20_000 });
  // The page has loaded: a click's navigation is sent to it at once (what each test reads).
  electron.BrowserWindow.instances[0]!.webContents.emit('did-finish-load');
  return globalThis.__cronbarE2E!;
}
const wait = { timeout: 15_000, interval: 100 };
const titles = (e2e: CronbarE2EHooks) => e2e.notifications.map((notice) => notice.title);
const menuText = (e2e: CronbarE2EHooks) => JSON.stringify(e2e.trayTemplate());
const navigations = () =>
  electron.BrowserWindow.instances[0]!.webContents.sent.filter(
    (sent) => sent.channel === 'cronbar-event:app:navigate',
  ).map((sent) => sent.payload);

afterAll(() => {
  vi.unstubAllEnvs();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('electron/main.ts: overdue jobs, down checks and slow runs', () => {
  it('a job past its expectation: one notification, the Overdue section and a failing icon; a click opens the job', async () => {
    const e2e = await hooks();
    expect(e2e.trayIcon()).toBe('idle');
    await vi.waitFor(() => expect(titles(e2e)).toContain('Daily report is overdue'), wait);
    await vi.waitFor(() => expect(menuText(e2e)).toContain('Daily report: overdue, last success never'), wait);
    expect(e2e.trayIcon()).toBe('failing');
    expect(e2e.trayTooltip()).toContain('1 overdue or down');
    expect(titles(e2e).filter((title) => title === 'Daily report is overdue')).toHaveLength(1);
    expect(e2e.clickNotification(titles(e2e).indexOf('Daily report is overdue'))).toBe(true);
    expect(navigations().at(-1)).toEqual({ view: 'job', jobId: 'report' });
  });

  it('the tray is rebuilt only when what it shows changed', async () => {
    const e2e = await hooks();
    await e2e.refreshTray();
    const builds = electron.Menu.buildFromTemplate.mock.calls.length;
    await e2e.refreshTray();
    await e2e.refreshTray();
    expect(electron.Menu.buildFromTemplate.mock.calls.length).toBe(builds);
  });

  it('a check pinged as failed: one "down" notification and a tray entry that opens the checks view; back up: one more', async () => {
    const e2e = await hooks();
    await opened.service!.ping({ check: 'nas-backup', kind: 'fail', source: 'cli' });
    await vi.waitFor(() => expect(titles(e2e)).toContain('NAS backup is down'), wait);
    await vi.waitFor(() => expect(menuText(e2e)).toContain('NAS backup (runs elsewhere): down since'), wait);
    expect(menuText(e2e)).toContain('Overdue (2)');
    expect(e2e.clickTray('open-checks')).toBe(true);
    expect(navigations().at(-1)).toEqual({ view: 'checks' });
    expect(e2e.clickNotification(titles(e2e).indexOf('NAS backup is down'))).toBe(true);
    expect(navigations().at(-1)).toEqual({ view: 'checks' });

    await opened.service!.ping({ check: 'nas-backup', kind: 'success', source: 'cli' });
    await vi.waitFor(() => expect(titles(e2e)).toContain('NAS backup is up again'), wait);
    await vi.waitFor(() => expect(menuText(e2e)).not.toContain('NAS backup (runs elsewhere)'), wait);
    // Up again after up is no news.
    await opened.service!.ping({ check: 'nas-backup', kind: 'success', source: 'cli' });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(titles(e2e).filter((title) => title.startsWith('NAS backup'))).toEqual([
      'NAS backup is down',
      'NAS backup is up again',
    ]);
  });

  it('the overdue job succeeds: one recovery notification, the section and the failing icon go', async () => {
    const e2e = await hooks();
    expect(e2e.clickTray('run-now:report')).toBe(true);
    await vi.waitFor(() => expect(titles(e2e)).toContain('Daily report succeeded again'), wait);
    await vi.waitFor(() => expect(menuText(e2e)).not.toContain('Overdue'), wait);
    expect(e2e.trayIcon()).not.toBe('failing');
    expect(titles(e2e).filter((title) => title.startsWith('Daily report'))).toEqual([
      'Daily report is overdue',
      'Daily report succeeded again',
    ]);
  });

  it('a run past its warnAfter: one "slow" notification and the Slow section, a click opens the run', async () => {
    const e2e = await hooks();
    expect(e2e.clickTray('run-now:sync')).toBe(true);
    // Slow from 1 s into the run until it ends at 6 s: the tray first, the notice after the policy's settle delay.
    await vi.waitFor(() => expect(menuText(e2e)).toContain('Slow (1)'), wait);
    expect(menuText(e2e)).toContain('Photo sync: still running past its warnAfter');
    await vi.waitFor(() => expect(titles(e2e)).toContain('Photo sync is slow'), wait);
    expect(e2e.notifications.find((notice) => notice.title === 'Photo sync is slow')!.body).toBe(
      'Still running after 1s (its warnAfter).',
    );
    expect(e2e.clickNotification(titles(e2e).indexOf('Photo sync is slow'))).toBe(true);
    expect(navigations().at(-1)).toMatchObject({ view: 'run', jobId: 'sync', runId: expect.any(Number) });
    await vi.waitFor(() => expect(menuText(e2e)).not.toContain('Slow ('), wait);
    expect(titles(e2e).filter((title) => title === 'Photo sync is slow')).toHaveLength(1);
  });

  it('suspend and resume from powerMonitor: the core records the sleep as its exact span', async () => {
    await hooks();
    const before = Date.now();
    electron.powerMonitor.emit('suspend');
    await new Promise((resolve) => setTimeout(resolve, 50));
    electron.powerMonitor.emit('resume');
    const spans = await opened.service!.downtime({ since: before - 1 });
    expect(spans).toEqual([
      { kind: 'suspend', from: expect.any(Number), to: expect.any(Number), reason: 'the machine was asleep' },
    ]);
    expect(spans[0]!.from).toBeGreaterThanOrEqual(before);
    expect(spans[0]!.to - spans[0]!.from).toBeGreaterThanOrEqual(40);
  });

  it('on quit stops the core', async () => {
    electron.app.emit('before-quit', { preventDefault: () => {} });
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalled(), { timeout: 20_000 });
  });
});

describe('the fake powerMonitor (as Electron documents it)', () => {
  it('cannot be subscribed to before ready', () => {
    electron.resetElectronMock({ ready: false });
    expect(() => electron.powerMonitor.on('suspend', () => {})).toThrow(/before the app is ready/);
    electron.app.emitReady();
    expect(() => electron.powerMonitor.on('suspend', () => {})).not.toThrow();
  });
});
