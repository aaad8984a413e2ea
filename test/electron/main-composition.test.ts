/**
 * The composition root with the real core and a faked Electron: main.ts starts the service on the data directory,
 * builds the tray, runs a job from the tray menu, records the failure notification, and on quit shuts the core down.
 * What the Playwright smoke test checks under a real Electron, minus Electron.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { CronbarE2EHooks } from '../../electron/app/e2e-hooks';

vi.mock('electron', () => import('../mocks/electron'));

const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-main-'));
fs.writeFileSync(
  path.join(userData, 'jobs.yaml'),
  ['jobs:', '  - id: nightly-fails', '    name: Nightly report', '    cron: "0 3 1 1 *"', '    command: "echo generating; echo disk full >&2; exit 4"', ''].join('\n'),
);
vi.stubEnv('CRONBAR_E2E', '1');
vi.stubEnv('CRONBAR_USER_DATA', userData);

const electron = await import('../mocks/electron');
await import('../../electron/main');

async function hooks(): Promise<CronbarE2EHooks> {
  await vi.waitFor(() => expect(globalThis.__cronbarE2E).toBeDefined(), { timeout: 20_000 });
  return globalThis.__cronbarE2E!;
}

afterAll(() => {
  vi.unstubAllEnvs();
  fs.rmSync(userData, { recursive: true, force: true });
});

describe('electron/main.ts (real core, faked Electron)', () => {
  it('registers app://, uses the userData directory and shows the jobs in the tray', async () => {
    const e2e = await hooks();
    expect(electron.protocol.registered).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
    expect(electron.protocol.handlers.has('app')).toBe(true);
    expect(e2e.dataDir).toBe(userData);
    expect(JSON.stringify(e2e.trayTemplate())).toContain('run-now:nightly-fails');
    expect(electron.Tray.instances).toHaveLength(1);
    expect(electron.BrowserWindow.instances).toHaveLength(0);
  });

  it('runs a job from the tray and records a failure notification with the last output line', async () => {
    const e2e = await hooks();
    expect(e2e.clickTray('run-now:nightly-fails')).toBe(true);
    await vi.waitFor(() => expect(e2e.notifications.map((notice) => notice.title)).toContain('Nightly report failed'), { timeout: 20_000, interval: 100 });
    expect(e2e.notifications[0]!.body).toMatch(/^exit code 4: (disk full|generating)$/);
    await e2e.refreshTray();
    expect(JSON.stringify(e2e.trayTemplate())).toContain('Failing (1)');
    expect(e2e.trayIcon()).toBe('failing');
  });

  it('a notification click opens the window on the run', async () => {
    const e2e = await hooks();
    expect(e2e.clickNotification(0)).toBe(true);
    const window = electron.BrowserWindow.instances[0]!;
    expect(window.isVisible()).toBe(true);
    window.webContents.emit('did-finish-load');
    expect(window.webContents.sent).toEqual([{ channel: 'cronbar-event:app:navigate', payload: expect.objectContaining({ view: 'run', jobId: 'nightly-fails' }) }]);
  });

  it('on quit stops the core before letting the app quit', async () => {
    let prevented = false;
    electron.app.emit('before-quit', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalled(), { timeout: 20_000 });
    expect(electron.Tray.instances[0]!.destroyed).toBe(true);
  });
});
