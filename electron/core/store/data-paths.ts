/**
 * Where Cronbar keeps its files. The CLI runs without Electron but must find the same directory the desktop app uses,
 * so this mirrors what Electron's `app.getPath('userData')` returns for productName "Cronbar" instead of asking it.
 */
import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'Cronbar';

export interface DataPaths {
  dataDir: string;
  /** The jobs file the admin edits. */
  configPath: string;
  /** Jobs state and run history (SQLite). */
  dbPath: string;
  /** Where `backup` writes dated copies of the DB. */
  backupsDir: string;
  /** The scheduler lock: only one process runs the jobs of a data directory. */
  lockPath: string;
}

/**
 * `CRONBAR_HOME` when set, else the per-OS app-data directory. The arguments default to the running process so tests
 * can ask for any platform.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  const override = env.CRONBAR_HOME;
  if (override) return override;
  switch (platform) {
    case 'win32':
      // Electron asks Windows for FOLDERID_RoamingAppData, which is what %APPDATA% holds.
      return path.win32.join(env.APPDATA || path.win32.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
    case 'darwin':
      return path.posix.join(home, 'Library', 'Application Support', PRODUCT_NAME);
    default:
      // Chromium's GetXDGDirectory: a non-empty XDG_CONFIG_HOME is used as is, otherwise ~/.config.
      return path.posix.join(env.XDG_CONFIG_HOME || path.posix.join(home, '.config'), PRODUCT_NAME);
  }
}

export function dataPaths(dataDir: string): DataPaths {
  return {
    dataDir,
    configPath: path.join(dataDir, 'jobs.yaml'),
    dbPath: path.join(dataDir, 'cronbar.db'),
    backupsDir: path.join(dataDir, 'backups'),
    lockPath: path.join(dataDir, 'cronbar.lock'),
  };
}
