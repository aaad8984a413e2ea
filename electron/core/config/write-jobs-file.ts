/**
 * Saves the jobs file so that it is never half-written and never silently overwrites an edit made elsewhere:
 * validate first, compare with the version the editor started from, then write a temp file in the same directory,
 * fsync it and rename it over the original (rename is atomic within one file system).
 */
import fs from 'node:fs';
import path from 'node:path';
import { CronbarError } from '../../../shared/api/cronbar-error';
import type { JobsConfig } from '../../../shared/config/schema';
import { formatConfigIssue } from '../../../shared/model';
import { jobsTextVersion, writeFileAtomically } from './jobs-file-text';
import { parseJobsText } from './load-jobs-file';

export { ensureJobsFile, writeFileAtomically } from './jobs-file-text';

export interface WriteJobsOptions {
  /**
   * The version (content hash) the new text was based on. The write is refused when the file on disk no longer has
   * it. `null`: the file must not exist yet. Omitted: no check.
   */
  baseVersion?: string | null;
  /** The name used in issues (default: the file's base name). */
  fileName?: string;
  timezone?: string;
  /**
   * Called with the new version (and the config it parsed to) just before the rename, so a watcher can recognise our
   * own write and the history can record it before any other process sees the new text.
   */
  beforeRename?: (version: string, config: JobsConfig) => void;
}

export function writeJobsFile(
  filePath: string,
  text: string,
  options: WriteJobsOptions = {},
): { version: string; config: JobsConfig } {
  const fileName = options.fileName ?? path.basename(filePath);
  const parsed = parseJobsText(text, { fileName, timezone: options.timezone });
  if (!parsed.ok) {
    const count = parsed.issues.length;
    const first = parsed.issues[0]!;
    throw new CronbarError(
      'invalid-config',
      `${fileName} not saved: ${count} problem${count === 1 ? '' : 's'}, first: ${formatConfigIssue(first)}`,
      parsed.issues,
    );
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
  writeFileAtomically(
    filePath,
    text,
    options.beforeRename ? () => options.beforeRename!(version, parsed.config) : undefined,
  );
  return { version, config: parsed.config };
}

function currentVersion(filePath: string): string | null {
  try {
    return jobsTextVersion(fs.readFileSync(filePath, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
