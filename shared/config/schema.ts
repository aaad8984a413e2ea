/**
 * The jobs file (`jobs.yaml`) schema: the one definition the config loader, the editor form, the CLI and the tests
 * validate against. `JobsFileSchema` checks the raw YAML shape (unknown keys are errors); `normalizeJobsFile` turns a
 * valid file into `JobsConfig`, the resolved form the engine works on (defaults applied, durations in ms).
 */
import { z } from 'zod';
import { cronError } from './cron';
import { AfterSchema, type ChainLink, chainProblems, resolveAfter } from './chain-schema';
import { CheckSchema, duplicateCheckIds, resolveCheck, type CheckSpec } from './check-schema';
import { parseDuration } from './duration';
import { jobEnvironmentFields, resolveJobEnvironment } from './job-environment-schema';
import { type ChannelSpec, NotificationsSchema, channelName, resolveChannels } from './notification-schema';
import { type ConditionsSpec, type TriggerSpec, resolveTriggerFields, triggerJobFields } from './trigger-schema';
import { type DigestSpec, DigestSchema, resolveDigest } from './digest-schema';
import {
  DEFAULT_CATCH_UP_WINDOW_MS,
  DEFAULT_CONCURRENCY,
  DEFAULT_TIMEOUT_MS,
  isValidTimezone,
  parseLocalDateTime,
  systemTimezone,
} from './zones-and-times';

// Zod-free, so a command that only reads a cached config loads no schema (zones-and-times.ts).
export {
  DEFAULT_CATCH_UP_WINDOW_MS,
  DEFAULT_CONCURRENCY,
  DEFAULT_TIMEOUT_MS,
  isValidTimezone,
  parseLocalDateTime,
  systemTimezone,
} from './zones-and-times';

export { CheckSchema, DEFAULT_GRACE_MS, type CheckSpec } from './check-schema';
export { CHAIN_OUTCOMES, type ChainLink, type ChainOutcome } from './chain-schema';

export const OVERLAP_POLICIES = ['skip', 'queue', 'parallel', 'replace'] as const;
export const CATCH_UP_POLICIES = ['once', 'skip', 'all'] as const;
export const BUILTINS = ['backup-database', 'prune-history'] as const;
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type OverlapPolicy = (typeof OVERLAP_POLICIES)[number];
export type CatchUpPolicy = (typeof CATCH_UP_POLICIES)[number];
export type BuiltinName = (typeof BUILTINS)[number];

const duration = (what: string) =>
  z
    .string({
      error: (issue) =>
        `${JSON.stringify(issue.input)} is not a duration: ${what} needs a unit, such as 30s, 15m, 2h or 1d`,
    })
    .refine((text) => parseDuration(text) !== null, {
      error: (issue) =>
        `${JSON.stringify(issue.input)} is not a duration (use 500ms, 30s, 15m, 2h, 1d, or sums like 1h30m)`,
    });

const timezone = z.string().refine(isValidTimezone, {
  error: (issue) =>
    `${JSON.stringify(issue.input)} is not an IANA time zone (for example Europe/Berlin or America/New_York)`,
});

const RetrySchema = z.strictObject({
  attempts: z.number().int().min(0).max(100),
  delay: duration('retry.delay').optional(),
  backoff: z.number().min(1).max(10).optional(),
  maxDelay: duration('retry.maxDelay').optional(),
});

const CatchUpSchema = z.union([
  z.enum(CATCH_UP_POLICIES),
  z.strictObject({
    policy: z.enum(CATCH_UP_POLICIES).optional(),
    window: duration('catchUp.window').optional(),
    max: z.number().int().min(1).max(1000).optional(),
  }),
]);

export const NotifySchema = z.strictObject({
  failure: z.boolean().optional(),
  success: z.boolean().optional(),
  missed: z.boolean().optional(),
  /** The first success after announced failures (default: on). */
  recovered: z.boolean().optional(),
  /** No success within `expect` (default: on). */
  overdue: z.boolean().optional(),
  /** A run past its `warnAfter` (default: on). */
  slow: z.boolean().optional(),
  /** Say nothing until this many runs in a row failed (default 1). */
  alertAfter: z.number().int().min(1).max(1000).optional(),
  /** More flips between failure and success than this within an hour is flapping: told once, then quiet until it
   * settles (default 4; false: never). */
  flapping: z.union([z.number().int().min(1).max(1000), z.literal(false)]).optional(),
  /** Where these go besides the desktop: names from `notifications:`. */
  channels: z.array(channelName).optional(),
});

