import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../../mocks/electron'));

const electron = await import('../../mocks/electron');
const { createLoginItem } = await import('../../../electron/app/login-item');

describe('launch at login', () => {
  beforeEach(() => electron.resetElectronMock());

  it('on Linux writes and removes an XDG autostart entry that starts the AppImage', () => {
    const configHome = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-xdg-'));
    electron.app.appPath = '/repo';
    const item = createLoginItem({
      platform: 'linux',
      env: { XDG_CONFIG_HOME: configHome, APPIMAGE: '/home/me/Apps/Cronbar 1.0.AppImage' },
      homeDir: '/home/me',
    });
    const file = path.join(configHome, 'autostart', 'cronbar.desktop');
    expect(item.get()).toBe(false);
    expect(item.set(true)).toBe(true);
    const entry = fs.readFileSync(file, 'utf8');
    expect(entry).toContain('[Desktop Entry]');
    expect(entry).toContain('Exec="/home/me/Apps/Cronbar 1.0.AppImage" /repo --hidden');
    expect(item.get()).toBe(true);
    expect(item.set(false)).toBe(false);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('on macOS and Windows uses the OS login items', () => {
    const item = createLoginItem({ platform: 'darwin' });
    expect(item.set(true)).toBe(true);
    expect(electron.app.loginItem.openAtLogin).toBe(true);
    expect(item.get()).toBe(true);
  });
});
