/**
 * Where one Cronbar process finds its files, decided once for the CLI, the daemon and the desktop app: the jobs file,
 * the DB, the lock, and the better-sqlite3 addon to load. The data directory itself comes from the caller
 * (store/data-paths.ts's defaultDataDir, or the CLI's --data-dir).
 */
import fs from 'node:fs';
import path from 'node:path';
import { dataPaths } from '../store/data-paths';
import { cliBuildId } from './lazy-config';

export interface CronbarPaths {
  dataDir: string;
  configPath: string;
  dbPath: string;
  lockPath: string;
  /** A jobs file named by the caller must exist; the default one is created with examples. */
  configNamed: boolean;
  /** Undefined: better-sqlite3 finds its own addon. */
  nativeBinding: string | undefined;
}

export function resolveCronbarPaths(options: {
  dataDir: string;
  configPath?: string;
  dbPath?: string;
  nativeBinding?: string;
}): CronbarPaths {
  const defaults = dataPaths(options.dataDir);
  return {
    dataDir: options.dataDir,
    configPath: options.configPath ?? defaults.configPath,
    dbPath: options.dbPath ?? defaults.dbPath,
    lockPath: defaults.lockPath,
    configNamed: options.configPath !== undefined,
    nativeBinding: options.nativeBinding ?? bundledCliSqliteBinding(),
  };
}

/**
 * better-sqlite3's addon by its path, in the bundled CLI: its default lookup (the `bindings` package) tries a dozen
 * paths and parses a stack trace on every start. The bundle (out/cli) sits two levels under the package root whose
 * node_modules holds it; when the file is not where npm builds it, or outside the CLI build (the desktop app passes
 * its Electron-ABI build), the default lookup stays.
 */
function bundledCliSqliteBinding(): string | undefined {
  if (cliBuildId() === undefined || typeof __dirname !== 'string') return undefined;
  const file = path.join(
    __dirname,
    '..',
    '..',
    'node_modules',
    'better-sqlite3',
    'build',
    'Release',
    'better_sqlite3.node',
  );
  return fs.existsSync(file) ? file : undefined;
}
