/**
 * What the tray shows, derived from the service's answers (jobSummaries, listChecks, status, upcoming). Pure, so the menu can be
 * tested for every situation without Electron and rebuilt only when what it shows changes.
 */
import type { OverlapPolicy } from '../../shared/config/schema';
import type { CheckView, JobView, RunStatus, SchedulerStatus, UpcomingFire } from '../../shared/model';

export interface TrayJob {
  id: string;
  name: string;
  tags: string[];
  running: boolean;
  /** False when the overlap policy would refuse a manual run right now. */
  canRunNow: boolean;
  overlap: OverlapPolicy;
  /** The last run when it failed or timed out (the job is "failing"). */
  failedRun: { runId: number; status: RunStatus; exitCode: number | null; signal: string | null; at: number } | null;
  /** Set while the job's last success is older than its `expect:` (since when, last success). */
  overdue?: { since: number; lastSuccessAt: number | null } | null;
  /** Running runs past the job's `warnAfter`. */
  slowRunIds?: number[];
}

/** A check that is late or down (up and new checks need no attention). */
export interface TrayCheck {
  id: string;
  name: string;
  state: 'late' | 'down';
  since: number | null;
}

export interface TrayState {
  now: number;
  /** IANA zone for times; undefined = the system zone. */
  timeZone?: string;
  /** `process.platform`: labels are escaped differently on macOS. */
  platform: string;
  jobs: TrayJob[];
  /** Late and down checks (jobs that run elsewhere); empty when the glue passes none. */
  checks?: TrayCheck[];
  /** At most 5, earliest first. */
  upcoming: UpcomingFire[];
  pausedAll: boolean;
  pausedAllUntil: number | null;
  running: number;
  queued: number;
  /** False when another Cronbar holds the data directory (this one only shows). */
  scheduling: boolean;
  lockHolder: string | null;
  configErrorCount: number;
  launchAtLogin: boolean;
  /** When "Pause all → until the morning" ends (HH:MM, Settings); absent: 08:00. */
  pauseMorning?: string;
  /** Set while quitting: how many jobs are still running and when their grace ends. */
  quitting: { running: number; graceEndsAt: number } | null;
}

/** What the tray reads of each job (a JobView has it all; the service's jobSummaries reads only this). */
export type TrayJobInput = Pick<
  JobView,
  'id' | 'name' | 'tags' | 'overlap' | 'runningRunIds' | 'canRunNow' | 'lastRun' | 'overdue' | 'slowRunIds'
>;

export interface TrayInputs {
  jobs: TrayJobInput[];
  /** The checks (listChecks); optional so a glue that does not fetch them yet shows none. */
  checks?: CheckView[];
  status: SchedulerStatus;
  upcoming: UpcomingFire[];
  now: number;
  platform: string;
  launchAtLogin: boolean;
  pauseMorning?: string;
  timeZone?: string;
  quitting?: TrayState['quitting'];
}

const FAILED_STATUSES: ReadonlySet<RunStatus> = new Set(['failed', 'timed-out']);

export const UPCOMING_IN_TRAY = 5;

export function deriveTrayState(inputs: TrayInputs): TrayState {
  const jobs = inputs.jobs.map((job): TrayJob => {
    const last = job.lastRun;
    const failedRun =
      last && FAILED_STATUSES.has(last.status)
        ? {
            runId: last.id,
            status: last.status,
            exitCode: last.exitCode,
            signal: last.signal,
            at: last.finishedAt ?? last.startedAt ?? last.createdAt,
          }
        : null;
    return {
      id: job.id,
      name: job.name,
      tags: job.tags,
      running: job.runningRunIds.length > 0,
      canRunNow: job.canRunNow,
      overlap: job.overlap,
      failedRun,
      overdue: job.overdue ? { since: job.overdue.since, lastSuccessAt: job.overdue.lastSuccessAt } : null,
      slowRunIds: job.slowRunIds ?? [],
    };
  });
  const checks = (inputs.checks ?? [])
    .filter(
      (check): check is CheckView & { state: 'late' | 'down' } => check.state === 'late' || check.state === 'down',
    )
    .map((check): TrayCheck => ({ id: check.id, name: check.name, state: check.state, since: check.stateSince }));
  return {
    now: inputs.now,
    ...(inputs.timeZone ? { timeZone: inputs.timeZone } : {}),
    platform: inputs.platform,
    jobs,
    checks,
    upcoming: [...inputs.upcoming].sort((a, b) => a.at - b.at).slice(0, UPCOMING_IN_TRAY),
    pausedAll: inputs.status.pausedAll,
    pausedAllUntil: inputs.status.pausedAllUntil,
    running: inputs.status.running,
    queued: inputs.status.queued,
    scheduling: inputs.status.scheduling,
    lockHolder: inputs.status.lockHolder,
    configErrorCount: inputs.status.configErrors.length,
    launchAtLogin: inputs.launchAtLogin,
    ...(inputs.pauseMorning ? { pauseMorning: inputs.pauseMorning } : {}),
    quitting: inputs.quitting ?? null,
  };
}

export type TrayIconState = 'idle' | 'running' | 'failing';

/** Jobs overdue and checks down: the silent failures, shown like failures (the icon has no fourth state). */
export function needsAttention(state: TrayState): number {
  return (
    state.jobs.filter((job) => job.overdue).length +
    (state.checks ?? []).filter((check) => check.state === 'down').length
  );
}

/** Failing wins over running: a failure (or an overdue job, a down check) must stay visible while jobs come and go. */
export function trayIconState(state: TrayState): TrayIconState {
  if (state.jobs.some((job) => job.failedRun) || needsAttention(state) > 0) return 'failing';
  if (state.running > 0 || state.jobs.some((job) => job.running)) return 'running';
  return 'idle';
}
