/**
 * The jobs file as text: its version token, reading it, writing it atomically, creating the default one. No YAML and
 * no schema here, so a process that only needs the text (a CLI command served from the config cache) loads neither.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CronbarError } from '../../../shared/api/cronbar-error';
import { crypto } from '../lazy-builtins';
import { DEFAULT_JOBS_FILE } from './default-jobs-file';

/** New files may hold secrets in `env:`; only the owner reads them. */
const NEW_FILE_MODE = 0o600;

/** The version token of a jobs-file text: the sha256 of its content, hex. */
export function jobsTextVersion(text: string): string {
  return crypto().createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * The text and its version; a missing or unreadable file is a CronbarError naming it. The version is hashed when first
 * read: a reader served from the config cache never needs it.
 */
export function readJobsText(filePath: string): { text: string; readonly version: string } {
  let text: string;
  try {
    text = fs.readFileSync(filePath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CronbarError('not-found', `${filePath}: no such jobs file`);
    throw new CronbarError('internal', `${filePath}: cannot read the jobs file (${(error as Error).message})`);
  }
  let version: string | undefined;
  return {
    text,
    get version() {
      return (version ??= jobsTextVersion(text));
    },
  };
}

/** Creates the commented default jobs file (and its directory) when there is none. */
export function ensureJobsFile(filePath: string): { created: boolean } {
  if (fs.existsSync(filePath)) return { created: false };
  fs.mkdirSync(path.dirname(filePath), { recursive: true });
  writeFileAtomically(filePath, DEFAULT_JOBS_FILE);
  return { created: true };
}

/** Temp file + fsync + rename, keeping the original's permissions. Follows a symlinked jobs file to its target. */
export function writeFileAtomically(filePath: string, text: string, beforeRename?: () => void): void {
  const target = resolveTarget(filePath);
  const directory = path.dirname(target);
  let mode = NEW_FILE_MODE;
  try {
    mode = fs.statSync(target).mode & 0o7777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const temp = path.join(
    directory,
    `.${path.basename(target)}.${process.pid}.${crypto().randomBytes(4).toString('hex')}.tmp`,
  );
  const fd = fs.openSync(temp, 'wx', mode);
  try {
    try {
      fs.writeFileSync(fd, text, 'utf8');
      // The umask may have narrowed the mode given to open.
      fs.fchmodSync(fd, mode);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    beforeRename?.();
    fs.renameSync(temp, target);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
  syncDirectory(directory);
}

function resolveTarget(filePath: string): string {
  try {
    return fs.realpathSync(filePath);
  } catch {
    return path.resolve(filePath);
  }
}

/** Makes the rename itself durable. Not possible on Windows (directories cannot be opened), where NTFS journals it. */
function syncDirectory(directory: string): void {
  if (process.platform === 'win32') return;
  let fd: number | null = null;
  try {
    fd = fs.openSync(directory, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync on a directory; the data itself is already synced.
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}
