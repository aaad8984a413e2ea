/**
 * The one contract between Cronbar's processes. The core service implements `ServiceMethods`; the desktop shell adds
 * `AppMethods`. Main registers one IPC handler per entry (parsing `input`), the preload exposes one named method per
 * entry on `window.api`, and the renderer, the CLI and the tests all derive their types from here.
 */
import { z } from 'zod';
import { JobsFileSchema, JobSchema } from '../config/schema';
import { assistantMethods } from './assistant-methods';
import { ChannelTestResultSchema, ChannelViewSchema, DeliverySchema } from '../deliveries';
import { ERROR_CODES } from './cronbar-error';
import { backfillMethods } from './backfill-methods';
import { environmentMethods } from './environment-methods';
import { timelineMethods } from './timeline-methods';
import {
  ConfigPreviewSchema,
  ConfigRevisionEntrySchema,
  ConfigRevisionSchema,
  WhatMovesSchema,
} from '../config-history';
import {
  CheckViewSchema,
  ConfigIssueSchema,
  HttpApiStateSchema,
  DowntimeSpanSchema,
  DurationStatsSchema,
  OverdueSchema,
  PING_KINDS,
  PING_MESSAGE_MAX_BYTES,
  PING_SOURCES,
  PingRecordSchema,
  JobViewSchema,
  RUN_STATUSES,
  RunOutputSchema,
  RunRecordSchema,
  SchedulerStatusSchema,
  UpcomingFireSchema,
} from '../model';

const jobId = z.string().min(1).max(64);
const runId = z.number().int().positive();
/** The last millisecond of year 9999: past it, ISO dates need six-digit years, cron finds no fires and a later
 * instant plus an interval can leave the Date range (8.64e15) altogether. */
export const LATEST_EPOCH_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const epochMs = z
  .number()
  .int()
  .nonnegative()
  .max(LATEST_EPOCH_MS, `must be an epoch time in ms no later than ${LATEST_EPOCH_MS} (9999-12-31T23:59:59.999Z)`);
/** A jobs-file version: an opaque token (content hash) the service hands out with every read and write. */
const version = z.string().min(1);

// TextEncoder, not Buffer: the contract is also compiled for the window.
const utf8Bytes = new TextEncoder();

const def = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O, doc: string) => ({ input, output, doc });

/** What `cronbar import` and the window's Import… read. */
export const IMPORT_FORMATS = ['crontab', 'systemd', 'launchd'] as const;
const ImportInputSchema = z.object({
  format: z.enum(IMPORT_FORMATS),
  /** The files to import (a pasted crontab is one file named as the window likes); a .timer with its .service. */
  files: z
    .array(z.object({ name: z.string().min(1).max(4096), text: z.string().max(5_000_000) }))
    .min(1)
    .max(1000),
  /** Put in front of every new id (`old-` → `old-backup`). */
  prefix: z.string().max(40).optional(),
  /** Lines carry a user field (`/etc/crontab`, `/etc/cron.d/*`); by default decided from the file name. */
  systemCrontab: z.boolean().optional(),
  /**
   * `source` (default): keep what the old scheduler did because it could do no other (cron: runs overlap, nothing
   * missed is caught up, no timeout). `cronbar`: leave those out, so the jobs file's defaults apply.
   */
  policies: z.enum(['source', 'cronbar']).optional(),
});
/** An imported line Cronbar already runs: not added again. */
const AlreadyInCronbarSchema = z.object({
  file: z.string(),
  line: z.number().int().nonnegative(),
  existingId: jobId.nullable(),
  reason: z.string(),
});
/** What still runs the imported jobs besides Cronbar, and how to stop it (else each would run twice). */
const SourceStillRunsSchema = z.object({
  /** Lines of the user's crontab that `disableCrontabLines` can comment out, with the job that now runs each. */
  crontabLines: z.array(z.object({ text: z.string(), jobId })),
  /** Commands to run by hand: systemd, launchd, a system crontab. */
  commands: z.array(z.string()),
});
const ImportPoliciesSchema = z.object({
  overlap: z.string(),
  catchUp: z.string(),
  /** 0: never stopped. */
  timeoutMs: z.number().int().nonnegative(),
  /** The policies written from the source (its own behaviour); the rest are the jobs file's defaults. */
  fromSource: z.array(z.enum(['overlap', 'catchUp', 'timeout'])),
});
/** Something the import could not carry over exactly, where it came from (line 0: the file as a whole). */
export const ImportLossSchema = z.object({
  file: z.string(),
  line: z.number().int().nonnegative(),
  reason: z.string(),
});

