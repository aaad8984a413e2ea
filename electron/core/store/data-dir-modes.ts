/**
 * The data directory is private to its user: the DB holds every run's output and a copy of the jobs file (with its
 * `env:` secrets), so the directory is 0700 and Cronbar's files in it 0600, whatever the umask. A directory Cronbar
 * creates is made so; one an older Cronbar left open is tightened on start (tightenDataDir).
 *
 * Only Cronbar's own things are touched: its files, by name, and the directory itself only when it is not a shared
 * one (the home directory, a parent of it, of the temp directory or of the default data directory, a sticky
 * directory), in case CRONBAR_HOME or --data-dir names such a place. Nothing is done on Windows, where modes do not
 * say who may read a file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultDataDir } from './data-paths';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** The files Cronbar writes at the top of a data directory (DB, lock, jobs file, API token and endpoint, logs). */
const OWN_FILES = [
  'cronbar.db',
  'cronbar.db-wal',
  'cronbar.db-shm',
  'cronbar.db-journal',
  'cronbar.lock',
  'jobs.yaml',
  'api-token',
  'api.json',
  'api-settings.json',
  'cronbar.log',
  'daemon.log',
];
/** Its directories: their own files are Cronbar's too (backups, control inboxes). */
const OWN_DIRS = ['backups', 'control'];

const enforced = process.platform !== 'win32';

/** Creates `dir` 0700 if missing (its missing parents get the usual mode: they may be shared, like ~/.config). */
export function makePrivateDir(dir: string): void {
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  try {
    fs.mkdirSync(dir, { mode: PRIVATE_DIR_MODE });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/**
 * Creates `file` empty and 0600 if missing, so that what SQLite then opens there (and the -wal and -shm files, which
 * SQLite gives the DB file's mode) is private from its first byte. Failures are left for the caller's own open to
 * report.
 */
export function createPrivateFile(file: string): void {
  try {
    fs.closeSync(fs.openSync(file, 'wx', PRIVATE_FILE_MODE));
  } catch {
    // Exists already, or cannot be created: the open that follows says so.
  }
}

/**
 * Creates the data directory 0700 if missing, and takes group and other access off an existing one and off Cronbar's
 * files in it. Returns what it changed, for a log line (null when nothing was open).
 */
export function tightenDataDir(dataDir: string): string | null {
  makePrivateDir(dataDir);
  if (!enforced) return null;
  const dirs: string[] = [];
  const files: string[] = [];
  if (!isSharedDir(dataDir) && tighten(dataDir)) dirs.push(dataDir);
  for (const name of OWN_FILES) if (tighten(path.join(dataDir, name))) files.push(name);
  for (const name of OWN_DIRS) {
    const dir = path.join(dataDir, name);
    if (tighten(dir)) dirs.push(`${name}/`);
    for (const entry of entriesOf(dir))
      if (tighten(path.join(dir, entry.name))) (entry.isDirectory() ? dirs : files).push(`${name}/${entry.name}`);
  }
  if (dirs.length + files.length === 0) return null;
  const now = [dirs.length > 0 ? `${dirs.join(', ')} 0700` : '', files.length > 0 ? `${files.join(', ')} 0600` : ''];
  return `other local users could read Cronbar's data in ${dataDir}; now private: ${now.filter(Boolean).join('; ')}`;
}

/**
 * Makes a file of ours 0600 and a directory 0700 when others have any access to it; true when it did. A symlink, or
 * something another user owns, is left alone.
 */
function tighten(file: string): boolean {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(file);
  } catch {
    return false;
  }
  if (stat.isSymbolicLink() || (stat.mode & 0o077) === 0) return false;
  if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) return false;
  try {
    fs.chmodSync(file, stat.isDirectory() ? PRIVATE_DIR_MODE : PRIVATE_FILE_MODE);
    return true;
  } catch {
    return false;
  }
}

function entriesOf(dir: string): fs.Dirent[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isFile() || entry.isDirectory());
  } catch {
    return [];
  }
}

/** A directory others have a say in: closing it would close more than Cronbar's data. */
function isSharedDir(dir: string): boolean {
  const real = realPath(dir);
  try {
    if ((fs.statSync(real).mode & 0o1000) !== 0) return true;
  } catch {
    return true;
  }
  const defaultParent = path.dirname(defaultDataDir({ ...process.env, CRONBAR_HOME: '' }));
  const shared = [os.homedir(), os.tmpdir(), defaultParent].map(realPath);
  return shared.some((place) => isSameOrAncestor(real, place));
}

function isSameOrAncestor(dir: string, of: string): boolean {
  const relative = path.relative(dir, of);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function realPath(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}
