/**
 * What the tray shows, derived from the service's answers (listJobs, status, upcoming). Pure, so the menu can be
 * tested for every situation without Electron and rebuilt only when what it shows changes.
 */
import type { OverlapPolicy } from '../../shared/config/schema';
import type { JobView, RunStatus, SchedulerStatus, UpcomingFire } from '../../shared/model';

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
}

export interface TrayState {
  now: number;
  /** IANA zone for times; undefined = the system zone. */
  timeZone?: string;
  /** `process.platform`: labels are escaped differently on macOS. */
  platform: string;
  jobs: TrayJob[];
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
  /** Set while quitting: how many jobs are still running and when their grace ends. */
  quitting: { running: number; graceEndsAt: number } | null;
}

export interface TrayInputs {
  jobs: JobView[];
  status: SchedulerStatus;
  upcoming: UpcomingFire[];
  now: number;
  platform: string;
  launchAtLogin: boolean;
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
        ? { runId: last.id, status: last.status, exitCode: last.exitCode, signal: last.signal, at: last.finishedAt ?? last.startedAt ?? last.createdAt }
        : null;
    return {
      id: job.id,
      name: job.name,
      tags: job.tags,
      running: job.runningRunIds.length > 0,
      canRunNow: job.canRunNow,
      overlap: job.overlap,
      failedRun,
    };
  });
  return {
    now: inputs.now,
    ...(inputs.timeZone ? { timeZone: inputs.timeZone } : {}),
    platform: inputs.platform,
    jobs,
    upcoming: [...inputs.upcoming].sort((a, b) => a.at - b.at).slice(0, UPCOMING_IN_TRAY),
    pausedAll: inputs.status.pausedAll,
    pausedAllUntil: inputs.status.pausedAllUntil,
    running: inputs.status.running,
    queued: inputs.status.queued,
    scheduling: inputs.status.scheduling,
    lockHolder: inputs.status.lockHolder,
    configErrorCount: inputs.status.configErrors.length,
    launchAtLogin: inputs.launchAtLogin,
    quitting: inputs.quitting ?? null,
  };
}

export type TrayIconState = 'idle' | 'running' | 'failing';

/** Failing wins over running: a failure must stay visible while other jobs come and go. */
export function trayIconState(state: TrayState): TrayIconState {
  if (state.jobs.some((job) => job.failedRun)) return 'failing';
  if (state.running > 0 || state.jobs.some((job) => job.running)) return 'running';
  return 'idle';
}
