/**
 * The add/edit form's state and its round trip to a jobs-file entry. Validation is `JobSchema` itself, the same
 * definition the jobs file is checked with, so the form can never accept what the file would refuse. Keys the form
 * does not show (retry, env, notify, …) ride along untouched in `extra`.
 */
import { JobSchema } from '../../../shared/config/schema';

export type ScheduleKind = 'cron' | 'every' | 'at';
export type ActionKind = 'command' | 'http' | 'builtin';
export type CommandMode = 'shell' | 'args';

export interface JobForm {
  id: string;
  name: string;
  description: string;
  tags: string;
  enabled: boolean;
  scheduleKind: ScheduleKind;
  schedule: string;
  timezone: string;
  actionKind: ActionKind;
  commandMode: CommandMode;
  command: string;
  url: string;
  method: string;
  expectStatus: string;
  builtin: string;
  timeout: string;
  overlap: string;
  /** Top-level keys the form does not edit. */
  extra: Record<string, unknown>;
  /** Keys of `http:` the form does not edit (headers, body, timeout). */
  extraHttp: Record<string, unknown>;
}

export type FieldName =
  | 'id'
  | 'name'
  | 'description'
  | 'tags'
  | 'schedule'
  | 'timezone'
  | 'command'
  | 'url'
  | 'method'
  | 'expectStatus'
  | 'builtin'
  | 'timeout'
  | 'overlap'
  | 'form';

export const EMPTY_FORM: JobForm = {
  id: '',
  name: '',
  description: '',
  tags: '',
  enabled: true,
  scheduleKind: 'cron',
  schedule: '',
  timezone: '',
  actionKind: 'command',
  commandMode: 'shell',
  command: '',
  url: '',
  method: 'GET',
  expectStatus: '',
  builtin: 'backup-database',
  timeout: '',
  overlap: '',
  extra: {},
  extraHttp: {},
};

const FORM_KEYS = new Set([
  'id',
  'name',
  'description',
  'tags',
  'enabled',
  'cron',
  'every',
  'at',
  'timezone',
  'command',
  'http',
  'builtin',
  'timeout',
  'overlap',
]);

const str = (value: unknown) =>
  typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);

/** Fills the form from a job as written in the jobs file. */
export function formFromSource(source: Record<string, unknown>): JobForm {
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) if (!FORM_KEYS.has(key)) extra[key] = value;
  const scheduleKind: ScheduleKind = source.every !== undefined ? 'every' : source.at !== undefined ? 'at' : 'cron';
  const actionKind: ActionKind =
    source.http !== undefined ? 'http' : source.builtin !== undefined ? 'builtin' : 'command';
  const http = (source.http && typeof source.http === 'object' ? source.http : {}) as Record<string, unknown>;
  const { url, method, expectStatus, ...extraHttp } = http;
  const command = source.command;
  return {
    ...EMPTY_FORM,
    id: str(source.id),
    name: str(source.name),
    description: str(source.description),
    tags: Array.isArray(source.tags) ? source.tags.map(str).join(', ') : '',
    enabled: source.enabled !== false,
    scheduleKind,
    schedule: str(source[scheduleKind]),
    timezone: str(source.timezone),
    actionKind,
    commandMode: Array.isArray(command) ? 'args' : 'shell',
    command: Array.isArray(command) ? command.map(str).join('\n') : str(command),
    url: str(url),
    method: method === undefined ? 'GET' : str(method),
    expectStatus: Array.isArray(expectStatus) ? expectStatus.join(', ') : str(expectStatus),
    builtin: source.builtin === undefined ? EMPTY_FORM.builtin : str(source.builtin),
    timeout: str(source.timeout),
    overlap: str(source.overlap),
    extra,
    extraHttp,
  };
}

/** The jobs-file entry the form describes: only what the admin set, so defaults keep applying. */
export function jobFromForm(form: JobForm): Record<string, unknown> {
  const job: Record<string, unknown> = { id: form.id.trim() };
  if (form.name.trim()) job.name = form.name.trim();
  if (form.description.trim()) job.description = form.description.trim();
  const tags = form.tags
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);
  if (tags.length > 0) job.tags = tags;
  if (!form.enabled) job.enabled = false;
  job[form.scheduleKind] = form.schedule.trim();
  if (form.timezone.trim()) job.timezone = form.timezone.trim();
  if (form.actionKind === 'command') {
    job.command =
      form.commandMode === 'args' ? form.command.split('\n').filter((line) => line.trim() !== '') : form.command.trim();
  } else if (form.actionKind === 'http') {
    const http: Record<string, unknown> = { url: form.url.trim(), ...form.extraHttp };
    if (form.method && form.method !== 'GET') http.method = form.method;
    const statuses = form.expectStatus
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean)
      .map(Number);
    if (statuses.length === 1) http.expectStatus = statuses[0];
    else if (statuses.length > 1) http.expectStatus = statuses;
    job.http = http;
  } else {
    job.builtin = form.builtin;
  }
  if (form.timeout.trim()) job.timeout = form.timeout.trim();
  if (form.overlap) job.overlap = form.overlap;
  // `with` only makes sense for builtins; drop it when the action changed away from one.
  const extra = { ...form.extra };
  if (form.actionKind !== 'builtin') delete extra.with;
  return { ...job, ...extra };
}

const FIELD_OF: Record<string, FieldName> = {
  id: 'id',
  name: 'name',
  description: 'description',
  tags: 'tags',
  cron: 'schedule',
  every: 'schedule',
  at: 'schedule',
  timezone: 'timezone',
  command: 'command',
  builtin: 'builtin',
  with: 'builtin',
  timeout: 'timeout',
  overlap: 'overlap',
};

function fieldOf(path: readonly PropertyKey[]): FieldName {
  const [first, second] = path;
  if (first === 'http') return second === 'method' ? 'method' : second === 'expectStatus' ? 'expectStatus' : 'url';
  return (typeof first === 'string' && FIELD_OF[first]) || 'form';
}

/** Validates with the jobs-file schema; returns one message per field (the first problem found there). */
export function validateForm(form: JobForm, takenIds: readonly string[] = []): Partial<Record<FieldName, string>> {
  const errors: Partial<Record<FieldName, string>> = {};
  if (!form.schedule.trim())
    errors.schedule = `${form.scheduleKind === 'cron' ? 'A cron expression' : form.scheduleKind === 'every' ? 'An interval' : 'A date and time'} is needed`;
  const parsed = JobSchema.safeParse(jobFromForm(form));
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