/** `expect: { succeededWithin: 26h }`: the job is overdue when its last success is older than that. */
const ExpectSchema = z.strictObject({ succeededWithin: duration('expect.succeededWithin') });

const EnvSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String));

/** Everything a job may set that `defaults:` may also set. */
const sharedJobFields = {
  timezone: timezone.optional(),
  jitter: duration('jitter').optional(),
  timeout: duration('timeout').optional(),
  retry: RetrySchema.optional(),
  overlap: z.enum(OVERLAP_POLICIES).optional(),
  catchUp: CatchUpSchema.optional(),
  notify: NotifySchema.optional(),
  cwd: z.string().min(1).optional(),
  env: EnvSchema.optional(),
  shell: z.string().min(1).optional(),
  ...jobEnvironmentFields,
  expect: ExpectSchema.optional(),
  /** A run still going after this is flagged slow (before the timeout would kill it). */
  warnAfter: duration('warnAfter').optional(),
};

export const DefaultsSchema = z.strictObject({ ...sharedJobFields, tags: z.array(z.string()).optional() });

const HttpSchema = z.strictObject({
  url: z.url({
    protocol: /^https?$/,
    error: (issue) => `${JSON.stringify(issue.input)} is not an http:// or https:// URL`,
  }),
  method: z.enum(HTTP_METHODS).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.string().optional(),
  expectStatus: z
    .union([z.number().int().min(100).max(599), z.array(z.number().int().min(100).max(599)).min(1)])
    .optional(),
  timeout: duration('http.timeout').optional(),
});

const BuiltinWithSchema = z.strictObject({
  keep: z.number().int().min(1).max(1000).optional(),
  keepDays: z.number().int().min(1).max(36500).optional(),
  keepRuns: z.number().int().min(1).max(10_000_000).optional(),
  /** prune-history: the jobs file's history keeps this many revisions at most (default 500)… */
  keepRevisions: z.number().int().min(1).max(1_000_000).optional(),
  /** …and none older than this many days (default 90); the newest revision always stays. */
  keepRevisionDays: z.number().int().min(1).max(36500).optional(),
});

export const JOB_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export const JobSchema = z
  .strictObject({
    id: z
      .string()
      .regex(
        JOB_ID_PATTERN,
        'id must be 1-64 letters, digits, dots, dashes or underscores, starting with a letter or digit',
      ),
    name: z.string().min(1).optional(),
    description: z.string().optional(),
    enabled: z.boolean().optional(),
    tags: z.array(z.string().min(1)).optional(),
    cron: z.string().min(1).optional(),
    every: duration('every').optional(),
    at: z.string().min(1).optional(),
    command: z.union([z.string().min(1), z.array(z.string()).min(1)]).optional(),
    http: HttpSchema.optional(),
    builtin: z.enum(BUILTINS).optional(),
    with: BuiltinWithSchema.optional(),
    after: AfterSchema.optional(),
    ...sharedJobFields,
    ...triggerJobFields,
  })
  .superRefine(
    (job, ctx) => {
      // Runs even when other fields failed (`when` below) so the admin sees every problem at once; a failed field
      // holds its raw input here, hence the typeof checks.
      if (typeof job !== 'object' || job === null || Array.isArray(job)) return;
      const schedules = (['cron', 'every', 'at'] as const).filter((key) => job[key] !== undefined);
      // A chained job (after:) or one started by events (on:) needs no schedule; one besides is allowed.
      if (schedules.length === 0 && job.after === undefined && job.on === undefined)
        ctx.addIssue({
          code: 'custom',
          path: [],
          message: 'needs one schedule: cron, every or at (or events: on, or after: another job)',
        });
      if (schedules.length > 1)
        ctx.addIssue({
          code: 'custom',
          path: [schedules[1]!],
          message: `has both ${schedules.join(' and ')}: keep one schedule`,
        });
      const actions = (['command', 'http', 'builtin'] as const).filter((key) => job[key] !== undefined);
      if (actions.length === 0)
        ctx.addIssue({ code: 'custom', path: [], message: 'needs one action: command, http or builtin' });
      if (actions.length > 1)
        ctx.addIssue({
          code: 'custom',
          path: [actions[1]!],
          message: `has both ${actions.join(' and ')}: keep one action`,
        });
      if (typeof job.cron === 'string' && job.cron !== '') {
        const problem = cronError(
          job.cron,
          typeof job.timezone === 'string' && isValidTimezone(job.timezone) ? job.timezone : undefined,
        );
        if (problem)
          ctx.addIssue({ code: 'custom', path: ['cron'], message: `${JSON.stringify(job.cron)}: ${problem}` });
      }
      const everyMs = typeof job.every === 'string' ? parseDuration(job.every) : null;
      if (everyMs !== null && everyMs < 1000) {
        ctx.addIssue({
          code: 'custom',
          path: ['every'],
          message: `${JSON.stringify(job.every)}: the shortest interval is 1s`,
        });
      }
      if (typeof job.at === 'string' && job.at !== '' && parseLocalDateTime(job.at) === null) {
        ctx.addIssue({
          code: 'custom',
          path: ['at'],
          message: `${JSON.stringify(job.at)} is not a date and time such as 2027-01-01T09:00`,
        });
      }
      if (job.with !== undefined && job.builtin === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['with'],
          message: '`with` configures a builtin action; this job has none',
        });
      }
      if (
        job.builtin === 'backup-database' &&
        typeof job.with === 'object' &&
        job.with !== null &&
        (job.with.keepDays !== undefined ||
          job.with.keepRuns !== undefined ||
          job.with.keepRevisions !== undefined ||
          job.with.keepRevisionDays !== undefined)
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['with'],
          message: 'backup-database takes only `keep` (how many copies to keep)',
        });
      }
      if (
        job.builtin === 'prune-history' &&
        typeof job.with === 'object' &&
        job.with !== null &&
        job.with.keep !== undefined
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['with', 'keep'],
          message: 'prune-history takes `keepDays` and `keepRuns`, not `keep`',
        });
      }
    },
    { when: () => true },
  );

