/** `cronbar list`: every job, its schedule, next run and last result; then overdue jobs and the checks (run elsewhere). */
import type { CliArgs } from '../args';
import { expectPositionals } from '../args';
import { formatElapsed, formatLocal, formatRelative, table, truncate } from '../format';
import { openFromArgs } from '../open-from-args';
import { checksTable, overdueLines } from './list-checks';

export async function listCommand(args: CliArgs, out: NodeJS.WritableStream): Promise<number> {
  expectPositionals(args, 0, 0, '');
  const service = await openFromArgs(args);
  try {
    const jobs = await service.listJobs({});
    const checks = await service.listChecks({});
    if (args.json) {
      // One list, as before; checks carry `runsElsewhere: true`.
      out.write(`${JSON.stringify([...jobs, ...checks], null, 2)}\n`);
      return 0;
    }
    const now = Date.now();
    const rows = jobs.map((job) => {
      const last = job.lastRun;
      const lastText = last
        ? `${last.status}${last.exitCode !== null && last.status === 'failed' ? ` (exit ${last.exitCode})` : ''}${
            last.startedAt && last.finishedAt ? ` ${formatElapsed(last.finishedAt - last.startedAt)}` : ''
          } ${formatRelative(last.finishedAt ?? last.createdAt, now)}`
        : '—';
      const next = !job.enabled
        ? 'disabled'
        : job.paused
          ? job.pausedUntil
            ? `paused until ${formatLocal(job.pausedUntil)}`
            : 'paused'
          : job.nextFireAt
            ? `${formatLocal(job.nextFireAt)} (${formatRelative(job.nextFireAt, now)})`
            : '—';
      return [
        job.id,
        truncate(job.name, 32),
        truncate(`${job.schedule.text}  ${job.schedule.description}`, 44),
        next,
        lastText,
      ];
    });
    out.write(`${table(['ID', 'NAME', 'SCHEDULE', 'NEXT', 'LAST'], rows)}\n`);
    if (jobs.length === 0) out.write(`no jobs yet: add some to ${service.configPath}\n`);
    out.write(overdueLines(jobs, now));
    if (checks.length > 0)
      out.write(`\nChecks (these jobs run elsewhere and ping Cronbar):\n${checksTable(checks, now)}\n`);
    return 0;
  } finally {
    await service.shutdown();
  }
}
