/**
 * The add/edit form's state and its round trip to a jobs-file entry. Validation is `JobSchema` itself, the same
 * definition the jobs file is checked with, so the form can never accept what the file would refuse. Every key the
 * schema has is a form field; keys it does not know yet (added by a newer Cronbar) ride along untouched in `extra`.
 * Text inputs hold text: numbers and durations are written back only when set, so the file's defaults keep applying.
 */
import { z } from 'zod';
import {
  BUILTINS,
  type BuiltinName,
  type CatchUpPolicy,
  type ChainOutcome,
  JobSchema,
  NotifySchema,
  type OverlapPolicy,
} from '../../../shared/config/schema';

export type ScheduleKind = 'cron' | 'every' | 'at';
/** `none`: no clock schedule; the job starts after another one (`after:`) or by hand. */
export type ScheduleChoice = ScheduleKind | 'none';
export type ActionKind = 'command' | 'http' | 'builtin';
export type CommandMode = 'shell' | 'args';
/** A per-job notify switch: as the defaults say, or set on or off for this job. */
export type Toggle = '' | 'on' | 'off';

/** The notify switches are the schema's boolean keys, so a new one appears in the form without retyping. */
export const NOTIFY_EVENTS = Object.entries(NotifySchema.shape)
  .filter(([, schema]) => schema.unwrap() instanceof z.ZodBoolean)
  .map(([key]) => key) as Array<
  {
    [K in keyof typeof NotifySchema.shape]: z.output<(typeof NotifySchema.shape)[K]> extends boolean | undefined
      ? K
      : never;
  }[keyof typeof NotifySchema.shape]
>;
export type NotifyEvent = (typeof NOTIFY_EVENTS)[number];

/** What each builtin takes under `with:` (the schema refuses the others for that builtin). */
export const BUILTIN_OPTIONS: Record<
  BuiltinName,
  ReadonlyArray<{ key: WithKey; label: string; placeholder: string }>
> = {
  'backup-database': [{ key: 'keep', label: 'Copies to keep', placeholder: 'default: 7' }],
  'prune-history': [
    { key: 'keepDays', label: 'Keep runs for (days)', placeholder: 'default: 30' },
    { key: 'keepRuns', label: 'Keep at most (runs per job)', placeholder: 'default: 1000' },
    { key: 'keepRevisions', label: 'File history: revisions', placeholder: 'default: 500' },
    { key: 'keepRevisionDays', label: 'File history: days', placeholder: 'default: 90' },
  ],
};
export type WithKey = 'keep' | 'keepDays' | 'keepRuns' | 'keepRevisions' | 'keepRevisionDays';

export interface ChainLinkDraft {
  job: string;
  on: ChainOutcome;
  delay: string;
}

export interface JobForm {
  id: string;
  name: string;
  description: string;
  tags: string;
  enabled: boolean;
  // Schedule
  scheduleKind: ScheduleChoice;
  schedule: string;
  timezone: string;
  jitter: string;
  catchUpPolicy: CatchUpPolicy | '';
  catchUpWindow: string;
  catchUpMax: string;
  after: ChainLinkDraft[];
  // Action
  actionKind: ActionKind;
  commandMode: CommandMode;
  command: string;
  url: string;
  method: string;
  expectStatus: string;
  /** `Name: value`, one per line. */
  httpHeaders: string;
  httpBody: string;
  httpTimeout: string;
  builtin: BuiltinName;
  builtinWith: Partial<Record<WithKey, string>>;
  // When it fails
  retryAttempts: string;
  retryDelay: string;
  retryBackoff: string;
  retryMaxDelay: string;
  // Limits
  timeout: string;
  overlap: OverlapPolicy | '';
  // Environment
  cwd: string;
  shell: string;
  /** `KEY=value`, one per line. */
  env: string;
  /** One directory per line. */
  pathDirs: string;
  envFile: string;
  // Alerts
  notify: Record<NotifyEvent, Toggle>;
  alertAfter: string;
  channels: string[];
  expectWithin: string;
  warnAfter: string;
  /** Top-level keys this form does not know. */
  extra: Record<string, unknown>;
}

/** A place an error can show: a form field, or the form as a whole. */
export type FieldName = Exclude<keyof JobForm, 'extra' | 'enabled' | 'commandMode' | 'actionKind'> | 'form';

const noNotify = Object.fromEntries(NOTIFY_EVENTS.map((event) => [event, ''])) as Record<NotifyEvent, Toggle>;