export const JobsFileSchema = z
  .strictObject({
    version: z.literal(1).optional(),
    notifications: NotificationsSchema.nullish().transform((channels) => channels ?? undefined),
    digest: DigestSchema.optional(),
    concurrency: z.number().int().min(1).max(64).optional(),
    // `defaults:` or `jobs:` with every entry commented out is null in YAML: treat it as empty, not as an error.
    defaults: DefaultsSchema.nullish().transform((defaults) => defaults ?? undefined),
    jobs: z
      .array(JobSchema)
      .nullish()
      .transform((jobs) => jobs ?? []),
    checks: z
      .array(CheckSchema)
      .nullish()
      .transform((checks) => checks ?? []),
  })
  .superRefine(
    (file, ctx) => {
      // Runs even when some jobs are invalid (`when` below), so a duplicate id is reported with the other problems.
      const seen = new Map<string, number>();
      if (!Array.isArray(file.jobs)) return;
      (file.jobs as unknown[]).forEach((job, index) => {
        const id = typeof job === 'object' && job !== null ? (job as { id?: unknown }).id : undefined;
        if (typeof id !== 'string') return;
        const first = seen.get(id);
        if (first !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['jobs', index, 'id'],
            message: `duplicate id ${JSON.stringify(id)} (also jobs[${first}])`,
          });
        else seen.set(id, index);
      });
      duplicateCheckIds(file.checks as unknown, seen, ctx);
      unknownChannels(file, ctx);
      chainProblems(file.jobs, ctx);
    },
    { when: () => true },
  );

/** Every `notify.channels` and `digest.channels` entry must name a channel of `notifications:`; each unknown one is placed. */
function unknownChannels(file: Record<string, unknown>, ctx: z.core.$RefinementCtx<unknown>): void {
  const declared = file.notifications;
  const known = new Set(typeof declared === 'object' && declared !== null ? Object.keys(declared) : []);
  const checkList = (holder: unknown, path: Array<string | number>) => {
    const channels = typeof holder === 'object' && holder !== null ? (holder as { channels?: unknown }).channels : null;
    if (!Array.isArray(channels)) return;
    channels.forEach((name, index) => {
      if (typeof name !== 'string' || known.has(name)) return;
      const names = [...known];
      ctx.addIssue({
        code: 'custom',
        path: [...path, 'channels', index],
        message: `no channel ${JSON.stringify(name)} in notifications: (${names.length === 0 ? 'none is declared' : `declared: ${names.join(', ')}`})`,
      });
    });
  };
  const check = (owner: unknown, path: Array<string | number>) =>
    checkList(typeof owner === 'object' && owner !== null ? (owner as { notify?: unknown }).notify : undefined, [
      ...path,
      'notify',
    ]);
  check(file.defaults, ['defaults']);
  checkList(file.digest, ['digest']);
  for (const section of ['jobs', 'checks'] as const) {
    const entries = file[section];
    if (Array.isArray(entries)) entries.forEach((entry, index) => check(entry, [section, index]));
  }
}

