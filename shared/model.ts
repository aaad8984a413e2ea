/**
 * The records that cross process boundaries: runs, job views, scheduler status. Zod schemas first, types inferred,
 * so the IPC layer, the CLI's --json output and the renderer all agree on one shape.
 */
import { z } from 'zod';
import { CATCH_UP_POLICIES, CHAIN_OUTCOMES, OVERLAP_POLICIES } from './config/schema';
import { RUN_STATUSES } from './run-status';

export { FINAL_STATUSES, RUN_STATUSES, type RunStatus } from './run-status';

/**
 * How a run started: the clock's four, `test` (a manual run asked for as "Test run as scheduled", `cronbar run
 * --as-scheduled`, in the scheduler's environment), `chain` (a parent job's run ended, `after:`; the run names it in
 * `parentRunId`), `backfill` (one slot of a backfill, recorded for that slot's `scheduledFor`), then the `on:` events
 * (trigger-schema.ts's TRIGGER_EVENTS).
 */
export const RUN_TRIGGERS = [
  'schedule',
  'manual',
  'catch-up',
  'retry',
  'test',
  'chain',
  'backfill',
  'start',
  'login',
  'resume',
  'network',
  'power',
  'idle',
  'path',
] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

/** All times are epoch milliseconds (UTC); the window formats them in the viewer's zone. */
export const RunRecordSchema = z.object({
  id: z.number().int(),
  jobId: z.string(),
  trigger: z.enum(RUN_TRIGGERS),
  status: z.enum(RUN_STATUSES),
  /** The fire time the run is for (null for a manual run). */
  scheduledFor: z.number().nullable(),
  /** When the run row was created (queued or decided). */
  createdAt: z.number(),
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  /** Why it did not run, or why it ended the way it did (`overlap: still running (run 41)`, `paused`, …). */
  reason: z.string().nullable(),
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable(),
  /** Total bytes the run printed; only the tail is kept. */
  outputBytes: z.number().int(),
  attempt: z.number().int().min(1),
  /** The first run of a retry chain (null for the first attempt itself). */
  retryOf: z.number().int().nullable(),
  pid: z.number().int().nullable(),
  /** The parent's run that started (or held back) this chain run (`after:`); null or absent for any other run. */
  parentRunId: z.number().int().nullable().optional(),
});
export type RunRecord = z.infer<typeof RunRecordSchema>;

export const RunOutputSchema = z.object({
  runId: z.number().int(),
  /** The kept tail (the last 256 KiB), decoded as UTF-8. */
  text: z.string(),
  totalBytes: z.number().int(),
  truncated: z.boolean(),
});
export type RunOutput = z.infer<typeof RunOutputSchema>;

export const ScheduleViewSchema = z.object({
  /** `none`: no clock schedule (a job that runs only after another, or by hand). */
  kind: z.enum(['cron', 'every', 'at', 'none']),
  /** What the admin wrote: `0 2 * * *`, `15m`, `2027-01-01T09:00`. */
  text: z.string(),
  /** In words (cronstrue for cron): `At 02:00 AM`. */
  description: z.string(),
});

