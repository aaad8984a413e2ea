/**
 * Launch at login on Linux: Electron's setLoginItemSettings does nothing there
 * (https://github.com/electron/electron/issues/15198), so we write an XDG autostart entry
 * (https://specifications.freedesktop.org/autostart-spec/latest/).
 */
import path from 'node:path';

export const AUTOSTART_FILE_NAME = 'cronbar.desktop';

/** `$XDG_CONFIG_HOME/autostart/cronbar.desktop`, falling back to `~/.config`. */
export function autostartPath(env: Record<string, string | undefined>, homeDir: string): string {
  const configHome =
    env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(homeDir, '.config');
  return path.join(configHome, 'autostart', AUTOSTART_FILE_NAME);
}

/** Quotes one Exec argument per the Desktop Entry spec (reserved characters inside double quotes). */
function quoteExecArg(arg: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `"${arg.replace(/[\\"`$]/g, (char) => `\\${char}`).replace(/%/g, '%%')}"`;
}

/**
 * The entry's text. `executable` is the AppImage when run from one (`$APPIMAGE`: the mounted path changes every
 * launch), else the installed binary.
 */
export function autostartEntry(executable: string, args: string[] = []): string {
  const exec = [executable, ...args].map(quoteExecArg).join(' ');
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Cronbar',
    'Comment=Runs your recurring jobs and shows what failed',
    `Exec=${exec}`,
    'Icon=cronbar',
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}
