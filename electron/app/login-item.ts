/**
 * Launch at login: the OS login items on macOS and Windows, an XDG autostart entry on Linux (where Electron's
 * setLoginItemSettings does nothing: https://github.com/electron/electron/issues/15198). Either way the login start
 * passes `--hidden` (the app then stays in the tray), and in development the app's path too: the bare Electron
 * binary alone would start Electron's default app.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { app } from 'electron';
import { autostartEntry, autostartPath } from '../policy/autostart-entry';
import { loginItemCommand } from '../policy/launch-mode';

export interface LoginItem {
  get(): boolean;
  set(enabled: boolean): boolean;
}

export interface LoginItemOptions {
  platform: string;
  env?: Record<string, string | undefined>;
  homeDir?: string;
  /** The program to start: the AppImage or installed binary. */
  executable?: string;
}

export function createLoginItem(options: LoginItemOptions): LoginItem {
  const env = options.env ?? process.env;
  // An AppImage is mounted at a new path each launch; $APPIMAGE is the file the user keeps.
  const executable =
    options.executable ?? (options.platform === 'linux' ? env.APPIMAGE : undefined) ?? process.execPath;
  const command = () =>
    loginItemCommand({ isPackaged: app.isPackaged, execPath: executable, appPath: app.getAppPath() });
  if (options.platform !== 'linux') {
    return {
      get: () => app.getLoginItemSettings().openAtLogin,
      set: (enabled) => {
        const { path: program, args } = command();
        app.setLoginItemSettings({ openAtLogin: enabled, path: program, args });
        return app.getLoginItemSettings().openAtLogin;
      },
    };
  }
  const file = autostartPath(env, options.homeDir ?? os.homedir());
  return {
    get: () => fs.existsSync(file),
    set: (enabled) => {
      if (enabled) {
        const { path: program, args } = command();
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, autostartEntry(program, args));
      } else {
        fs.rmSync(file, { force: true });
      }
      return fs.existsSync(file);
    },
  };
}