export type RawJob = z.input<typeof JobSchema>;
export type RawCheck = z.input<typeof CheckSchema>;
export type RawDefaults = z.input<typeof DefaultsSchema>;
export type RawJobsFile = z.input<typeof JobsFileSchema>;

// ---------------------------------------------------------------------------------------------------------------
// The resolved form the engine, runner and API use.

/** `none`: no clock schedule; the job runs on its events (`on:`) or by hand. */
export type ScheduleSpec =
  | { kind: 'cron'; expr: string }
  | { kind: 'every'; everyMs: number; text: string }
  | { kind: 'at'; at: string }
  /** No clock schedule: the job starts only by hand or after another job (`after:`). */
  | { kind: 'none' };

/** The one `none` schedule every unscheduled job shares. */
export const NO_SCHEDULE: ScheduleSpec = Object.freeze({ kind: 'none' });

export type ActionSpec =
  | {
      kind: 'command';
      command: string | string[];
      cwd: string | null;
      env: Readonly<Record<string, string>>;
      shell: string | null;
      /** Directories put in front of PATH (`path:`), and a KEY=value file read at each run (`envFile:`). */
      path?: readonly string[];
      envFile?: string | null;
    }
  | {
      kind: 'http';
      url: string;
      method: string;
      headers: Record<string, string>;
      body: string | null;
      expectStatus: number[] | null;
      timeoutMs: number | null;
    }
  | { kind: 'builtin'; name: 'backup-database'; keep: number }
  | {
      kind: 'builtin';
      name: 'prune-history';
      keepDays: number;
      keepRuns: number;
      /** The jobs file history's bounds; absent: 500 revisions, 90 days (service/config-history.ts). */
      keepRevisions?: number;
      keepRevisionDays?: number;
    };

export interface JobSpec {
  id: string;
  name: string;
  description: string | null;
  enabled: boolean;
  tags: string[];
  schedule: ScheduleSpec;
  timezone: string;
  jitterMs: number;
  action: ActionSpec;
  timeoutMs: number;
  retry: Readonly<{ attempts: number; delayMs: number; backoff: number; maxDelayMs: number }>;
  overlap: OverlapPolicy;
  catchUp: Readonly<{ policy: CatchUpPolicy; windowMs: number; max: number }>;
  notify: Readonly<NotifySpec>;
  /** `expect.succeededWithin` in ms: overdue when the last success is older (null: no expectation). */
  expectSucceededWithinMs?: number | null;
  /** `warnAfter` in ms: a run going longer is slow (null: never flagged). */
  warnAfterMs?: number | null;
  /** The jobs whose runs start this one (`after:`); absent when none. */
  after?: readonly ChainLink[];
  /** `on:` events that start a run besides (or instead of) the schedule; absent: none. */
  triggers?: readonly TriggerSpec[];
  /** `when:` conditions a fire must meet; absent: none. */
  conditions?: ConditionsSpec;
  /** `keepAwake: true`: the desktop app keeps the system from sleeping while a run of the job is going. */
  keepAwake?: boolean;
}

/** The extras are present only when the file sets them; absent means on, alertAfter 1, no channels. */
export interface NotifySpec {
  failure: boolean;
  success: boolean;
  missed: boolean;
  recovered?: boolean;
  overdue?: boolean;
  slow?: boolean;
  alertAfter?: number;
  flapping?: number | false;
  channels?: string[];
}

export interface JobsConfig {
  concurrency: number;
  /** The `notifications:` channels (absent in configs built before channels existed: none). */
  notifications?: ChannelSpec[];
  jobs: JobSpec[];
  /** Check-ins for jobs that run elsewhere (absent in configs built before `checks:` existed: none). */
  checks?: CheckSpec[];
  /** The daily digest (absent: none). */
  digest?: DigestSpec;
}