const rev = z.number().int().positive();
const RawJobSchema = z.record(z.string(), z.unknown());

/** A write to the jobs file, as the write method of the same name takes it: what `previewConfigChange` previews. */
export const ConfigChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('writeConfig'), text: z.string().max(5_000_000) }),
  z.object({ kind: z.literal('saveJob'), job: RawJobSchema, replaceId: jobId.optional() }),
  z.object({ kind: z.literal('deleteJob'), id: jobId }),
  z.object({ kind: z.literal('setJobEnabled'), id: jobId, enabled: z.boolean() }),
  z.object({ kind: z.literal('revertConfig'), rev }),
]);

export const serviceMethods = {
  listJobs: def(z.object({}), z.array(JobViewSchema), 'Every job with its next fire, state and last runs.'),
  getJob: def(
    z.object({ id: jobId, fireCount: z.number().int().min(1).max(500).default(10) }),
    z.object({
      job: JobViewSchema,
      /** The job as written in the jobs file, for the editor. */
      source: z.record(z.string(), z.unknown()),
      /** The next `fireCount` fires (epoch ms). */
      nextFires: z.array(epochMs),
    }),
    'One job, with its source and next fires.',
  ),
  upcoming: def(
    z.object({
      count: z.number().int().min(1).max(500).default(10),
      from: epochMs.optional(),
      until: epochMs.optional(),
    }),
    z.array(UpcomingFireSchema),
    'The next fires across all jobs, earliest first.',
  ),
  previewSchedule: def(
    z.object({
      cron: z.string().optional(),
      every: z.string().optional(),
      at: z.string().optional(),
      timezone: z.string().optional(),
      count: z.number().int().min(1).max(50).default(5),
      from: epochMs.optional(),
    }),
    z.object({ fires: z.array(epochMs), description: z.string(), error: z.string().nullable(), timezone: z.string() }),
    'A schedule in words and its next fires, for the editor while the admin types.',
  ),
  runNow: def(
    z.object({ id: jobId, force: z.boolean().default(false) }),
    z.object({ runId: runId.nullable(), queued: z.boolean(), refused: z.string().nullable() }),
    'Runs a job now. Respects the overlap policy unless forced.',
  ),
  cancelRun: def(z.object({ runId }), z.object({ cancelled: z.boolean() }), 'Stops a running or queued run.'),
  pauseJob: def(
    z.object({ id: jobId, until: epochMs.nullable().default(null) }),
    z.object({}),
    'Pauses one job, until a time or until resumed.',
  ),
  resumeJob: def(z.object({ id: jobId }), z.object({}), 'Resumes one job.'),
  pauseAll: def(
    z.object({ until: epochMs.nullable().default(null) }),
    z.object({}),
    'Pauses every job, until a time or until resumed.',
  ),
  resumeAll: def(z.object({}), z.object({}), 'Ends "pause all".'),
  setJobEnabled: def(
    z.object({ id: jobId, enabled: z.boolean(), baseVersion: version.optional() }),
    z.object({ version }),
    'Sets `enabled` in the jobs file (comments kept).',
  ),
  status: def(z.object({}), SchedulerStatusSchema, 'The scheduler as a whole.'),
  history: def(
    z.object({
      jobId: jobId.optional(),
      statuses: z.array(z.enum(RUN_STATUSES)).optional(),
      /** Page cursor: runs with an id lower than this. */
      before: runId.optional(),
      since: epochMs.optional(),
      limit: z.number().int().min(1).max(1000).default(50),
    }),
    z.object({ runs: z.array(RunRecordSchema), nextBefore: runId.nullable() }),
    'Run history, newest first, one page at a time.',
  ),
  getRun: def(z.object({ runId }), RunRecordSchema, 'One run.'),
  runOutput: def(z.object({ runId }), RunOutputSchema, 'The kept output of a run (the last 256 KiB).'),
  runDeliveries: def(
    z.object({ runId }),
    z.array(DeliverySchema),
    'What became of the run’s notifications on the jobs file’s channels (sent, retrying and why, given up, dropped).',
  ),
  readConfig: def(
    z.object({}),
    z.object({ path: z.string(), text: z.string(), version }),
    'The jobs file as it is on disk.',
  ),
  validateConfig: def(
    z.object({ text: z.string().max(5_000_000) }),
    z.object({
      ok: z.boolean(),
      issues: z.array(ConfigIssueSchema),
      jobCount: z.number().int(),
      /** Valid, but will not run as written: a program not on the PATH jobs get, an env file a run cannot read. */
      warnings: z.array(ConfigIssueSchema).optional(),
    }),
    'Checks a jobs-file text without saving it; the scheduler also warns about what its environment will not find.',
  ),
  writeConfig: def(
    z.object({ text: z.string().max(5_000_000), baseVersion: version }),
    z.object({ version }),
    'Saves the jobs file atomically. Refused when invalid or when the file changed on disk since baseVersion.',
  ),
  saveJob: def(
    z.object({ job: z.record(z.string(), z.unknown()), replaceId: jobId.optional(), baseVersion: version.optional() }),
    z.object({ version, id: jobId }),
    'Adds a job, or replaces `replaceId`, in the jobs file (comments kept), after validating the whole file.',
  ),
  deleteJob: def(
    z.object({ id: jobId, baseVersion: version.optional() }),
    z.object({ version }),
    'Removes a job from the jobs file.',
  ),
  // Expectations, check-ins and downtime (issue 12).
  listChannels: def(
    z.object({}),
    z.array(ChannelViewSchema),
    'The notifications: channels of the jobs file: name, kind and where they go (never a secret).',
  ),
  testChannel: def(
    z.object({ name: z.string().min(1).max(64) }),
    ChannelTestResultSchema,
    'Sends a test message through a channel now and says what failed.',
  ),
  saveChannel: def(
    z.object({
      name: z.string().min(1).max(64),
      channel: z.record(z.string(), z.unknown()),
      baseVersion: version.optional(),
    }),
    z.object({ version }),
    'Adds or replaces a channel in notifications: (comments kept); an invalid one is refused with its problems.',
  ),
  deleteChannel: def(
    z.object({ name: z.string().min(1).max(64), baseVersion: version.optional() }),
    z.object({ version }),
    'Removes a channel from notifications: (refused while a job or the digest still names it).',
  ),
  listChecks: def(
    z.object({}),
    z.array(CheckViewSchema),
    'Every check (a job that runs elsewhere and pings Cronbar) with its state.',
  ),
  getCheck: def(
    z.object({ id: jobId, pingLimit: z.number().int().min(1).max(1000).default(50) }),
    z.object({ check: CheckViewSchema, pings: z.array(PingRecordSchema) }),
    'One check with its newest pings.',
  ),
  ping: def(
    z.object({
      check: jobId,
      kind: z.enum(PING_KINDS).default('success'),
      /** For kind `exit` (0-255); also kept with a success or fail that `cronbar exec` sends. */
      exitCode: z.number().int().min(0).max(255).optional(),
      message: z
        .string()
        .refine(
          (text) => utf8Bytes.encode(text).length <= PING_MESSAGE_MAX_BYTES,
          `must be at most ${PING_MESSAGE_MAX_BYTES / 1024} KiB`,
        )
        .optional(),
      source: z.enum(PING_SOURCES).default('cli'),
    }),
    z.object({ ping: PingRecordSchema, check: CheckViewSchema }),
    'Records a ping of a check (success, start, fail, or an exit code) and returns the check’s new state.',
  ),
  durationStats: def(
    z.object({ id: jobId }),
    DurationStatsSchema,
    'Median and p95 of the last 50 successful runs, and the recent runs for the chart.',
  ),
  downtime: def(
    z.object({ since: epochMs.optional(), until: epochMs.optional() }),
    z.array(DowntimeSpanSchema),
    'Recorded spans when Cronbar was not scheduling (stopped, crashed) or the machine was asleep (default: the last 7 days).',
  ),
  previewImport: def(
    ImportInputSchema,
    z.object({
      jobs: z.array(
        z.object({
          id: jobId,
          /** The job as it would be written to the jobs file. */
          source: z.record(z.string(), z.unknown()),
          file: z.string(),
          line: z.number().int().nonnegative(),
          description: z.string(),
          timezone: z.string(),
          nextFires: z.array(epochMs),
          policies: ImportPoliciesSchema,
        }),
      ),
      losses: z.array(ImportLossSchema),
      alreadyInCronbar: z.array(AlreadyInCronbarSchema),
      sourceStillRuns: SourceStillRunsSchema,
      /** The jobs as YAML, as they would be appended. */
      yaml: z.string(),
    }),
    'What an import would add: each job with its schedule in words and next fires, and what cannot be carried over. Writes nothing.',
  ),
  importJobs: def(
    ImportInputSchema.extend({ baseVersion: version.optional() }),
    z.object({
      version,
      ids: z.array(jobId),
      losses: z.array(ImportLossSchema),
      alreadyInCronbar: z.array(AlreadyInCronbarSchema),
      sourceStillRuns: SourceStillRunsSchema,
    }),
    'Appends the imported jobs to the jobs file (comments kept), leaving out those it already has. Refused when nothing could be imported; adds nothing (and says why) when every job is there already.',
  ),
  disableCrontabLines: def(
    z.object({
      lines: z
        .array(z.object({ text: z.string().min(1).max(10_000), jobId }))
        .min(1)
        .max(100_000),
    }),
    z.object({
      /** The crontab as it was before, in the backups folder; null when nothing matched (nothing changed). */
      backupPath: z.string().nullable(),
      commented: z.array(z.object({ line: z.number().int().positive(), text: z.string(), jobId })),
      notFound: z.array(z.object({ text: z.string(), jobId })),
    }),
    "Comments out exactly these lines in the user's crontab (crontab -l, a backup, crontab -), each marked with the job that now runs it, so cron stops running what Cronbar runs.",
  ),
  // why_not_run, propose_edit and apply_edit (the MCP server's, open to every face).
  ...assistantMethods({ jobId, epochMs, version }),
  ...environmentMethods,
  ...backfillMethods,
  ...timelineMethods,
  // The jobs file's history and dry runs of its writes.
  configHistory: def(
    z.object({
      /** Only the changes that added, removed or changed this job. */
      jobId: jobId.optional(),
      /** Page cursor: revisions older than this one. */
      before: rev.optional(),
      limit: z.number().int().min(1).max(500).default(50),
    }),
    z.object({ revisions: z.array(ConfigRevisionEntrySchema), nextBefore: rev.nullable() }),
    'The changes of the jobs file, newest first: who (app, cli, api, mcp, outside edit), when, jobs added/removed/changed.',
  ),
  configRevision: def(
    z.object({ rev }),
    ConfigRevisionSchema,
    'One change of the jobs file: the texts before and after, and what moves (each changed job’s fires over 7 days).',
  ),
  configDiff: def(
    z.object({
      rev,
      /** Compare the file as of `rev` with the file as of this revision; without it, `rev`’s own change. */
      to: rev.optional(),
    }),
    z.object({
      fromLabel: z.string(),
      toLabel: z.string(),
      /** A unified diff of the two texts (empty when equal). */
      diff: z.string(),
      moves: WhatMovesSchema,
    }),
    'A unified diff of a change (or between two revisions) with what moves.',
  ),
  revertConfig: def(
    z.object({ rev, baseVersion: version.optional() }),
    z.object({ version, rev: rev.nullable() }),
    'Puts the jobs file back as it was before revision `rev` (undoing it and any later change); the revert is itself a revision. Refused when the file changed on disk since baseVersion.',
  ),
  previewConfigChange: def(
    z.object({ change: ConfigChangeSchema }),
    ConfigPreviewSchema,
    'A dry run of a write (writeConfig, saveJob, deleteJob, setJobEnabled, revertConfig): the text it would write, its problems and what moves, without writing. Apply it with the returned baseVersion.',
  ),
} as const;