export const EMPTY_FORM: JobForm = {
  id: '',
  name: '',
  description: '',
  tags: '',
  enabled: true,
  scheduleKind: 'cron',
  schedule: '',
  timezone: '',
  jitter: '',
  catchUpPolicy: '',
  catchUpWindow: '',
  catchUpMax: '',
  after: [],
  actionKind: 'command',
  commandMode: 'shell',
  command: '',
  url: '',
  method: 'GET',
  expectStatus: '',
  httpHeaders: '',
  httpBody: '',
  httpTimeout: '',
  builtin: BUILTINS[0],
  builtinWith: {},
  retryAttempts: '',
  retryDelay: '',
  retryBackoff: '',
  retryMaxDelay: '',
  timeout: '',
  overlap: '',
  cwd: '',
  shell: '',
  env: '',
  pathDirs: '',
  envFile: '',
  notify: noNotify,
  alertAfter: '',
  channels: [],
  expectWithin: '',
  warnAfter: '',
  extra: {},
};

/** The schema's top-level keys: what the form owns. Anything else is kept as written. */
const FORM_KEYS = new Set(Object.keys(JobSchema.shape));

const str = (value: unknown) =>
  typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
const record = (value: unknown) =>
  (value && typeof value === 'object' && !Array.isArray(value) ? value : {}) as Record<string, unknown>;
const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
/** A number when the text is one, else the text itself, so the schema names the field that is not a number. */
const numberOrText = (text: string): number | string => (/^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : text);

/** Fills the form from a job as written in the jobs file. */
export function formFromSource(source: Record<string, unknown>): JobForm {
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) if (!FORM_KEYS.has(key)) extra[key] = value;
  const scheduleKind: ScheduleChoice =
    source.every !== undefined
      ? 'every'
      : source.at !== undefined
        ? 'at'
        : source.cron === undefined && source.after !== undefined
          ? 'none'
          : 'cron';
  const actionKind: ActionKind =
    source.http !== undefined ? 'http' : source.builtin !== undefined ? 'builtin' : 'command';
  const http = record(source.http);
  const command = source.command;
  const catchUp = source.catchUp;
  const catchUpObject = record(catchUp);
  const retry = record(source.retry);
  const notify = record(source.notify);
  const links = source.after === undefined ? [] : Array.isArray(source.after) ? source.after : [source.after];
  return {
    ...EMPTY_FORM,
    id: str(source.id),
    name: str(source.name),
    description: str(source.description),
    tags: Array.isArray(source.tags) ? source.tags.map(str).join(', ') : '',
    enabled: source.enabled !== false,
    scheduleKind,
    schedule: scheduleKind === 'none' ? '' : str(source[scheduleKind]),
    timezone: str(source.timezone),
    jitter: str(source.jitter),
    catchUpPolicy: str(typeof catchUp === 'string' ? catchUp : catchUpObject.policy) as JobForm['catchUpPolicy'],
    catchUpWindow: str(catchUpObject.window),
    catchUpMax: str(catchUpObject.max),
    after: links.map((link) => {
      const entry = record(link);
      return { job: str(entry.job), on: (str(entry.on) || 'success') as ChainOutcome, delay: str(entry.delay) };
    }),
    actionKind,
    commandMode: Array.isArray(command) ? 'args' : 'shell',
    command: Array.isArray(command) ? command.map(str).join('\n') : str(command),
    url: str(http.url),
    method: http.method === undefined ? 'GET' : str(http.method),
    expectStatus: Array.isArray(http.expectStatus) ? http.expectStatus.join(', ') : str(http.expectStatus),
    httpHeaders: Object.entries(record(http.headers))
      .map(([name, value]) => `${name}: ${str(value)}`)
      .join('\n'),
    httpBody: str(http.body),
    httpTimeout: str(http.timeout),
    builtin: (source.builtin === undefined ? EMPTY_FORM.builtin : str(source.builtin)) as BuiltinName,
    builtinWith: Object.fromEntries(Object.entries(record(source.with)).map(([key, value]) => [key, str(value)])),
    retryAttempts: str(retry.attempts),
    retryDelay: str(retry.delay),
    retryBackoff: str(retry.backoff),
    retryMaxDelay: str(retry.maxDelay),
    timeout: str(source.timeout),
    overlap: str(source.overlap) as JobForm['overlap'],
    cwd: str(source.cwd),
    shell: str(source.shell),
    env: Object.entries(record(source.env))
      .map(([key, value]) => `${key}=${str(value)}`)
      .join('\n'),
    pathDirs: Array.isArray(source.path) ? source.path.map(str).join('\n') : '',
    envFile: str(source.envFile),
    notify: Object.fromEntries(
      NOTIFY_EVENTS.map((event) => [event, notify[event] === true ? 'on' : notify[event] === false ? 'off' : '']),
    ) as Record<NotifyEvent, Toggle>,
    alertAfter: str(notify.alertAfter),
    channels: Array.isArray(notify.channels) ? notify.channels.map(str) : [],
    expectWithin: str(record(source.expect).succeededWithin),
    warnAfter: str(source.warnAfter),
    extra,
  };
}

