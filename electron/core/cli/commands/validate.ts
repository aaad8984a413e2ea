/** `cronbar validate`: every problem in the jobs file, one line each as file:line:col. Touches nothing else. */
import fs from 'node:fs';
import path from 'node:path';
import { formatConfigIssue } from '../../../../shared/format-config-issue';
import { parseJobsText } from '../../config/load-jobs-file';
import { dataPaths } from '../../store/data-paths';
import type { CliArgs } from '../args';
import { expectPositionals } from '../args';
import { resolveDataDir } from '../open-from-args';

export async function validateCommand(args: CliArgs, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  expectPositionals(args, 0, 0, '');
  const file = args.config ? path.resolve(args.config) : dataPaths(resolveDataDir(args)).configPath;
  return validateFile(file, out, err);
}

/** Checks `file` and reports: 0 when valid, 1 when unreadable or invalid. */
export function validateFile(file: string, out: NodeJS.WritableStream, err: NodeJS.WritableStream, options: { afterEdit?: boolean } = {}): number {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    err.write(`cronbar: cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}\n`);
    return 1;
  }
  const parsed = parseJobsText(text, { fileName: path.basename(file) });
  if (!parsed.ok) {
    for (const issue of parsed.issues) err.write(`${formatConfigIssue(issue)}\n`);
    const count = `${parsed.issues.length} problem${parsed.issues.length === 1 ? '' : 's'} in ${file}`;
    err.write(
      options.afterEdit
        ? `${count}: saved as you left it, but a running scheduler keeps the last good jobs until it is fixed (run cronbar edit again)\n`
        : `${count}; nothing was changed\n`,
    );
    return 1;
  }
  const jobs = parsed.config.jobs;
  const enabled = jobs.filter((job) => job.enabled).length;
  out.write(`${file}: OK, ${jobs.length} job${jobs.length === 1 ? '' : 's'} (${enabled} enabled)\n`);
  return 0;
}
