/** `cronbar validate`: every problem in the jobs file, one line each as file:line:col. Touches nothing else. */
import type { CliArgs } from '../args';
import { expectPositionals } from '../args';
import { formatConfigIssue } from '../../../../shared/format-config-issue';
import { checkJobsFile, jobsFilePath, readCheckedJobsFile } from '../checked-jobs-file';
import { eventVisibilityWarnings } from '../event-visibility';
import { createOsProbes } from '../../probes/os-probes';

export async function validateCommand(
  args: CliArgs,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  expectPositionals(args, 0, 0, '');
  const file = jobsFilePath(args);
  if (args.json) return validateJson(file, out);
  return validateFile(file, out, err);
}

/** `{ file, ok, jobs, enabled, checks, readError, problems: [{ file, line, col, path, message, text }] }`. */
function validateJson(file: string, out: NodeJS.WritableStream): number {
  const checked = checkJobsFile(file);
  const report = checked.ok
    ? {
        file,
        ok: true,
        jobs: checked.config.jobs.length,
        enabled: checked.config.jobs.filter((job) => job.enabled).length,
        checks: checked.config.checks?.length ?? 0,
        readError: null,
        problems: [],
      }
    : {
        file,
        ok: false,
        jobs: null,
        enabled: null,
        checks: null,
        readError: checked.readError,
        problems: checked.issues.map((issue) => ({ ...issue, text: formatConfigIssue(issue) })),
      };
  out.write(`${JSON.stringify(report, null, 2)}\n`);
  return checked.ok ? 0 : 1;
}

/** Checks `file` and reports: 0 when valid, 1 when unreadable or invalid. */
export function validateFile(
  file: string,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
  options: { afterEdit?: boolean } = {},
): number {
  const checked = readCheckedJobsFile(file, err);
  if (!checked.ok) {
    if (checked.problems === 0) return 1;
    const count = `${checked.problems} problem${checked.problems === 1 ? '' : 's'} in ${file}`;
    err.write(
      options.afterEdit
        ? `${count}: saved as you left it, but a running scheduler keeps the last good jobs until it is fixed (run cronbar edit again)\n`
        : `${count}; nothing was changed\n`,
    );
    return 1;
  }
  const jobs = checked.config.jobs;
  const enabled = jobs.filter((job) => job.enabled).length;
  out.write(`${file}: OK, ${jobs.length} job${jobs.length === 1 ? '' : 's'} (${enabled} enabled)\n`);
  for (const line of eventVisibilityWarnings(jobs, createOsProbes().blindSpots())) out.write(`warning: ${line}\n`);
  return 0;
}