/** Sets `key` on `target` when the text is not blank. */
function setText(target: Record<string, unknown>, key: string, text: string) {
  if (text.trim()) target[key] = text.trim();
}

function setNumber(target: Record<string, unknown>, key: string, text: string) {
  if (text.trim()) target[key] = numberOrText(text);
}

/** `Name: value` lines, `KEY=value` lines: split at the first separator; a line without one keeps its text as key. */
function pairs(text: string, separator: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of lines(text)) {
    const at = line.indexOf(separator);
    if (at < 0) out[line] = '';
    else out[line.slice(0, at).trim()] = line.slice(at + separator.length).trim();
  }
  return out;
}

/** The jobs-file entry the form describes: only what the admin set, so defaults keep applying. */
export function jobFromForm(form: JobForm): Record<string, unknown> {
  const job: Record<string, unknown> = { id: form.id.trim() };
  setText(job, 'name', form.name);
  setText(job, 'description', form.description);
  const tags = form.tags
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);
  if (tags.length > 0) job.tags = tags;
  if (!form.enabled) job.enabled = false;

  if (form.scheduleKind !== 'none') job[form.scheduleKind] = form.schedule.trim();
  setText(job, 'timezone', form.timezone);
  setText(job, 'jitter', form.jitter);
  if (form.catchUpWindow.trim() || form.catchUpMax.trim()) {
    const catchUp: Record<string, unknown> = {};
    if (form.catchUpPolicy) catchUp.policy = form.catchUpPolicy;
    setText(catchUp, 'window', form.catchUpWindow);
    setNumber(catchUp, 'max', form.catchUpMax);
    job.catchUp = catchUp;
  } else if (form.catchUpPolicy) job.catchUp = form.catchUpPolicy;
  const links = form.after.map((link) => {
    const entry: Record<string, unknown> = { job: link.job };
    if (link.on !== 'success') entry.on = link.on;
    setText(entry, 'delay', link.delay);
    return entry;
  });
  if (links.length === 1) job.after = links[0];
  else if (links.length > 1) job.after = links;

  if (form.actionKind === 'command') {
    job.command = form.commandMode === 'args' ? lines(form.command) : form.command.trim();
  } else if (form.actionKind === 'http') {
    const http: Record<string, unknown> = { url: form.url.trim() };
    if (form.method && form.method !== 'GET') http.method = form.method;
    if (form.httpHeaders.trim()) http.headers = pairs(form.httpHeaders, ':');
    if (form.httpBody) http.body = form.httpBody;
    const statuses = form.expectStatus
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean)
      .map(numberOrText);
    if (statuses.length === 1) http.expectStatus = statuses[0];
    else if (statuses.length > 1) http.expectStatus = statuses;
    setText(http, 'timeout', form.httpTimeout);
    job.http = http;
  } else {
    job.builtin = form.builtin;
    // Only the options this builtin takes: switching builtins must not carry the other's options into the file.
    const options: Record<string, unknown> = {};
    for (const { key } of BUILTIN_OPTIONS[form.builtin]) setNumber(options, key, form.builtinWith[key] ?? '');
    if (Object.keys(options).length > 0) job.with = options;
  }

  const retry: Record<string, unknown> = {};
  setNumber(retry, 'attempts', form.retryAttempts);
  setText(retry, 'delay', form.retryDelay);
  setNumber(retry, 'backoff', form.retryBackoff);
  setText(retry, 'maxDelay', form.retryMaxDelay);
  if (Object.keys(retry).length > 0) job.retry = retry;

  setText(job, 'timeout', form.timeout);
  if (form.overlap) job.overlap = form.overlap;

  setText(job, 'cwd', form.cwd);
  if (form.env.trim()) job.env = pairs(form.env, '=');
  setText(job, 'shell', form.shell);
  if (form.pathDirs.trim()) job.path = lines(form.pathDirs);
  setText(job, 'envFile', form.envFile);

  const notify: Record<string, unknown> = {};
  for (const event of NOTIFY_EVENTS) if (form.notify[event]) notify[event] = form.notify[event] === 'on';
  setNumber(notify, 'alertAfter', form.alertAfter);
  if (form.channels.length > 0) notify.channels = form.channels;
  if (Object.keys(notify).length > 0) job.notify = notify;
  if (form.expectWithin.trim()) job.expect = { succeededWithin: form.expectWithin.trim() };
  setText(job, 'warnAfter', form.warnAfter);
  return { ...job, ...form.extra };
}

