/**
 * `cronbar status`: is a scheduler up (which process, since when), is anything paused, what runs and waits, which
 * jobs fail now, which are overdue (expect:), which checks are late or down, the last recorded downtime, the next 5
 * fires, and the jobs file's current error. Read-only; asks the running scheduler when there is one.
 *
 * Its exit code is a probe's answer, as `systemctl is-active` gives it: 0 a scheduler runs and nothing needs
 * attention, 3 no scheduler runs, 1 a job is failing or overdue, a check is down or the jobs file has problems (`--json` says the same in
 * `exitCode` and `attention`).
 */
import type {
  CheckState,
  CheckView,
  DowntimeKind,
  DowntimeSpan,
  JobView,
  RunRecord,
  UpcomingFire,
} from '../../../../shared/model';
import { formatConfigIssue } from '../../../../shared/format-config-issue';
import type { CliArgs } from '../args';
import { expectPositionals } from '../args';
import {
  type Terminal,
  formatLocal,
  formatRelative,
  formatShort,
  formatSpan,
  labelledLines,
  paintStatus,
  table,
  terminalOf,
  wrap,
} from '../format';
import { openFromArgs, resolveDataDir } from '../open-from-args';
import type { CronbarApi } from '../../../../shared/api/contract';
import type { SchedulerIdentity } from '../../control/control-protocol';
import { reachScheduler } from '../../control/reach-scheduler';

export const STATUS_EXIT = { ok: 0, attention: 1, noScheduler: 3 } as const;

