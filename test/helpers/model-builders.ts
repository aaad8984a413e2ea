/**
 * Builders for the records the service hands out (runs, job views, scheduler status), shared by the desktop and the
 * window tests so each test states only what matters to it. Defaults are fixed values (times near 0, no next fire):
 * a test that depends on a time or a name passes it.
 */
import type { CheckView, JobView, RunRecord, SchedulerStatus } from '../../shared/model';

export function makeRun(overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    id: 1,
    jobId: 'backup-home',
    trigger: 'schedule',
    status: 'succeeded',
    scheduledFor: null,
    createdAt: 0,
    startedAt: 0,
    finishedAt: 1000,
    reason: null,
    exitCode: 0,
    signal: null,
    outputBytes: 0,
    attempt: 1,
    retryOf: null,
    pid: null,
    ...overrides,
  };
}

/** A job named after its id (as the jobs file does when `name:` is left out). */
export function makeJob(overrides: Partial<JobView> = {}): JobView {
  const id = overrides.id ?? 'backup-home';
  return {
    id,
    name: id,
    description: null,
    tags: [],
    enabled: true,
    schedule: { kind: 'cron', text: '0 2 * * *', description: 'At 02:00' },
    timezone: 'UTC',
    actionKind: 'command',
    actionSummary: 'true',
    overlap: 'skip',
    catchUp: 'once',
    timeoutMs: 3_600_000,
    nextFireAt: null,
    paused: false,
    pausedUntil: null,
    runningRunIds: [],
    queuedCount: 0,
    canRunNow: true,
    lastRun: null,
    recentStatuses: [],
    failureStreak: 0,
    // What a job without its own `notify:` resolves to.
    notify: { failure: true, success: false, missed: false },
    ...overrides,
  };
}

export function makeStatus(overrides: Partial<SchedulerStatus> = {}): SchedulerStatus {
  return {
    pausedAll: false,
    pausedAllUntil: null,
    running: 0,
    queued: 0,
    concurrency: 4,
    jobCount: 0,
    scheduling: true,
    lockHolder: null,
    dataDir: '/data',
    configPath: '/data/jobs.yaml',
    dbPath: '/data/cronbar.db',
    configErrors: [],
    ...overrides,
  };
}

/** A check (a job that runs elsewhere) that pinged once, an hour apart with a 1 h grace. */
export function makeCheck(overrides: Partial<CheckView> = {}): CheckView {
  const id = overrides.id ?? 'nas-backup';
  return {
    id,
    name: id,
    description: null,
    tags: [],
    schedule: { kind: 'every', text: '1d', description: 'Every day' },
    timezone: 'UTC',
    graceMs: 3_600_000,
    state: 'up',
    stateSince: 0,
    reason: null,
    lastPing: null,
    nextExpectedAt: null,
    startedAt: null,
    runsElsewhere: true,
    notify: { down: true, up: true },
    ...overrides,
  };
}