const SUB_FIELD: Record<string, Record<string, FieldName>> = {
  http: {
    method: 'method',
    expectStatus: 'expectStatus',
    headers: 'httpHeaders',
    body: 'httpBody',
    timeout: 'httpTimeout',
  },
  retry: { attempts: 'retryAttempts', delay: 'retryDelay', backoff: 'retryBackoff', maxDelay: 'retryMaxDelay' },
  catchUp: { policy: 'catchUpPolicy', window: 'catchUpWindow', max: 'catchUpMax' },
  notify: { alertAfter: 'alertAfter', channels: 'channels' },
};
const TOP_FIELD: Record<string, FieldName> = {
  cron: 'schedule',
  every: 'schedule',
  at: 'schedule',
  with: 'builtinWith',
  http: 'url',
  retry: 'retryAttempts',
  catchUp: 'catchUpPolicy',
  notify: 'notify',
  expect: 'expectWithin',
  path: 'pathDirs',
};
const FIELD_NAMES = new Set<string>(Object.keys(EMPTY_FORM));

/** The form field a schema path (`['retry', 'delay']`) is about; `form` when none is. */
export function fieldOf(path: readonly PropertyKey[]): FieldName {
  const [first, second] = path;
  if (typeof first !== 'string') return 'form';
  const sub = typeof second === 'string' ? SUB_FIELD[first]?.[second] : undefined;
  if (sub) return sub;
  if (TOP_FIELD[first]) return TOP_FIELD[first];
  return FIELD_NAMES.has(first) ? (first as FieldName) : 'form';
}

/**
 * The field a placed problem from the jobs file (`jobs[3].retry.delay`) is about, when it concerns a job; `null` for
 * problems elsewhere in the file, which the form shows as a whole.
 */
export function fieldOfFilePath(path: string, jobIndex: number | null): FieldName | null {
  const match = /^jobs\[(\d+)\]\.?(.*)$/.exec(path);
  // Another job's problem (or one placed before the job's position was known) is the form's, not a field's.
  if (!match || jobIndex === null || Number(match[1]) !== jobIndex) return null;
  const segments = [...match[2]!.matchAll(/([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+)\]/g)].map((part) =>
    part[1] !== undefined ? part[1] : Number(part[2]),
  );
  return fieldOf(segments);
}

/** A value a template left for the admin to fill in: «like this». */
export const FILL_IN = /«[^»]*»/;

/** Each string of the entry still holding a «fill in» mark, with its schema path. */
function fillIns(value: unknown, path: PropertyKey[] = []): Array<{ path: PropertyKey[]; mark: string }> {
  if (typeof value === 'string') {
    const mark = FILL_IN.exec(value);
    return mark ? [{ path, mark: mark[0] }] : [];
  }
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, inner]) =>
      fillIns(inner, [...path, Array.isArray(value) ? Number(key) : key]),
    );
  return [];
}

/** Validates with the jobs-file schema; returns one message per field (the first problem found there). */
export function validateForm(form: JobForm, takenIds: readonly string[] = []): Partial<Record<FieldName, string>> {
  const errors: Partial<Record<FieldName, string>> = {};
  if (form.scheduleKind !== 'none' && !form.schedule.trim())
    errors.schedule = `${form.scheduleKind === 'cron' ? 'A cron expression' : form.scheduleKind === 'every' ? 'An interval' : 'A date and time'} is needed`;
  if (form.scheduleKind === 'none' && form.after.length === 0)
    errors.after = 'Without a schedule the job needs a job to run after';
  form.after.forEach((link) => {
    if (!link.job) errors.after ??= 'Pick the job to run after';
  });
  // A line the KEY=value / Name: value split would take as a bare key is a typo, not an empty variable.
  for (const [field, text, separator, shape] of [
    ['env', form.env, '=', 'KEY=value'],
    ['httpHeaders', form.actionKind === 'http' ? form.httpHeaders : '', ':', 'Name: value'],
  ] as const) {
    const bare = lines(text).find((line) => !line.includes(separator));
    if (bare !== undefined)
      errors[field] ??= `${JSON.stringify(bare)} has no ${separator}: write ${shape}, one per line`;
  }
  const job = jobFromForm(form);
  for (const { path, mark } of fillIns(job)) errors[fieldOf(path)] ??= `replace ${mark} with your own value`;
  const parsed = JobSchema.safeParse(job);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOf(issue.path);
      // The empty-schedule message above says it better than "too small".
      if (!errors[field]) errors[field] = issue.message;
    }
  }
  if (takenIds.includes(form.id.trim()))
    errors.id ??= `another job already uses the id ${JSON.stringify(form.id.trim())}`;
  return errors;
}
