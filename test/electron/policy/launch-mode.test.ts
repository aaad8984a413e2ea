import { describe, expect, it } from 'vitest';
import {
  LOGIN_ARG,
  appUserModelId,
  loginItemCommand,
  shouldShowWindowAtStart,
} from '../../../electron/policy/launch-mode';
import { trayWarning } from '../../../electron/policy/tray-support';

describe('the window at start (stock GNOME has no tray)', () => {
  it('opens when started by hand, stays hidden only when launched at login', () => {
    expect(shouldShowWindowAtStart({ argv: ['/opt/Cronbar/cronbar'], firstRun: false })).toBe(true);
    expect(shouldShowWindowAtStart({ argv: ['/opt/Cronbar/cronbar', LOGIN_ARG], firstRun: false })).toBe(false);
    expect(
      shouldShowWindowAtStart({
        argv: ['/Applications/Cronbar.app/Contents/MacOS/Cronbar'],
        wasOpenedAtLogin: true,
        firstRun: false,
      }),
    ).toBe(false);
  });

  it('opens on the first run even when launched at login', () => {
    expect(shouldShowWindowAtStart({ argv: ['cronbar', LOGIN_ARG], firstRun: true })).toBe(true);
  });

  it('warns about the tray on stock GNOME only', () => {
    expect(trayWarning('linux', { XDG_CURRENT_DESKTOP: 'GNOME' })).toMatch(/AppIndicator/);
    expect(trayWarning('linux', { XDG_CURRENT_DESKTOP: 'ubuntu:GNOME' })).toBeNull();
    expect(trayWarning('linux', { XDG_CURRENT_DESKTOP: 'KDE' })).toBeNull();
    expect(trayWarning('linux', {})).toBeNull();
    expect(trayWarning('darwin', { XDG_CURRENT_DESKTOP: 'GNOME' })).toBeNull();
  });
});

describe('login item command', () => {
  it('in development starts Electron with the app path, else the app alone; always hidden', () => {
    expect(
      loginItemCommand({ isPackaged: false, execPath: '/repo/node_modules/electron/dist/electron', appPath: '/repo' }),
    ).toEqual({
      path: '/repo/node_modules/electron/dist/electron',
      args: ['/repo', LOGIN_ARG],
    });
    expect(
      loginItemCommand({
        isPackaged: true,
        execPath: '/opt/Cronbar/cronbar',
        appPath: '/opt/Cronbar/resources/app.asar',
      }),
    ).toEqual({ path: '/opt/Cronbar/cronbar', args: [LOGIN_ARG] });
  });
});

describe('Windows App User Model ID', () => {
  it('is the appId when installed and the Electron binary under npm start (so toasts show in development)', () => {
    expect(appUserModelId({ isPackaged: true, execPath: 'C:\\Cronbar\\Cronbar.exe', appId: 'dev.cronbar.app' })).toBe(
      'dev.cronbar.app',
    );
    expect(
      appUserModelId({
        isPackaged: false,
        execPath: 'C:\\repo\\node_modules\\electron\\dist\\electron.exe',
        appId: 'dev.cronbar.app',
      }),
    ).toBe('C:\\repo\\node_modules\\electron\\dist\\electron.exe');
  });
});