const ms = (text: string | undefined, fallback: number) => (text === undefined ? fallback : parseDuration(text)!);

type ParsedJob = z.output<typeof JobSchema>;
type ParsedDefaults = z.output<typeof DefaultsSchema>;

/**
 * The `defaults:` of a file resolved once, for every job that says nothing else. Its objects are frozen and shared by
 * those jobs: 100 000 jobs must fit in ~1 KiB each, and a dozen small copies per job were a third of that. Nothing
 * downstream may change a JobSpec in place (a frozen object throws on write).
 */
interface ResolvedDefaults {
  defaults: ParsedDefaults;
  timezone: string;
  jitterMs: number;
  timeoutMs: number;
  overlap: OverlapPolicy;
  tags: string[];
  env: Readonly<Record<string, string>>;
  retry: JobSpec['retry'];
  catchUp: JobSpec['catchUp'];
  notify: JobSpec['notify'];
  /** One schedule object per cron pattern, shared by the jobs that use it. */
  cronSchedules: Map<string, ScheduleSpec>;
  expectMs: number | null;
  warnAfterMs: number | null;
}

/** Applies defaults to a file that passed `JobsFileSchema`. */
export function normalizeJobsFile(file: z.output<typeof JobsFileSchema>, zone: string = systemTimezone()): JobsConfig {
  const base = resolveDefaults(file.defaults ?? {}, zone);
  return {
    concurrency: file.concurrency ?? DEFAULT_CONCURRENCY,
    ...(file.notifications === undefined ? {} : { notifications: resolveChannels(file.notifications) }),
    ...(file.digest === undefined ? {} : { digest: resolveDigest(file.digest, zone) }),
    jobs: file.jobs.map((job) => resolveJob(job, base)),
    checks: (file.checks ?? []).map((check) => resolveCheck(check, zone)),
  };
}

export function normalizeJob(job: ParsedJob, defaults: ParsedDefaults, zone: string = systemTimezone()): JobSpec {
  return resolveJob(job, resolveDefaults(defaults, zone));
}

function resolveDefaults(defaults: ParsedDefaults, zone: string): ResolvedDefaults {
  return {
    defaults,
    timezone: defaults.timezone ?? zone,
    jitterMs: ms(defaults.jitter, 0),
    timeoutMs: ms(defaults.timeout, DEFAULT_TIMEOUT_MS),
    overlap: defaults.overlap ?? 'skip',
    tags: Object.freeze([...new Set(defaults.tags ?? [])]) as string[],
    env: Object.freeze({ ...defaults.env }),
    retry: resolveRetry(defaults.retry),
    catchUp: resolveCatchUp(catchUpObject(defaults.catchUp)),
    notify: resolveNotify(defaults.notify),
    cronSchedules: new Map(),
    expectMs: defaults.expect === undefined ? null : parseDuration(defaults.expect.succeededWithin)!,
    warnAfterMs: defaults.warnAfter === undefined ? null : parseDuration(defaults.warnAfter)!,
  };
}

function resolveJob(job: ParsedJob, base: ResolvedDefaults): JobSpec {
  const { defaults } = base;
  return {
    id: job.id,
    name: job.name ?? job.id,
    description: job.description ?? null,
    enabled: job.enabled ?? true,
    tags: job.tags === undefined ? base.tags : [...new Set([...base.tags, ...job.tags])],
    schedule: resolveSchedule(job, base),
    timezone: job.timezone ?? base.timezone,
    jitterMs: job.jitter === undefined ? base.jitterMs : parseDuration(job.jitter)!,
    action: resolveAction(job, defaults, base),
    timeoutMs: job.timeout === undefined ? base.timeoutMs : parseDuration(job.timeout)!,
    // Object-valued settings merge key by key, so `retry: { attempts: 5 }` on a job keeps the default delay.
    retry: job.retry === undefined ? base.retry : resolveRetry({ ...defaults.retry, ...job.retry }),
    overlap: job.overlap ?? base.overlap,
    catchUp:
      job.catchUp === undefined
        ? base.catchUp
        : resolveCatchUp({ ...catchUpObject(defaults.catchUp), ...catchUpObject(job.catchUp) }),
    notify: job.notify === undefined ? base.notify : resolveNotify({ ...defaults.notify, ...job.notify }),
    expectSucceededWithinMs: job.expect === undefined ? base.expectMs : parseDuration(job.expect.succeededWithin)!,
    warnAfterMs: job.warnAfter === undefined ? base.warnAfterMs : parseDuration(job.warnAfter)!,
    ...(job.after === undefined ? {} : { after: resolveAfter(job.after) }),
    ...resolveTriggerFields(job),
  };
}

