/** `cronbar history [job]`: recent runs, newest first, with why a run did not happen. */
import { CronbarError } from '../../../../shared/api/cronbar-error';
import { parseDuration } from '../../../../shared/config/duration';
import { RUN_STATUSES, type RunStatus } from '../../../../shared/run-status';
import { suggestKey } from '../../config/did-you-mean';
import type { CliArgs } from '../args';
import { UsageError, expectPositionals, stringOption } from '../args';
import { formatElapsed, formatShort, paintStatus, table, terminalOf } from '../format';
import { openFromArgs } from '../open-from-args';
import type { CronbarService } from '../../service/types';

export async function historyCommand(
  args: CliArgs,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  expectPositionals(args, 0, 1, 'an optional job id');
  const jobId = args.positionals[0];
  const now = Date.now();
  const since = sinceOption(stringOption(args, 'since'), now);
  const statuses = statusOption(args.options.status);
  const service = await openFromArgs(args);
  try {
    const { runs } = await service.history({
      jobId,
      limit: args.limit ?? 20,
      ...(since !== undefined ? { since } : {}),
      ...(statuses ? { statuses } : {}),
    });
    // A job removed from the file keeps its history: show it; only an id with neither job nor runs is a mistake.
    if (jobId !== undefined && !(await isInJobsFile(service, jobId))) {
      if (runs.length === 0 && !(await hasAnyRun(service, jobId)))
        throw new CronbarError('not-found', `no job with id ${JSON.stringify(jobId)}`);
      err.write(`cronbar: ${jobId} is no longer in the jobs file; these are its past runs\n`);
    }
    if (args.json) {
      out.write(`${JSON.stringify(runs, null, 2)}\n`);
      return 0;
    }
    if (runs.length === 0) {
      const filtered = since !== undefined || statuses !== undefined ? ' that match' : '';
      out.write(jobId ? `${jobId}: no runs${filtered} yet\n` : `no runs${filtered} yet\n`);
      return 0;
    }
    const terminal = terminalOf(out, args.options);
    const rows = runs.map((run) => [
      String(run.id),
      run.jobId,
      run.trigger + (run.attempt > 1 ? ` #${run.attempt}` : ''),
      run.status,
      run.startedAt !== null
        ? formatShort(run.startedAt, now)
        : run.scheduledFor !== null
          ? formatShort(run.scheduledFor, now)
          : '—',
      run.startedAt !== null && run.finishedAt !== null ? formatElapsed(run.finishedAt - run.startedAt) : '',
      run.exitCode !== null ? String(run.exitCode) : (run.signal ?? ''),
      run.reason ?? '',
    ]);
    out.write(
      `${table(
        [
          'RUN',
          'JOB',
          'TRIGGER',
          { header: 'STATUS', paint: (text) => paintStatus(text, terminal.colors) },
          'STARTED',
          'TOOK',
          'EXIT',
          { header: 'REASON', flex: true, min: 12 },
        ],
        rows,
        terminal.width,
      )}\n`,
    );
    return 0;
  } finally {
    await service.shutdown();
  }
}

/** `--since 2d` (ago), or a local date or date and time (`2026-12-01`, `2026-12-01T08:00`), or an ISO instant. */
export function sinceOption(text: string | undefined, now: number, flag = '--since'): number | undefined {
  if (text === undefined) return undefined;
  const ago = parseDuration(text.replace(/\s*ago$/, ''));
  if (ago !== null && ago > 0) return now - ago;
  const date = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00`) : new Date(text);
  if (/^\d{4}-\d{2}-\d{2}/.test(text) && !Number.isNaN(date.getTime())) return date.getTime();
  throw new UsageError(
    `${flag} takes a duration ago (2d, 12h, 30m) or a date (2026-12-01, 2026-12-01T08:00), not ${JSON.stringify(text)}`,
  );
}

/** `--status failed` (with timed-out: both are failures to a reader), repeatable or comma-separated. */
export function statusOption(value: unknown): RunStatus[] | undefined {
  if (value === undefined) return undefined;
  const words = (Array.isArray(value) ? value : [value])
    .filter((item): item is string => typeof item === 'string')
    .flatMap((item) => item.split(','))
    .map((item) => item.trim())
    .filter(Boolean);
  const statuses = new Set<RunStatus>();
  for (const word of words) {
    if (!(RUN_STATUSES as readonly string[]).includes(word)) {
      const suggestion = suggestKey(word, RUN_STATUSES);
      throw new UsageError(
        `unknown status ${JSON.stringify(word)}${suggestion ? ` — did you mean "${suggestion}"?` : ` (one of ${RUN_STATUSES.join(', ')})`}`,
      );
    }
    statuses.add(word as RunStatus);
    if (word === 'failed') statuses.add('timed-out');
  }
  return statuses.size > 0 ? [...statuses] : undefined;
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

async function hasAnyRun(service: CronbarService, jobId: string): Promise<boolean> {
  return (await service.history({ jobId, limit: 1 })).runs.length > 0;
}
