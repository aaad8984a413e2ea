/**
 * The composition root with the real core and the faithful Electron fake, started like a real launch: main.ts runs
 * its first turn before `ready` (data directory, app:// scheme, single-instance lock), then the test emits `ready`
 * and the app starts the service on the data directory, builds the tray, runs a job from the tray menu, records the
 * failure notification, and on quit shuts the core down. What the Playwright smoke test checks under a real
 * Electron, minus Electron.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { CronbarE2EHooks } from '../../electron/app/e2e-hooks';
import { defaultDataDir } from '../../electron/core/store/data-paths';

vi.mock('electron', () => import('../mocks/electron'));

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-main-'));
fs.writeFileSync(
  path.join(dataDir, 'jobs.yaml'),
  [
    'jobs:',
    '  - id: nightly-fails',
    '    name: Nightly report',
    '    cron: "0 3 1 1 *"',
    '    command: "echo generating; echo disk full >&2; exit 4"',
    '',
  ].join('\n'),
);
vi.stubEnv('CRONBAR_E2E', '1');
vi.stubEnv('CRONBAR_HOME', dataDir);

const electron = await import('../mocks/electron');
electron.resetElectronMock({ ready: false });
await import('../../electron/main');
const beforeReady = [...electron.calls];
electron.app.emitReady();

async function hooks(): Promise<CronbarE2EHooks> {
  await vi.waitFor(() => expect(globalThis.__cronbarE2E).toBeDefined(), { timeout: 20_000 });
  return globalThis.__cronbarE2E!;
}

afterAll(() => {
  vi.unstubAllEnvs();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('electron/main.ts (real core, faithful Electron fake)', () => {
  it('before ready: uses the CLI data directory as userData, registers app:// and takes the lock for that directory', async () => {
    await hooks();
    expect(beforeReady).toEqual(['protocol.registerSchemesAsPrivileged', 'app.requestSingleInstanceLock']);
    expect(electron.app.getPath('userData')).toBe(defaultDataDir());
    expect(electron.app.lockedUserData).toBe(dataDir);
    expect(electron.protocol.registered).toEqual([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
    expect(electron.protocol.handlers.has('app')).toBe(true);
  });

  it('shows the jobs in a tray whose icon is a real image, and opens the window when started by hand', async () => {
    const e2e = await hooks();
    expect(e2e.dataDir).toBe(dataDir);
    expect(JSON.stringify(e2e.trayTemplate())).toContain('run-now:nightly-fails');
    expect(electron.Tray.instances).toHaveLength(1);
    expect((electron.Tray.instances[0]!.image as InstanceType<typeof electron.NativeImage>).isEmpty()).toBe(false);
    expect(electron.BrowserWindow.instances).toHaveLength(1);
    expect(electron.BrowserWindow.instances[0]!.isVisible()).toBe(true);
    // Linux takes the window icon from the app (macOS and Windows from the bundle).
    if (process.platform === 'linux')
      expect(electron.BrowserWindow.instances[0]!.options.icon).toBe(path.join(process.cwd(), 'resources', 'icon.png'));
    expect(electron.openedFiles.filter((file) => !file.exists)).toEqual([]);
    expect(electron.dialog.errorBoxes).toEqual([]);
  });

  it('runs a job from the tray and records a failure notification with the last output line', async () => {
    const e2e = await hooks();
    expect(e2e.clickTray('run-now:nightly-fails')).toBe(true);
    await vi.waitFor(() => expect(e2e.notifications.map((notice) => notice.title)).toContain('Nightly report failed'), {
      timeout: 20_000,
      interval: 100,
    });
    expect(e2e.notifications[0]!.body).toMatch(/^exit code 4: (disk full|generating)$/);
    await e2e.refreshTray();
    expect(JSON.stringify(e2e.trayTemplate())).toContain('Failing (1)');
    expect(e2e.trayIcon()).toBe('failing');
  });

  it('a notification click shows the hidden window on the run', async () => {
    const e2e = await hooks();
    const window = electron.BrowserWindow.instances[0]!;
    window.close();
    expect(window.isVisible()).toBe(false);
    expect(e2e.clickNotification(0)).toBe(true);
    expect(window.isVisible()).toBe(true);
    window.webContents.emit('did-finish-load');
    expect(window.webContents.sent).toContainEqual({
      channel: 'cronbar-event:app:navigate',
      payload: expect.objectContaining({ view: 'run', jobId: 'nightly-fails' }),
    });
  });

  it('a tray action that fails tells the user (no app for .yaml files), not only the log', async () => {
    const e2e = await hooks();
    electron.shell.openPath.mockResolvedValueOnce('No application is registered as handling this file');
    expect(e2e.clickTray('edit-jobs-file')).toBe(true);
    await vi.waitFor(() => expect(electron.dialog.errorBoxes).toHaveLength(1));
    expect(electron.dialog.errorBoxes[0]!.content).toContain('No application is registered as handling this file');
    expect(electron.dialog.errorBoxes[0]!.content).toContain(path.join(dataDir, 'jobs.yaml'));
  });

  it('on quit stops the core before letting the app quit', async () => {
    let prevented = false;
    electron.app.emit('before-quit', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalled(), { timeout: 20_000 });
    expect(electron.Tray.instances[0]!.destroyed).toBe(true);
  });
});
