/**
 * The jobs file named by the flags, read and checked for the commands that only read it (`validate`, `export`):
 * an unreadable file or every problem in it is printed on stderr as file:line:col, and nothing is opened.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { JobsConfig } from '../../../shared/config/schema';
import { type PlacedIssue, formatConfigIssue } from '../../../shared/format-config-issue';
import { parseJobsText } from '../config/load-jobs-file';
import { dataPaths } from '../store/data-paths';
import type { CliArgs } from './args';
import { resolveDataDir } from './open-from-args';

export function jobsFilePath(args: CliArgs): string {
  return args.config ? path.resolve(args.config) : dataPaths(resolveDataDir(args)).configPath;
}

/** `problems` is 0 when the file could not be read, else how many problems were printed. */
export type CheckedJobsFile = { ok: true; config: JobsConfig } | { ok: false; problems: number };

/** The file checked, nothing printed: for `validate --json`. */
export type JobsFileCheck =
  | { ok: true; config: JobsConfig }
  | { ok: false; readError: string; issues: [] }
  | { ok: false; readError: null; issues: PlacedIssue[] };

export function checkJobsFile(file: string): JobsFileCheck {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const readError = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    return { ok: false, readError, issues: [] };
  }
  const parsed = parseJobsText(text, { fileName: path.basename(file) });
  return parsed.ok ? { ok: true, config: parsed.config } : { ok: false, readError: null, issues: parsed.issues };
}

export function readCheckedJobsFile(file: string, err: NodeJS.WritableStream): CheckedJobsFile {
  const checked = checkJobsFile(file);
  if (checked.ok) return checked;
  if (checked.readError !== null) {
    err.write(`cronbar: cannot read ${file}: ${checked.readError}\n`);
    return { ok: false, problems: 0 };
  }
  for (const issue of checked.issues) err.write(`${formatConfigIssue(issue)}\n`);
  return { ok: false, problems: checked.issues.length };
}
