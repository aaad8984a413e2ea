/**
 * Defect: package.json had no productName, so Electron named the app `cronbar` and its userData was ~/.config/cronbar
 * while the CLI used ~/.config/Cronbar: two databases, two schedulers. Electron derives userData from package.json
 * (productName, else name); the faithful fake does the same, and here it must land where the CLI's defaultDataDir
 * does, on every platform.
 */
import os from 'node:os';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultDataDir } from '../../../electron/core/store/data-paths';

vi.mock('electron', () => import('../../mocks/electron'));
const electron = await import('../../mocks/electron');

describe('the app and the CLI share one data directory', () => {
  afterEach(() => vi.unstubAllEnvs());

  it.each(['linux', 'darwin', 'win32'] as const)('Electron’s own userData on %s is the CLI’s directory', (platform) => {
    electron.resetElectronMock();
    vi.stubEnv('CRONBAR_HOME', '');
    vi.stubEnv('XDG_CONFIG_HOME', '');
    vi.stubEnv('APPDATA', 'C:\\Users\\ada\\AppData\\Roaming');
    electron.app.platform = platform;
    expect(electron.app.getName()).toBe('Cronbar');
    expect(electron.app.getPath('userData')).toBe(defaultDataDir(process.env, platform, os.homedir()));
  });

  it('honours XDG_CONFIG_HOME the way Chromium does', () => {
    electron.resetElectronMock();
    vi.stubEnv('CRONBAR_HOME', '');
    vi.stubEnv('XDG_CONFIG_HOME', '/home/ada/.cfg');
    electron.app.platform = 'linux';
    expect(electron.app.getPath('userData')).toBe('/home/ada/.cfg/Cronbar');
    expect(defaultDataDir(process.env, 'linux', '/home/ada')).toBe('/home/ada/.cfg/Cronbar');
  });
});
