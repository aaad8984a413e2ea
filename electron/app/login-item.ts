/**
 * Launch at login: the OS login items on macOS and Windows, an XDG autostart entry on Linux (where Electron's
 * setLoginItemSettings does nothing: https://github.com/electron/electron/issues/15198).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { app } from 'electron';
import { autostartEntry, autostartPath } from '../policy/autostart-entry';

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
  if (options.platform !== 'linux') {
    return {
      get: () => app.getLoginItemSettings().openAtLogin,
      set: (enabled) => {
        app.setLoginItemSettings({ openAtLogin: enabled });
        return app.getLoginItemSettings().openAtLogin;
      },
    };
  }
  const env = options.env ?? process.env;
  const file = autostartPath(env, options.homeDir ?? os.homedir());
  // An AppImage is mounted at a new path each launch; $APPIMAGE is the file the user keeps.
  const executable = options.executable ?? env.APPIMAGE ?? process.execPath;
  return {
    get: () => fs.existsSync(file),
    set: (enabled) => {
      if (enabled) {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, autostartEntry(executable, app.isPackaged ? [] : [app.getAppPath()]));
      } else {
        fs.rmSync(file, { force: true });
      }
      return fs.existsSync(file);
    },
  };
}
