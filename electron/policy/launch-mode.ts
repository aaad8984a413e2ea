/**
 * How the app was started, and what that means for the window. Stock GNOME has no tray (no AppIndicator extension),
 * so an app that starts hidden there looks like it never started: the window opens whenever the user started Cronbar
 * by hand or it is the first run, and stays hidden only when the OS launched it at login.
 */

/** The argument every login item passes (XDG autostart entry, macOS/Windows login items). */
export const LOGIN_ARG = '--hidden';

export interface LaunchFacts {
  argv: readonly string[];
  /** macOS only: app.getLoginItemSettings().wasOpenedAtLogin. */
  wasOpenedAtLogin?: boolean;
  /** True when there was no jobs file before this start. */
  firstRun: boolean;
}

export function launchedAtLogin(facts: Pick<LaunchFacts, 'argv' | 'wasOpenedAtLogin'>): boolean {
  return facts.argv.includes(LOGIN_ARG) || facts.wasOpenedAtLogin === true;
}

export function shouldShowWindowAtStart(facts: LaunchFacts): boolean {
  return facts.firstRun || !launchedAtLogin(facts);
}

/**
 * The login item's program and arguments. In development the program is the bare Electron binary, which without the
 * app's path would start Electron's default app instead of Cronbar.
 */
export function loginItemCommand(options: { isPackaged: boolean; execPath: string; appPath: string }): {
  path: string;
  args: string[];
} {
  return { path: options.execPath, args: options.isPackaged ? [LOGIN_ARG] : [options.appPath, LOGIN_ARG] };
}

/**
 * Windows shows toasts only for an App User Model ID with a Start Menu shortcut: the installer makes one for the
 * appId; under `npm start` the Electron binary's own path is what Windows knows
 * (https://www.electronjs.org/docs/latest/tutorial/notifications#windows).
 */
export function appUserModelId(options: { isPackaged: boolean; execPath: string; appId: string }): string {
  return options.isPackaged ? options.appId : options.execPath;
}
