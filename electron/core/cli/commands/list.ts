/** `cronbar list`: every job, its schedule, next run and last result; then overdue jobs and the checks (run elsewhere). */
import type { JobView } from '../../../../shared/model';
import type { CronbarService } from '../../service/types';
import type { CliArgs } from '../args';
import { expectPositionals } from '../args';
import { fitLine, formatRelativeShort, formatShort, paintStatus, table, terminalOf } from '../format';
import { openFromArgs } from '../open-from-args';
import { checksTable, overdueLines } from './list-checks';

const WEEK_MS = 7 * 86_400_000;

/** Said once on stderr by `list` and `next` when nothing schedules the jobs they show. */
export const NO_SCHEDULER_LINE = 'no scheduler runs these jobs (start one: cronbar daemon, or the app)';

export async function listCommand(
  args: CliArgs,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
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
    const terminal = terminalOf(out, args.options);
    const failuresThisWeek = jobs.some((job) => job.failureStreak > 0) ? await weekFailures(service, now) : new Map();
    const rows = jobs.map((job) => [
      job.id,
      `${job.schedule.text}  ${job.schedule.description}`,
      nextText(job, now),
      lastText(job, now, failuresThisWeek.get(job.id) ?? 0),
      job.name === job.id ? '' : job.name,
    ]);
    const paint = (text: string) => paintStatus(text, terminal.colors);
    out.write(
      `${table(
        [
          'ID',
          { header: 'SCHEDULE', flex: true, cutFirst: true, min: 14 },
          { header: 'NEXT', flex: true, min: 14, paint },
          { header: 'LAST', flex: true, min: 16, paint },
          { header: 'NAME', flex: true, min: 12, optional: true },
        ],
        rows,
        terminal.width,
      )}\n`,
    );
    if (jobs.length === 0) out.write(`no jobs yet: add some to ${service.configPath}\n`);
    if (jobs.some((job) => job.failureStreak > 0 && job.lastRun?.status !== 'succeeded'))
      out.write(`${fitLine('×N: failed N times in a row; then the failures of the last 7 days', terminal.width)}\n`);
    out.write(overdueLines(jobs, now, terminal));
    if (checks.length > 0)
      out.write(`\nChecks (these jobs run elsewhere and ping Cronbar):\n${checksTable(checks, now, terminal)}\n`);
    if (service.control.scheduler() === null && jobs.some((job) => job.enabled))
      err.write(`cronbar: ${NO_SCHEDULER_LINE}\n`);
    return 0;
  } finally {
    await service.shutdown();
  }
}

/** When it runs next, or why not: `disabled`, `paused until Tue 08:00`, `Tue 02:00 (in 9 h 10 min)`. */
function nextText(job: JobView, now: number): string {
  if (!job.enabled) return 'disabled';
  if (job.paused) return job.pausedUntil ? `paused until ${formatShort(job.pausedUntil, now)}` : 'paused';
  return job.nextFireAt ? `${formatShort(job.nextFireAt, now)} (${formatRelativeShort(job.nextFireAt, now)})` : '—';
}

/** The last result; a failing job says for how long: `failed ×3, 5 in 7 d, 4 min ago` (×3: three in a row). */
function lastText(job: JobView, now: number, weekFailureCount: number): string {
  const last = job.lastRun;
  if (!last) return '—';
  const ago = formatRelativeShort(last.finishedAt ?? last.createdAt, now);
  if (job.failureStreak === 0 || last.status === 'succeeded') return `${last.status} ${ago}`;
  return `${last.status} ×${job.failureStreak}, ${weekFailureCount} in 7 d, ${ago}`;
}

/** Failed and timed-out runs of the last 7 days per job, in pages of the history (newest first). */
async function weekFailures(service: CronbarService, now: number): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  let before: number | undefined;
  for (;;) {
    const page = await service.history({
      statuses: ['failed', 'timed-out'],
      since: now - WEEK_MS,
      limit: 1000,
      ...(before !== undefined ? { before } : {}),
    });
    for (const run of page.runs) counts.set(run.jobId, (counts.get(run.jobId) ?? 0) + 1);
    if (page.nextBefore === null) return counts;
    before = page.nextBefore;
  }
}
