import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { vi } from 'vitest';

vi.mock('electron', () => import('../../mocks/electron'));

const electron = await import('../../mocks/electron');
const { MainWindow } = await import('../../../electron/app/main-window');

function setup(quitting = false) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-window-'));
  const stateFile = path.join(dir, 'window-state.json');
  const window = new MainWindow({
    preloadPath: '/app/out/preload/preload.cjs',
    entryUrl: 'app://cronbar/index.html',
    stateFile,
    isQuitting: () => quitting,
  });
  return { window, stateFile };
}

describe('MainWindow', () => {
  beforeEach(() => electron.resetElectronMock());

  it('is created lazily, on first show, with the secure webPreferences', () => {
    const { window } = setup();
    expect(electron.BrowserWindow.instances).toHaveLength(0);
    window.show();
    expect(electron.BrowserWindow.instances).toHaveLength(1);
    const created = electron.BrowserWindow.instances[0]!;
    expect(created.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/app/out/preload/preload.cjs',
    });
    expect(created.loadedUrl).toBe('app://cronbar/index.html');
    window.show();
    expect(electron.BrowserWindow.instances).toHaveLength(1);
  });

  it('hides instead of closing (the app stays in the tray), and remembers size and position', () => {
    const { window, stateFile } = setup();
    const created = window.show() as unknown as InstanceType<typeof electron.BrowserWindow>;
    created.bounds = { x: 120, y: 80, width: 1000, height: 700 };
    expect(created.close()).toBe(false);
    expect(created.isVisible()).toBe(false);
    expect(window.current).not.toBeNull();
    expect(JSON.parse(fs.readFileSync(stateFile, 'utf8'))).toEqual({
      bounds: { x: 120, y: 80, width: 1000, height: 700 },
      maximized: false,
    });

    // Next launch: a new window opens where the last one was.
    const next = new MainWindow({
      preloadPath: 'p',
      entryUrl: 'app://cronbar/index.html',
      stateFile,
      isQuitting: () => false,
    });
    next.show();
    expect(electron.BrowserWindow.instances.at(-1)!.options).toMatchObject({ x: 120, y: 80, width: 1000, height: 700 });
  });

  it('closes for real while quitting', () => {
    const { window } = setup(true);
    const created = window.show() as unknown as InstanceType<typeof electron.BrowserWindow>;
    expect(created.close()).toBe(true);
    expect(window.current).toBeNull();
  });

  it('accepts calls only from its own webContents and sends events only once loaded', () => {
    const { window } = setup();
    const created = window.show() as unknown as InstanceType<typeof electron.BrowserWindow>;
    const stranger = new electron.BrowserWindow();
    expect(window.isOurWebContents(created.webContents as never)).toBe(true);
    expect(window.isOurWebContents(stranger.webContents as never)).toBe(false);
    window.send('cronbar-event:jobs:changed', { reason: 'x' });
    expect(created.webContents.sent).toEqual([]);
    created.webContents.emit('did-finish-load');
    window.send('cronbar-event:jobs:changed', { reason: 'y' });
    expect(created.webContents.sent).toEqual([{ channel: 'cronbar-event:jobs:changed', payload: { reason: 'y' } }]);
  });
});