export interface StatusReport {
  /** What `cronbar status` exits with: 0 all well, 1 something needs attention, 3 no scheduler runs. */
  exitCode: (typeof STATUS_EXIT)[keyof typeof STATUS_EXIT];
  /** What needs attention, one phrase each (`job backup is failing (3 in a row)`); empty when nothing does. */
  attention: string[];
  scheduler: { running: boolean; pid: number | null; kind: string | null; host: string | null; since: string | null };
  dataDir: string;
  configPath: string;
  pausedAll: boolean;
  pausedAllUntil: string | null;
  pausedJobs: Array<{ id: string; until: string | null }>;
  running: RunRecord[];
  queued: RunRecord[];
  failing: Array<{ id: string; failureStreak: number; lastRun: RunRecord | null }>;
  /** Jobs whose last success is older than their `expect.succeededWithin`. */
  overdue: Array<{ id: string; since: string; lastSuccessAt: string | null; reason: string }>;
  /** Checks (jobs that run elsewhere) that are late or down now. */
  checks: Array<{
    id: string;
    name: string;
    state: CheckState;
    since: string | null;
    reason: string | null;
    lastPingAt: string | null;
  }>;
  /** The newest recorded span (last 7 days) when no scheduler ran or the machine was asleep; null: none. */
  lastDowntime: { kind: DowntimeKind; from: string; to: string; reason: string | null } | null;
  next: Array<{ jobId: string; name: string; at: string }>;
  configErrors: string[];
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

type StatusReads = Pick<CronbarApi, 'status' | 'listJobs' | 'history' | 'upcoming' | 'listChecks' | 'downtime'>;

/** The running scheduler's own view, over its socket; with none (or none answering), the DB's through the core. */
async function openReads(
  args: CliArgs,
): Promise<{ reads: StatusReads; holder: SchedulerIdentity | null; close: () => Promise<unknown> }> {
  const scheduler = await reachScheduler(resolveDataDir(args)).catch(() => null);
  if (scheduler) {
    const reads: StatusReads = {
      status: (input) => scheduler.call('status', input),
      listJobs: (input) => scheduler.call('listJobs', input),
      history: (input) => scheduler.call('history', input),
      upcoming: (input) => scheduler.call('upcoming', input),
      listChecks: (input) => scheduler.call('listChecks', input),
      downtime: (input) => scheduler.call('downtime', input),
    };
    return { reads, holder: scheduler.scheduler, close: async () => scheduler.close() };
  }
  const service = await openFromArgs(args);
  return { reads: service, holder: service.control.scheduler(), close: () => service.shutdown() };
}

export async function statusCommand(args: CliArgs, out: NodeJS.WritableStream): Promise<number> {
  expectPositionals(args, 0, 0, '');
  const { reads, holder, close } = await openReads(args);
  try {
    const [status, jobs, live, next, checks, downtime] = await Promise.all([
      reads.status({}),
      reads.listJobs({}),
      reads.history({ statuses: ['running', 'queued'], limit: 1000 }),
      reads.upcoming({ count: 5 }),
      reads.listChecks({}),
      reads.downtime({}),
    ]);
    const now = Date.now();
    const pausedAll = status.pausedAll && (status.pausedAllUntil === null || status.pausedAllUntil > now);
    const report: StatusReport = {
      exitCode: STATUS_EXIT.ok,
      attention: [],
      scheduler: {
        running: holder !== null,
        pid: holder?.pid ?? null,
        kind: holder?.kind ?? null,
        host: holder?.host ?? null,
        since: iso(holder?.since ?? null),
      },
      dataDir: status.dataDir,
      configPath: status.configPath,
      pausedAll,
      pausedAllUntil: pausedAll ? iso(status.pausedAllUntil) : null,
      pausedJobs: jobs.filter((job) => job.paused).map((job) => ({ id: job.id, until: iso(job.pausedUntil) })),
      running: live.runs.filter((run) => run.status === 'running').reverse(),
      queued: live.runs.filter((run) => run.status === 'queued').reverse(),
      failing: jobs
        .filter(isFailing)
        .map((job) => ({ id: job.id, failureStreak: job.failureStreak, lastRun: job.lastRun })),
      overdue: jobs.flatMap((job) =>
        job.overdue
          ? [
              {
                id: job.id,
                since: iso(job.overdue.since)!,
                lastSuccessAt: iso(job.overdue.lastSuccessAt),
                reason: job.overdue.reason,
              },
            ]
          : [],
      ),
      checks: checks.filter(isTroubled).map((check) => ({
        id: check.id,
        name: check.name,
        state: check.state,
        since: iso(check.stateSince),
        reason: check.reason,
        lastPingAt: iso(check.lastPing?.at ?? null),
      })),
      lastDowntime: lastSpan(downtime),
      next: next.map((fire: UpcomingFire) => ({
        jobId: fire.jobId,
        name: fire.name,
        at: new Date(fire.at).toISOString(),
      })),
      configErrors: status.configErrors.map(formatConfigIssue),
    };
    report.attention = attentionOf(report);
    report.exitCode = !report.scheduler.running
      ? STATUS_EXIT.noScheduler
      : report.attention.length > 0
        ? STATUS_EXIT.attention
        : STATUS_EXIT.ok;
    if (args.json) out.write(`${JSON.stringify(report, null, 2)}\n`);
    else out.write(`${statusText(report, now, terminalOf(out, args.options))}\n`);
    return report.exitCode;
  } finally {
    await close();
  }
}

/** A late check is not yet down (its grace runs): only down ones need attention. */
function attentionOf(report: StatusReport): string[] {
  return [
    ...report.failing.map((job) => `job ${job.id} is failing (${job.failureStreak} in a row)`),
    ...report.overdue.map((job) => `job ${job.id} is overdue`),
    ...report.checks.filter((check) => check.state === 'down').map((check) => `check ${check.id} is down`),
    // The scheduler runs the last good file: the edit the user made is not in effect.
    ...(report.configErrors.length > 0 ? [`the jobs file has ${report.configErrors.length} problem(s)`] : []),
  ];
}

function isFailing(job: JobView): boolean {
  return job.enabled && job.failureStreak > 0;
}

function isTroubled(check: CheckView): boolean {
  return check.state === 'late' || check.state === 'down';
}

/** The span that ended last (the list is oldest first by start; a long one can end after a later short one). */
function lastSpan(spans: readonly DowntimeSpan[]): StatusReport['lastDowntime'] {
  const last = spans.reduce<DowntimeSpan | null>(
    (newest, span) => (newest === null || span.to >= newest.to ? span : newest),
    null,
  );
  return last ? { kind: last.kind, from: iso(last.from)!, to: iso(last.to)!, reason: last.reason } : null;
}

const DOWNTIME_WORDS: Record<DowntimeKind, string> = {
  stopped: 'no scheduler ran',
  crashed: 'the scheduler had crashed',
  suspend: 'the machine was asleep',
  'clock-jump': 'the clock jumped',
};

/** The report as an admin reads it: one item per line under its label, every line within the terminal's width. */
export function statusText(report: StatusReport, now: number, terminal: Terminal): string {
  const { width, colors } = terminal;
  const lines: string[] = [];
  const section = (label: string, items: readonly string[]) => lines.push(...labelledLines(label, items, width));
  const s = report.scheduler;
  const since = s.since === null ? 0 : Date.parse(s.since);
  section(
    'scheduler',
    s.running
      ? [
          `${colors.green('up')}: cronbar ${s.kind} (pid ${s.pid} on ${s.host})`,
          `since ${formatLocal(since)} (${formatRelative(since, now)})`,
        ]
      : [`${colors.red('down')}: no daemon or app schedules ${report.dataDir}`, 'start one with: cronbar daemon'],
  );
  section(
    'paused',
    report.pausedAll
      ? [
          `${colors.yellow('all jobs')}${report.pausedAllUntil ? ` until ${formatShort(Date.parse(report.pausedAllUntil), now)}` : ' until resumed'}`,
        ]
      : report.pausedJobs.length === 0
        ? ['no']
        : report.pausedJobs.map(
            (job) => `${job.id}${job.until ? ` until ${formatShort(Date.parse(job.until), now)}` : ' until resumed'}`,
          ),
  );
  const runLine = (run: RunRecord) =>
    `run ${run.id} ${run.jobId}${run.startedAt !== null ? ` since ${formatShort(run.startedAt, now)}` : ''}`;
  section('running', report.running.length === 0 ? ['nothing'] : report.running.map(runLine));
  if (report.queued.length > 0) section('queued', report.queued.map(runLine));
  section(
    'failing',
    report.failing.length === 0
      ? ['no job']
      : report.failing.map((job) => {
          const last =
            job.lastRun && job.lastRun.finishedAt !== null
              ? `, last: run ${job.lastRun.id} ${paintStatus(job.lastRun.status, colors)} ${formatRelative(job.lastRun.finishedAt, now)}`
              : '';
          return `${job.id} (${colors.red(`${job.failureStreak} failed in a row`)}${last})`;
        }),
  );
  if (report.overdue.length > 0)
    section(
      'overdue',
      report.overdue.map(
        (job) => `${job.id} (${colors.red('since')} ${formatShort(Date.parse(job.since), now)}: ${job.reason})`,
      ),
    );
  if (report.checks.length > 0)
    section(
      'checks',
      report.checks.map(
        (check) =>
          `${check.id} ${paintStatus(check.state.toUpperCase(), colors)}${check.reason ? ` (${check.reason})` : ''}${check.lastPingAt ? `, last ping ${formatRelative(Date.parse(check.lastPingAt), now)}` : ', never pinged'}`,
      ),
    );
  const down = report.lastDowntime;
  if (down) {
    const [from, to] = [Date.parse(down.from), Date.parse(down.to)];
    section('last down', [
      `${DOWNTIME_WORDS[down.kind]} ${formatShort(from, now)} → ${formatShort(to, now)} (${formatSpan(to - from)})${down.reason ? `: ${down.reason}` : ''}`,
    ]);
  }
  section(
    'jobs file',
    report.configErrors.length === 0
      ? [`${report.configPath}: ${colors.green('OK')}`]
      : [
          report.configPath,
          `${colors.red(`${report.configErrors.length} problem${report.configErrors.length === 1 ? '' : 's'}`)}, the last good jobs keep running`,
        ],
  );
  // Wrapped, not cut: a file:line:col cut short would point nowhere.
  for (const issue of report.configErrors) lines.push(wrap(issue, width, 4, 2));
  lines.push('', report.next.length === 0 ? 'next: nothing scheduled' : 'next:');
  if (report.next.length > 0) {
    const rows = report.next.map((fire) => [
      formatShort(Date.parse(fire.at), now),
      formatRelative(Date.parse(fire.at), now),
      fire.jobId,
    ]);
    lines.push(table(['AT', 'IN', 'JOB'], rows, width - 2).replace(/^/gm, '  '));
  }
  return lines.join('\n');
}
