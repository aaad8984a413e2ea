/**
 * The jobs file named by the flags, read and checked for the commands that only read it (`validate`, `export`):
 * an unreadable file or every problem in it is printed on stderr as file:line:col, and nothing is opened.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { JobsConfig } from '../../../shared/config/schema';
import { formatConfigIssue } from '../../../shared/format-config-issue';
import { parseJobsText } from '../config/load-jobs-file';
import { dataPaths } from '../store/data-paths';
import type { CliArgs } from './args';
import { resolveDataDir } from './open-from-args';

export function jobsFilePath(args: CliArgs): string {
  return args.config ? path.resolve(args.config) : dataPaths(resolveDataDir(args)).configPath;
}

/** `problems` is 0 when the file could not be read, else how many problems were printed. */
export type CheckedJobsFile = { ok: true; config: JobsConfig } | { ok: false; problems: number };

export function readCheckedJobsFile(file: string, err: NodeJS.WritableStream): CheckedJobsFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    err.write(
      `cronbar: cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}\n`,
    );
    return { ok: false, problems: 0 };
  }
  const parsed = parseJobsText(text, { fileName: path.basename(file) });
  if (parsed.ok) return { ok: true, config: parsed.config };
  for (const issue of parsed.issues) err.write(`${formatConfigIssue(issue)}\n`);
  return { ok: false, problems: parsed.issues.length };
}