function resolveSchedule(job: ParsedJob, base: ResolvedDefaults): ScheduleSpec {
  if (job.cron !== undefined) {
    let schedule = base.cronSchedules.get(job.cron);
    if (!schedule) {
      schedule = Object.freeze({ kind: 'cron', expr: job.cron });
      base.cronSchedules.set(job.cron, schedule);
    }
    return schedule;
  }
  if (job.every !== undefined)
    return Object.freeze({ kind: 'every', everyMs: parseDuration(job.every)!, text: job.every });
  if (job.at === undefined) return NO_SCHEDULE;
  return Object.freeze({ kind: 'at', at: job.at });
}

function resolveRetry(retry: Partial<z.output<typeof RetrySchema>> | undefined): JobSpec['retry'] {
  return Object.freeze({
    attempts: retry?.attempts ?? 0,
    delayMs: ms(retry?.delay, 60_000),
    backoff: retry?.backoff ?? 1,
    maxDelayMs: ms(retry?.maxDelay, 3_600_000),
  });
}

function resolveNotify(notify: z.output<typeof NotifySchema> | undefined): JobSpec['notify'] {
  return Object.freeze({
    failure: notify?.failure ?? true,
    success: notify?.success ?? false,
    missed: notify?.missed ?? false,
    ...(notify?.recovered === undefined ? {} : { recovered: notify.recovered }),
    ...(notify?.overdue === undefined ? {} : { overdue: notify.overdue }),
    ...(notify?.slow === undefined ? {} : { slow: notify.slow }),
    ...(notify?.alertAfter === undefined ? {} : { alertAfter: notify.alertAfter }),
    ...(notify?.flapping === undefined ? {} : { flapping: notify.flapping }),
    ...(notify?.channels === undefined ? {} : { channels: [...new Set(notify.channels)] }),
  });
}

/** `catchUp: skip` is shorthand for `catchUp: { policy: skip }`. */
function catchUpObject(
  value: z.output<typeof CatchUpSchema> | undefined,
): Exclude<z.output<typeof CatchUpSchema>, string> {
  if (value === undefined) return {};
  return typeof value === 'string' ? { policy: value } : value;
}

function resolveCatchUp(value: Exclude<z.output<typeof CatchUpSchema>, string>): JobSpec['catchUp'] {
  return Object.freeze({
    policy: value.policy ?? 'once',
    windowMs: ms(value.window, DEFAULT_CATCH_UP_WINDOW_MS),
    max: value.max ?? 100,
  });
}

function resolveAction(job: ParsedJob, defaults: ParsedDefaults, base: ResolvedDefaults): ActionSpec {
  if (job.http) {
    const status = job.http.expectStatus;
    return Object.freeze({
      kind: 'http',
      url: job.http.url,
      method: job.http.method ?? 'GET',
      headers: Object.freeze(job.http.headers ?? {}),
      body: job.http.body ?? null,
      expectStatus: status === undefined ? null : Array.isArray(status) ? status : [status],
      timeoutMs: job.http.timeout === undefined ? null : parseDuration(job.http.timeout),
    });
  }
  if (job.builtin === 'backup-database')
    return Object.freeze({ kind: 'builtin', name: 'backup-database', keep: job.with?.keep ?? 7 });
  if (job.builtin === 'prune-history') {
    return Object.freeze({
      kind: 'builtin',
      name: 'prune-history',
      keepDays: job.with?.keepDays ?? 30,
      keepRuns: job.with?.keepRuns ?? 1000,
      ...(job.with?.keepRevisions === undefined ? {} : { keepRevisions: job.with.keepRevisions }),
      ...(job.with?.keepRevisionDays === undefined ? {} : { keepRevisionDays: job.with.keepRevisionDays }),
    });
  }
  return Object.freeze({
    kind: 'command',
    command: job.command!,
    cwd: job.cwd ?? defaults.cwd ?? null,
    env: job.env === undefined ? base.env : Object.freeze({ ...base.env, ...job.env }),
    shell: job.shell ?? defaults.shell ?? null,
    ...resolveJobEnvironment(job, defaults),
  });
}
