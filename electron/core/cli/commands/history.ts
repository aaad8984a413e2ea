/** `cronbar history [job]`: recent runs, newest first, with why a run did not happen. */
import { CronbarError } from '../../../../shared/api/cronbar-error';
import type { CliArgs } from '../args';
import { expectPositionals } from '../args';
import { formatElapsed, formatLocal, table, truncate } from '../format';
import { openFromArgs } from '../open-from-args';
import type { CronbarService } from '../../service/types';

export async function historyCommand(
  args: CliArgs,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  expectPositionals(args, 0, 1, 'an optional job id');
  const jobId = args.positionals[0];
  const service = await openFromArgs(args);
  try {
    const { runs } = await service.history({ jobId, limit: args.limit ?? 20 });
    // A job removed from the file keeps its history: show it; only an id with neither job nor runs is a mistake.
    if (jobId !== undefined && !(await isInJobsFile(service, jobId))) {
      if (runs.length === 0) throw new CronbarError('not-found', `no job with id ${JSON.stringify(jobId)}`);
      err.write(`cronbar: ${jobId} is no longer in the jobs file; these are its past runs\n`);
    }
    if (args.json) {
      out.write(`${JSON.stringify(runs, null, 2)}\n`);
      return 0;
    }
    if (runs.length === 0) {
      out.write(jobId ? `${jobId}: no runs yet\n` : 'no runs yet\n');
      return 0;
    }
    const rows = runs.map((run) => [
      String(run.id),
      run.jobId,
      run.trigger + (run.attempt > 1 ? ` #${run.attempt}` : ''),
      run.status,
      run.scheduledFor !== null ? formatLocal(run.scheduledFor) : '—',
      run.startedAt !== null ? formatLocal(run.startedAt) : '—',
      run.startedAt !== null && run.finishedAt !== null ? formatElapsed(run.finishedAt - run.startedAt) : '',
      run.exitCode !== null ? String(run.exitCode) : (run.signal ?? ''),
      truncate(run.reason ?? '', 60),
    ]);
    out.write(
      `${table(['RUN', 'JOB', 'TRIGGER', 'STATUS', 'SCHEDULED', 'STARTED', 'TOOK', 'EXIT', 'REASON'], rows)}\n`,
    );
    return 0;
  } finally {
    await service.shutdown();
  }
}

async function isInJobsFile(service: CronbarService, id: string): Promise<boolean> {
  try {
    await service.getJob({ id, fireCount: 1 });
    return true;
  } catch (error) {
    if (error instanceof CronbarError && error.code === 'not-found') return false;
    throw error;
  }
}