export const JobViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  tags: z.array(z.string()),
  enabled: z.boolean(),
  schedule: ScheduleViewSchema,
  timezone: z.string(),
  actionKind: z.enum(['command', 'http', 'builtin']),
  /** A one-line summary of the action (`restic backup ~/`, `GET https://…`, `backup-database`). */
  actionSummary: z.string(),
  overlap: z.enum(OVERLAP_POLICIES),
  catchUp: z.enum(CATCH_UP_POLICIES),
  timeoutMs: z.number(),
  /** Null when disabled, paused, or a one-off in the past. A paused job never shows a stale next run. */
  nextFireAt: z.number().nullable(),
  paused: z.boolean(),
  /** Set when paused until a time (null: paused until resumed, or not paused). */
  pausedUntil: z.number().nullable(),
  runningRunIds: z.array(z.number().int()),
  queuedCount: z.number().int(),
  /** False when Run now would be refused by the overlap policy (a run is going and the policy is skip). */
  canRunNow: z.boolean(),
  lastRun: RunRecordSchema.nullable(),
  /** The statuses of the last 20 finished runs, oldest first. */
  recentStatuses: z.array(z.object({ runId: z.number().int(), status: z.enum(RUN_STATUSES), at: z.number() })),
  /** Consecutive failed/timed-out runs ending with the last one. */
  failureStreak: z.number().int(),
  /** The job's resolved `notify:` settings (defaults applied), for the desktop notifications; the core always fills it. */
  notify: z.object({
    failure: z.boolean(),
    success: z.boolean(),
    missed: z.boolean(),
    recovered: z.boolean().optional(),
    /** Say nothing until this many runs in a row failed. */
    alertAfter: z.number().int().optional(),
    flapping: z.union([z.number().int(), z.literal(false)]).optional(),
    /** The `notifications:` channels these go to besides the desktop (names only: never their settings). */
    channels: z.array(z.string()).optional(),
  }),
  /** Set while the job's last success is older than its `expect.succeededWithin` (the core always fills it). */
  overdue: z
    .lazy(() => OverdueSchema)
    .nullable()
    .optional(),
  /** The job's `expect.succeededWithin` and `warnAfter` in ms (null: none). */
  expectSucceededWithinMs: z.number().nullable().optional(),
  warnAfterMs: z.number().nullable().optional(),
  /** Running runs past their `warnAfter`. */
  slowRunIds: z.array(z.number().int()).optional(),
  /** The jobs whose runs start this one (`after:`), and the jobs this one's runs start; absent or empty: none. */
  parents: z.array(z.lazy(() => ChainLinkViewSchema)).optional(),
  children: z.array(z.lazy(() => ChainLinkViewSchema)).optional(),
  /** `retry.attempts`, set for a job with chain children: whether a failed run is its last attempt. */
  retryAttempts: z.number().int().optional(),
  /** The job's `on:` events in words (`when the computer wakes from sleep, after 2m`); absent or empty: none. */
  triggers: z.array(z.object({ event: z.enum(RUN_TRIGGERS), text: z.string() })).optional(),
  /** The job's `when:` conditions in words (`only on AC power; otherwise skipped`); null or absent: none. */
  conditions: z.string().nullable().optional(),
  /** `keepAwake: true`: the desktop app keeps the computer awake while it runs. */
  keepAwake: z.boolean().optional(),
});
export type JobView = z.infer<typeof JobViewSchema>;

export const UpcomingFireSchema = z.object({ jobId: z.string(), name: z.string(), at: z.number() });
export type UpcomingFire = z.infer<typeof UpcomingFireSchema>;

export const SchedulerStatusSchema = z.object({
  /** True while "pause all" is on. */
  pausedAll: z.boolean(),
  /** When "pause all" ends by itself (null: until resumed). */
  pausedAllUntil: z.number().nullable(),
  running: z.number().int(),
  queued: z.number().int(),
  concurrency: z.number().int(),
  jobCount: z.number().int(),
  /** False when another process holds this data directory's scheduler lock. */
  scheduling: z.boolean(),
  /** Who holds the lock when `scheduling` is false (`pid 4242 on host x, since …`). */
  lockHolder: z.string().nullable(),
  dataDir: z.string(),
  configPath: z.string(),
  dbPath: z.string(),
  /** The last jobs-file error, while the file on disk is invalid and the last good jobs keep running. */
  configErrors: z.array(z.lazy(() => ConfigIssueSchema)),
});
export type SchedulerStatus = z.infer<typeof SchedulerStatusSchema>;

/** One problem in the jobs file, placed where the admin can find it. */
export const ConfigIssueSchema = z.object({
  /** The file as the admin knows it (`jobs.yaml`). */
  file: z.string(),
  line: z.number().int(),
  col: z.number().int(),
  /** `jobs[3].cron` */
  path: z.string(),
  message: z.string(),
});
export type ConfigIssue = z.infer<typeof ConfigIssueSchema>;

/** The desktop app's "Local HTTP API" switch, and who serves this data directory's API. */
export const HttpApiStateSchema = z.object({
  enabled: z.boolean(),
  /** The loopback port the app serves on when enabled. */
  port: z.number().int(),
  /** Where the app serves the API now (null: off, failed, or another process schedules and serves). */
  url: z.string().nullable(),
  /** The other process serving this data directory's API (`the daemon (pid 42) at http://127.0.0.1:7370`), if any. */
  servedBy: z.string().nullable(),
  /** Why the app could not serve (port taken…). */
  error: z.string().nullable(),
  /** Where the bearer token is (`cronbar api token` prints it). */
  tokenPath: z.string(),
});
export type HttpApiState = z.infer<typeof HttpApiStateSchema>;

