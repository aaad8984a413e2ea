/**
 * `cronbar validate`: every problem in the jobs file, one line each as file:line:col. Touches nothing else. A valid
 * file is also checked against the environment jobs will get (service/command-path-check.ts): the running
 * scheduler's, asked over its socket, else this command's own; those are warnings and do not change the exit code.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { JobsConfig } from '../../../../shared/config/schema';
import type { ConfigIssue } from '../../../../shared/model';
import { askScheduler } from '../../control/reach-scheduler';
import { ownEnvironment } from '../../runner/job-environment';
import { environmentWarnings } from '../../service/environment-warnings';
import { wrap } from '../format';
import { resolveDataDir } from '../open-from-args';
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
  if (args.json) return validateJson(file, args, out);
  const code = validateFile(file, out, err);
  if (code !== 0) return code;
  const checked = checkJobsFile(file);
  if (!checked.ok) return code;
  const { against, warnings } = await environmentCheck(args, file, checked.config);
  if (warnings.length > 0) {
    const count = `${warnings.length} warning${warnings.length === 1 ? '' : 's'}`;
    err.write(`${wrap(`${count}, checked against ${against}:`, 80)}\n`);
    for (const warning of warnings)
      err.write(`${wrap(formatConfigIssue({ ...warning, message: `warning: ${warning.message}` }), 80, 2)}\n`);
  }
  return 0;
}

/** The environment warnings of a valid file, from the scheduler's point of view when one runs. */
async function environmentCheck(
  args: CliArgs,
  file: string,
  config: JobsConfig,
): Promise<{ against: string; warnings: ConfigIssue[] }> {
  const text = fs.readFileSync(file, 'utf8');
  const fileName = path.basename(file);
  const asked = await askScheduler(resolveDataDir(args), 'validateConfig', { text }).catch(() => null);
  if (asked?.value.ok)
    return {
      against: `the PATH of the ${asked.by.kind} (pid ${asked.by.pid}) that runs the jobs`,
      warnings: (asked.value.warnings ?? []).map((warning) => ({ ...warning, file: fileName })),
    };
  return {
    against: "this shell's environment, as `cronbar run` here would run them (no scheduler runs)",
    warnings: await environmentWarnings(config, text, fileName, ownEnvironment('this cronbar command')),
  };
}

/** `{ file, ok, jobs, enabled, checks, readError, problems: [{ file, line, col, path, message, text }], warnings, checkedAgainst }`. */
async function validateJson(file: string, args: CliArgs, out: NodeJS.WritableStream): Promise<number> {
  const checked = checkJobsFile(file);
  const environment = checked.ok ? await environmentCheck(args, file, checked.config) : null;
  const report = checked.ok
    ? {
        file,
        ok: true,
        jobs: checked.config.jobs.length,
        enabled: checked.config.jobs.filter((job) => job.enabled).length,
        checks: checked.config.checks?.length ?? 0,
        readError: null,
        problems: [],
        warnings: environment!.warnings.map((warning) => ({ ...warning, text: formatConfigIssue(warning) })),
        checkedAgainst: environment!.against,
      }
    : {
        file,
        ok: false,
        jobs: null,
        enabled: null,
        checks: null,
        readError: checked.readError,
        problems: checked.issues.map((issue) => ({ ...issue, text: formatConfigIssue(issue) })),
        warnings: [],
        checkedAgainst: null,
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
