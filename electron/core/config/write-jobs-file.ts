/**
 * Saves the jobs file so that it is never half-written and never silently overwrites an edit made elsewhere:
 * validate first, compare with the version the editor started from, then write a temp file in the same directory,
 * fsync it and rename it over the original (rename is atomic within one file system).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CronbarError } from '../../../shared/api/contract';
import type { JobsConfig } from '../../../shared/config/schema';
import { formatConfigIssue } from '../../../shared/model';
import { DEFAULT_JOBS_FILE } from './default-jobs-file';
import { jobsTextVersion, parseJobsText } from './load-jobs-file';

export interface WriteJobsOptions {
  /**
   * The version (content hash) the new text was based on. The write is refused when the file on disk no longer has
   * it. `null`: the file must not exist yet. Omitted: no check.
   */
  baseVersion?: string | null;
  /** The name used in issues (default: the file's base name). */
  fileName?: string;
  timezone?: string;
  /** Called with the new version just before the rename, so a watcher can recognise our own write. */
  beforeRename?: (version: string) => void;
}

/** New files may hold secrets in `env:`; only the owner reads them. */
const NEW_FILE_MODE = 0o600;

export function writeJobsFile(filePath: string, text: string, options: WriteJobsOptions = {}): { version: string; config: JobsConfig } {
  const fileName = options.fileName ?? path.basename(filePath);
  const parsed = parseJobsText(text, { fileName, timezone: options.timezone });
  if (!parsed.ok) {
    const count = parsed.issues.length;
    const first = parsed.issues[0]!;
    throw new CronbarError('invalid-config', `${fileName} not saved: ${count} problem${count === 1 ? '' : 's'}, first: ${formatConfigIssue(first)}`, parsed.issues);
  }
  if (options.baseVersion !== undefined) {
    const onDisk = currentVersion(filePath);
    if (onDisk !== options.baseVersion) {
      throw new CronbarError(
        'conflict',
        onDisk === null
          ? `${fileName} was deleted since it was opened; nothing was saved`
          : `${fileName} changed on disk since it was opened; reload it and apply your change again`,
      );
    }
  }
  const version = jobsTextVersion(text);
  writeFileAtomically(filePath, text, options.beforeRename ? () => options.beforeRename!(version) : undefined);
  return { version, config: parsed.config };
}

/** Creates the commented default jobs file (and its directory) when there is none. */
export function ensureJobsFile(filePath: string): { created: boolean } {
  if (fs.existsSync(filePath)) return { created: false };
  fs.mkdirSync(path.dirname(filePath), { recursive: true });
  writeFileAtomically(filePath, DEFAULT_JOBS_FILE);
  return { created: true };
}

function currentVersion(filePath: string): string | null {
  try {
    return jobsTextVersion(fs.readFileSync(filePath, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
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
  const temp = path.join(directory, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
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