export { formatConfigIssue } from './format-config-issue';

/** One `after:` link as a job view shows it: the other job, and which ending of the parent's run starts the child. */
export const ChainLinkViewSchema = z.object({
  jobId: z.string(),
  name: z.string(),
  on: z.enum(CHAIN_OUTCOMES),
  delayMs: z.number(),
});
export type ChainLinkView = z.infer<typeof ChainLinkViewSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Expectations, check-ins and downtime (issue 12). Kept in one block at the end so merges stay simple.

export const PING_KINDS = ['success', 'start', 'fail', 'exit'] as const;
export const PING_SOURCES = ['cli', 'http'] as const;
export const CHECK_STATES = ['new', 'up', 'late', 'down'] as const;
export type PingKind = (typeof PING_KINDS)[number];
export type PingSource = (typeof PING_SOURCES)[number];
export type CheckState = (typeof CHECK_STATES)[number];

/** The most a ping's message may hold (the HTTP body, `--message`): 100 KiB, like Healthchecks. */
export const PING_MESSAGE_MAX_BYTES = 100 * 1024;

export const PingRecordSchema = z.object({
  id: z.number().int(),
  checkId: z.string(),
  kind: z.enum(PING_KINDS),
  at: z.number(),
  /** For `exit` pings (0-255); `cronbar exec` also sends it with its success or fail. */
  exitCode: z.number().int().nullable(),
  message: z.string().nullable(),
  source: z.enum(PING_SOURCES),
  /** Bytes of command output `cronbar exec` kept with its end ping (the last 256 KiB); 0 for plain pings. */
  outputBytes: z.number().int(),
});
export type PingRecord = z.infer<typeof PingRecordSchema>;

/** Why a job with `expect:` is overdue: its last success is older than the expectation. */
export const OverdueSchema = z.object({
  /** When the job became overdue (last success + succeededWithin). */
  since: z.number(),
  lastSuccessAt: z.number().nullable(),
  /** `last success 27 h ago; since then 3 failed, 1 missed` */
  reason: z.string(),
});
export type Overdue = z.infer<typeof OverdueSchema>;

export const CheckViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  tags: z.array(z.string()),
  schedule: z.object({ kind: z.enum(['cron', 'every']), text: z.string(), description: z.string() }),
  timezone: z.string(),
  graceMs: z.number(),
  state: z.enum(CHECK_STATES),
  /** Since when the check is in its state (null for `new`). */
  stateSince: z.number().nullable(),
  /** Why it is late or down, in words (`no ping since …`, `started 14:02, never finished`, `failed: exit 3`). */
  reason: z.string().nullable(),
  lastPing: PingRecordSchema.nullable(),
  /** When the next ping is due (before it, the check stays up); null while new. */
  nextExpectedAt: z.number().nullable(),
  /** A `start` ping with no end yet. */
  startedAt: z.number().nullable(),
  /** Always true: the job this check watches runs outside Cronbar. */
  runsElsewhere: z.literal(true),
  notify: z.object({ down: z.boolean(), up: z.boolean() }),
});
export type CheckView = z.infer<typeof CheckViewSchema>;

export const DOWNTIME_KINDS = ['stopped', 'crashed', 'suspend', 'clock-jump'] as const;
export type DowntimeKind = (typeof DOWNTIME_KINDS)[number];

/** A span when Cronbar was not scheduling (stopped, crashed) or the machine was away (suspend), as recorded. */
export const DowntimeSpanSchema = z.object({
  kind: z.enum(DOWNTIME_KINDS),
  from: z.number(),
  to: z.number(),
  reason: z.string().nullable(),
});
export type DowntimeSpan = z.infer<typeof DowntimeSpanSchema>;

export const DurationStatsSchema = z.object({
  jobId: z.string(),
  /** Over the last 50 successful runs; null when there are none. */
  medianMs: z.number().nullable(),
  p95Ms: z.number().nullable(),
  sampleSize: z.number().int(),
  /** Finished runs, oldest first, for the chart; `slow` when over 3× the median and over 10 s. */
  runs: z.array(
    z.object({
      runId: z.number().int(),
      startedAt: z.number(),
      durationMs: z.number(),
      status: z.enum(RUN_STATUSES),
      slow: z.boolean(),
    }),
  ),
});
export type DurationStats = z.infer<typeof DurationStatsSchema>;
