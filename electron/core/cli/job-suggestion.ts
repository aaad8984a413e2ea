/**
 * "did you mean" for a mistyped job id (`cronbar run certbott` → `certbot`): the service only says the id is unknown,
 * so the CLI looks for a close id in the jobs file, on this error path only (a correct id never reads the file twice,
 * and no command's start-up loads the parser for it: it is imported when the error happens).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CronbarError } from '../../../shared/api/cronbar-error';
import { suggestKey } from '../config/did-you-mean';
import type { CliArgs } from './args';

const UNKNOWN_JOB = /^no job with id "([^"]+)"/;

export async function withJobSuggestion(error: CronbarError, args: CliArgs): Promise<string> {
  const unknown = error.code === 'not-found' ? UNKNOWN_JOB.exec(error.message) : null;
  if (!unknown || error.message.includes('did you mean')) return error.message;
  const suggestion = suggestKey(unknown[1]!, await jobIds(args));
  return suggestion ? `${error.message} — did you mean "${suggestion}"?` : error.message;
}

async function jobIds(args: CliArgs): Promise<string[]> {
  try {
    const [{ parseJobsText }, { jobsFilePath }] = await Promise.all([
      import('../config/load-jobs-file'),
      import('./checked-jobs-file'),
    ]);
    const file = jobsFilePath(args);
    const parsed = parseJobsText(fs.readFileSync(file, 'utf8'), { fileName: path.basename(file) });
    if (!parsed.ok) return [];
    return [...parsed.config.jobs.map((job) => job.id), ...(parsed.config.checks ?? []).map((check) => check.id)];
  } catch {
    return [];
  }
}
