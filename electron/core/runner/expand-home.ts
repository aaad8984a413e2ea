/**
 * `~` and `~/x` as an admin writes them in jobs.yaml (`cwd: ~/notes`, `["git", "-C", "~/notes", "pull"]`). No shell
 * expands them for argv commands, so we do. `~user` is left alone: it is rare and needs a passwd lookup.
 */
import os from 'node:os';

export function expandHome(text: string, home: string = os.homedir()): string {
  if (text === '~') return home;
  if (text.startsWith('~/') || (process.platform === 'win32' && text.startsWith('~\\'))) {
    return home.replace(/[\\/]+$/, '') + text.slice(1);
  }
  return text;
}