/** When "pause all until the morning" ends unless Settings says otherwise (tray, window). */
export const DEFAULT_PAUSE_MORNING = '08:00';

/** Desktop-only entries, implemented by the Electron shell (a test bridge fakes them). */
export const appMethods = {
  getAppSettings: def(
    z.object({}),
    // trayWarning: set when the desktop probably shows no tray icon (stock GNOME), so the window can say so.
    z.object({
      launchAtLogin: z.boolean(),
      platform: z.string(),
      version: z.string(),
      trayWarning: z.string().nullable().optional(),
      /** When "pause all until the morning" ends (tray and window), HH:MM; absent: 08:00. */
      pauseMorning: z.string().optional(),
    }),
    'Desktop settings.',
  ),
  setPauseMorning: def(
    z.object({ time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day as HH:MM, such as 08:00') }),
    z.object({ pauseMorning: z.string() }),
    'Sets when "pause all until the morning" ends (tray and window).',
  ),
  setLaunchAtLogin: def(
    z.object({ enabled: z.boolean() }),
    z.object({ launchAtLogin: z.boolean() }),
    'Turns launch at login on or off.',
  ),
  openDataFolder: def(z.object({}), z.object({}), 'Opens the data folder in the file manager.'),
  openJobsFile: def(z.object({}), z.object({}), 'Opens the jobs file in the default editor.'),
  saveRunLog: def(
    z.object({ runId }),
    z.object({ savedTo: z.string().nullable() }),
    'Asks where to save a run log and writes it.',
  ),
  getHttpApi: def(z.object({}), HttpApiStateSchema, 'The "Local HTTP API" switch and who serves the API.'),
  setHttpApi: def(
    z.object({ enabled: z.boolean(), port: z.number().int().min(1).max(65_535) }),
    HttpApiStateSchema,
    'Turns the local HTTP API on (on 127.0.0.1:port, while the app schedules) or off; remembered across launches.',
  ),
} as const;

export const contract = { ...serviceMethods, ...appMethods } as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type ServiceMethodName = keyof typeof serviceMethods;
export type AppMethodName = keyof typeof appMethods;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

/** What the core implements: every service method, taking parsed input. */
export type CronbarApi = { [M in ServiceMethodName]: (input: ParsedInput<M>) => Promise<MethodOutput<M>> };
/** What the desktop shell adds. */
export type AppApi = { [M in AppMethodName]: (input: ParsedInput<M>) => Promise<MethodOutput<M>> };

/** Main → renderer pushes. */
export const events = {
  /** A run waits for a slot (concurrency limit, overlap queue, catch-up lane); `run:started` follows if it starts. */
  'run:queued': RunRecordSchema,
  'run:started': RunRecordSchema,
  'run:finished': RunRecordSchema,
  /** A chunk of a running job's output, for the live tail (throttled by the service). */
  'run:output': z.object({ runId, jobId, chunk: z.string() }),
  'jobs:changed': z.object({ reason: z.string() }),
  'config:error': z.object({ issues: z.array(ConfigIssueSchema) }),
  'scheduler:changed': SchedulerStatusSchema,
  /** A check changed state (new, up, late, down). */
  'check:changed': z.object({ check: CheckViewSchema, previous: z.enum(['new', 'up', 'late', 'down']) }),
  /** A job with `expect:` became overdue (overdue set) or recovered (overdue null). */
  'job:overdue': z.object({ jobId, name: z.string(), overdue: OverdueSchema.nullable() }),
  /** A run is still going after its job's `warnAfter`. */
  'run:slow': z.object({ run: RunRecordSchema, warnAfterMs: z.number() }),
  /** The desktop shell asks the window to show something (a notification was clicked). */
  'app:navigate': z.object({
    view: z.enum(['jobs', 'job', 'run', 'timeline', 'checks', 'editor', 'settings']),
    jobId: jobId.optional(),
    runId: runId.optional(),
  }),
} as const;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

/** Errors cross IPC as data, never as thrown exceptions (Electron keeps only the message of a thrown error). */
export const ApiErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  /** For invalid-config: every problem, placed. For invalid-input: the field. */
  issues: z.array(ConfigIssueSchema).optional(),
  field: z.string().optional(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** What `window.api` looks like: one named method per contract entry, plus `on`. */
export type WindowApi = { [M in MethodName]: (input?: MethodInput<M>) => Promise<Result<MethodOutput<M>>> } & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

export const channelFor = (method: MethodName) => `cronbar:${method}` as const;
export const eventChannelFor = (event: EventName) => `cronbar-event:${event}` as const;
export const methodNames = Object.keys(contract) as MethodName[];
export const eventNames = Object.keys(events) as EventName[];

// Keep the file schema referenced from the contract module so both stay one import away.
export { JobsFileSchema, JobSchema };
// The error and its codes live in a zod-free module (the CLI loads them at start); re-exported for every caller.
export { CronbarError, ERROR_CODES, type ErrorCode } from './cronbar-error';
