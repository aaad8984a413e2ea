/** Smaller desktop defects: App Nap, the DevTools menu, the e2e hooks in a packaged app, the log that grew forever, login items in development. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AWAKE_LEAD_MS } from '../../../electron/policy/app-nap';
import { LOGIN_ARG } from '../../../electron/policy/launch-mode';

vi.mock('electron', () => import('../../mocks/electron'));
const electron = await import('../../mocks/electron');
const { AppNapGuard, setupAppNap } = await import('../../../electron/app/app-nap-guard');
const { installAppMenu } = await import('../../../electron/app/app-menu');
const { isE2E } = await import('../../../electron/app/e2e-hooks');
const { createAppLog, oldLogPath } = await import('../../../electron/app/app-log');
const { createLoginItem } = await import('../../../electron/app/login-item');

describe('macOS App Nap', () => {
  beforeEach(() => electron.resetElectronMock());
  const now = 1_000_000;

  it('holds prevent-app-suspension only while a fire is due within a minute or a job runs', () => {
    const guard = new AppNapGuard('darwin');
    guard.update({ now, nextFireAt: now + 10 * 60_000, running: 0 });
    expect([...electron.powerSaveBlocker.active.values()]).toEqual([]);
    guard.update({ now, nextFireAt: now + AWAKE_LEAD_MS, running: 0 });
    expect([...electron.powerSaveBlocker.active.values()]).toEqual(['prevent-app-suspension']);
    guard.update({ now, nextFireAt: now + AWAKE_LEAD_MS / 2, running: 0 });
    expect(electron.powerSaveBlocker.active.size).toBe(1);
    guard.update({ now, nextFireAt: null, running: 2 });
    expect(electron.powerSaveBlocker.active.size).toBe(1);
    guard.update({ now, nextFireAt: now + 3_600_000, running: 0 });
    expect(electron.powerSaveBlocker.active.size).toBe(0);
  });

  it('follows run and scheduler events with one timer to the lead before the next fire, and never polls', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'], now });
    try {
      const listeners = new Map<string, () => void>();
      let running = 0;
      const nextFireAt = now + 10 * 60_000;
      const reads = vi.fn();
      const service = {
        on: (event: string, listener: () => void) => (listeners.set(event, listener), () => listeners.delete(event)),
        onResync: (listener: () => void) => (listeners.set('resync', listener), () => listeners.delete('resync')),
        status: async () => (reads(), { running }) as never,
        upcoming: async () => [{ jobId: 'backup', name: 'backup', at: nextFireAt }],
      };
      const dispose = setupAppNap(service as never, 'darwin');
      await vi.advanceTimersByTimeAsync(0);
      expect(electron.powerSaveBlocker.active.size).toBe(0);
      // A job starts: held at once; it ends: let go.
      running = 1;
      listeners.get('run:started')!();
      await vi.advanceTimersByTimeAsync(0);
      expect(electron.powerSaveBlocker.active.size).toBe(1);
      running = 0;
      listeners.get('run:finished')!();
      await vi.advanceTimersByTimeAsync(0);
      expect(electron.powerSaveBlocker.active.size).toBe(0);
      // Nothing else reads until the lead before the fire (10 min away, so 9 min on).
      reads.mockClear();
      await vi.advanceTimersByTimeAsync(10 * 60_000 - AWAKE_LEAD_MS - 1);
      expect(reads).not.toHaveBeenCalled();
      expect(electron.powerSaveBlocker.active.size).toBe(0);
      await vi.advanceTimersByTimeAsync(1);
      expect(reads).toHaveBeenCalledTimes(1);
      expect(electron.powerSaveBlocker.active.size).toBe(1);
      dispose();
      expect(electron.powerSaveBlocker.active.size).toBe(0);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('does nothing on Linux and Windows', () => {
    new AppNapGuard('linux').update({ now, nextFireAt: now, running: 1 });
    expect(electron.powerSaveBlocker.active.size).toBe(0);
  });
});

describe('application menu', () => {
  beforeEach(() => electron.resetElectronMock());

  it('a packaged app has no menu (no Toggle Developer Tools) on Linux and Windows; macOS keeps only App and Edit', () => {
    installAppMenu({ isPackaged: true, platform: 'linux' });
    expect(electron.Menu.applicationMenu).toBeNull();
    installAppMenu({ isPackaged: true, platform: 'darwin' });
    expect(electron.Menu.applicationMenu?.template).toEqual([{ role: 'appMenu' }, { role: 'editMenu' }]);
  });

  it('development keeps Electron’s default menu', () => {
    installAppMenu({ isPackaged: false, platform: 'linux' });
    expect(electron.Menu.applicationMenu).toBeUndefined();
  });
});

describe('e2e hooks', () => {
  it('cannot be switched on in a packaged app', () => {
    expect(isE2E({ CRONBAR_E2E: '1' }, false)).toBe(true);
    expect(isE2E({ CRONBAR_E2E: '1' }, true)).toBe(false);
    expect(isE2E({}, false)).toBe(false);
  });
});

describe('app log', () => {
  it('rotates by size: cronbar.log never grows past the limit and the previous part is kept as cronbar.old.log', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-log-'));
    const file = path.join(dir, 'cronbar.log');
    const log = createAppLog(file, { maxBytes: 1000, echo: () => {}, now: () => new Date(0) });
    for (let i = 0; i < 200; i++) log(`line ${i} ${'x'.repeat(40)}`);
    expect(fs.statSync(file).size).toBeLessThanOrEqual(1000);
    expect(fs.statSync(oldLogPath(file)).size).toBeLessThanOrEqual(1000);
    expect(oldLogPath(file)).toBe(path.join(dir, 'cronbar.old.log'));
    expect(fs.readFileSync(file, 'utf8').trimEnd().split('\n').at(-1)).toContain('line 199');
    expect(fs.readdirSync(dir).sort()).toEqual(['cronbar.log', 'cronbar.old.log']);
  });
});

describe('launch at login', () => {
  beforeEach(() => electron.resetElectronMock());

  it('in development registers the Electron binary with the app path, and the login start stays hidden', () => {
    electron.app.appPath = '/home/ada/src/cronbar';
    createLoginItem({ platform: 'win32', executable: 'C:\\cronbar\\node_modules\\electron\\dist\\electron.exe' }).set(
      true,
    );
    expect(electron.app.loginItem).toEqual({
      openAtLogin: true,
      path: 'C:\\cronbar\\node_modules\\electron\\dist\\electron.exe',
      args: ['/home/ada/src/cronbar', LOGIN_ARG],
    });
  });

  it('on Linux the autostart entry starts the app hidden; in development with the app path', () => {
    const configHome = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-xdg-'));
    electron.app.appPath = '/home/ada/src/cronbar';
    createLoginItem({
      platform: 'linux',
      env: { XDG_CONFIG_HOME: configHome },
      executable: '/home/ada/src/cronbar/node_modules/electron/dist/electron',
    }).set(true);
    expect(fs.readFileSync(path.join(configHome, 'autostart', 'cronbar.desktop'), 'utf8')).toContain(
      `Exec=/home/ada/src/cronbar/node_modules/electron/dist/electron /home/ada/src/cronbar ${LOGIN_ARG}`,
    );
  });
});
