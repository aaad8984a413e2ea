/**
 * What becomes of every field of a resolved job in every export: carried (the target does it), warned (exported, and
 * a loss line names the field), refused (the job is not exported) or n/a (the field only shapes Cronbar's own views).
 * One row per JobSpec field, so a new job option cannot reach the targets unclassified: the compiler wants a row for
 * it, and test/core/convert/export/field-fates.test.ts compares the rows with the keys of real resolved jobs and
 * checks each target against its cells.
 *
 * Most warnings depend on the value and the target's own syntax, so the target words them (run-policies.ts and the
 * *-target.ts files), starting with the field's key. The rows with `lost` are worded here, once for all targets:
 * what only a Cronbar process can do for a run it sees (notifications, overdue and slow flags).
 */
import type { ActionSpec, JobSpec, ScheduleSpec } from '../../../../shared/config/schema';
import { formatDuration } from '../../../../shared/config/duration';
import type { ExecMode, ExportTargetName } from './export-context';
import type { JobLosses } from './losses';

type CommandAction = Extract<ActionSpec, { kind: 'command' }>;

/** A JobSpec key; `schedule` and `action` by their kind, a command's settings one by one. */
export type JobField =
  | Exclude<keyof JobSpec, 'schedule' | 'action'>
  | `schedule.${ScheduleSpec['kind']}`
  | `action.${ActionSpec['kind']}`
  | `action.command.${Exclude<keyof CommandAction, 'kind' | 'command'>}`;

/** A target with its exec mode; Kubernetes always runs the command itself. */
export type ExportMode =
  | 'systemd/cronbar'
  | 'systemd/native'
  | 'crontab/cronbar'
  | 'crontab/native'
  | 'launchd/cronbar'
  | 'launchd/native'
  | 'kubernetes/native';

export const EXPORT_MODES: readonly ExportMode[] = [
  'systemd/cronbar',
  'systemd/native',
  'crontab/cronbar',
  'crontab/native',
  'launchd/cronbar',
  'launchd/native',
  'kubernetes/native',
];

export type Fate = 'carried' | 'warned' | 'refused' | 'n/a';

export interface FieldRow {
  /** The jobs-file word a loss line about this field starts with (a refusal names it somewhere in its reason). */
  key: string;
  fates: Readonly<Record<ExportMode, Fate>>;
  /** For the rows worded here: what a job loses where the cell says `warned`, or null when it loses nothing. */
  lost?: (job: JobSpec, runner: string) => string | null;
}

const everywhere = (fate: Fate): Record<ExportMode, Fate> =>
  Object.fromEntries(EXPORT_MODES.map((mode) => [mode, fate])) as Record<ExportMode, Fate>;

/** `cronbar run` does the run's part itself; run natively, the target has to. */
const byExec = (cronbar: Fate, native: Fate): Record<ExportMode, Fate> =>
  Object.fromEntries(EXPORT_MODES.map((mode) => [mode, mode.endsWith('/cronbar') ? cronbar : native])) as Record<
    ExportMode,
    Fate
  >;

const perTarget = (systemd: Fate, crontab: Fate, launchd: Fate, kubernetes: Fate): Record<ExportMode, Fate> => ({
  'systemd/cronbar': systemd,
  'systemd/native': systemd,
  'crontab/cronbar': crontab,
  'crontab/native': crontab,
  'launchd/cronbar': launchd,
  'launchd/native': launchd,
  'kubernetes/native': kubernetes,
});

const NOTIFIED = { failure: 'failure', success: 'success', missed: 'a missed fire' } as const;

export const JOB_FIELD_FATES: Readonly<Record<JobField, FieldRow>> = {
  // Unit, line, label or CronJob name, and the argument of `cronbar run`.
  id: { key: 'id', fates: everywhere('carried') },
  // Description=, the comment above the crontab line, the CronJob's annotation; a plist has no place for it.
  name: { key: 'name', fates: { ...everywhere('carried'), 'launchd/cronbar': 'n/a', 'launchd/native': 'n/a' } },
  description: { key: 'description', fates: everywhere('n/a') },
  // systemd: the timer is written and must be left disabled by hand; the others comment out, Disabled or suspend.
  enabled: { key: 'disabled', fates: perTarget('warned', 'carried', 'carried', 'carried') },
  tags: { key: 'tags', fates: everywhere('n/a') },
  // Some expressions have no form in a target (seconds, `L`, `#` …): that job is refused, the syntax named.
  'schedule.cron': { key: 'cron', fates: everywhere('carried') },
  'schedule.every': { key: 'every', fates: everywhere('warned') },
  'schedule.at': { key: 'at', fates: perTarget('carried', 'refused', 'refused', 'refused') },
  // A job that runs only after another (after:, no schedule) has nothing to start it, except in systemd when its
  // parent is exported with it: the parent's OnSuccess=/OnFailure= starts it (export-chains.ts).
  'schedule.none': { key: 'schedule', fates: everywhere('refused') },
  timezone: { key: 'timezone', fates: perTarget('carried', 'warned', 'warned', 'carried') },
  jitterMs: { key: 'jitter', fates: perTarget('carried', 'warned', 'warned', 'warned') },
  'action.command': { key: 'command', fates: everywhere('carried') },
  'action.command.cwd': { key: 'cwd', fates: { ...everywhere('carried'), 'kubernetes/native': 'warned' } },
  'action.command.env': { key: 'env', fates: everywhere('carried') },
  'action.command.shell': { key: 'shell', fates: everywhere('carried') },
  // `cronbar run` builds the environment (runner/job-environment.ts); a target running the command itself does not.
  'action.command.path': {
    key: 'path',
    fates: byExec('carried', 'warned'),
    lost: (job, runner) =>
      job.action.kind === 'command' && (job.action.path?.length ?? 0) > 0
        ? `path: ${job.action.path!.join(', ')} not put in front of PATH when run by ${runner}; the command gets ${runner}'s PATH`
        : null,
  },
  'action.command.envFile': {
    key: 'envFile',
    fates: byExec('carried', 'warned'),
    lost: (job, runner) =>
      job.action.kind === 'command' && job.action.envFile
        ? `envFile: ${job.action.envFile} not read when run by ${runner}`
        : null,
  },
  'action.http': { key: 'http', fates: byExec('carried', 'refused') },
  'action.builtin': { key: 'builtin', fates: byExec('carried', 'refused') },
  timeoutMs: {
    key: 'timeout',
    fates: { ...byExec('carried', 'carried'), 'crontab/native': 'warned', 'launchd/native': 'warned' },
  },
  retry: { key: 'retry', fates: byExec('carried', 'warned') },
  // systemd and launchd never start a job that is still running; cron has flock, Kubernetes concurrencyPolicy.
  overlap: { key: 'overlap', fates: everywhere('warned') },
  catchUp: { key: 'catchUp', fates: everywhere('warned') },
  notify: {
    key: 'notify',
    fates: byExec('carried', 'warned'),
    // The default (notify on failure) is lost by every native job alike: `cronbar export` says so once, not per job.
    lost: (job, runner) => {
      const on = (Object.keys(NOTIFIED) as (keyof typeof NOTIFIED)[]).filter((event) => job.notify[event]);
      if (on.length === 0 || (on.length === 1 && on[0] === 'failure')) return null;
      return `notify: no desktop notification on ${on.map((event) => NOTIFIED[event]).join(' or ')} when run by ${runner}`;
    },
  },
  expectSucceededWithinMs: {
    key: 'expect',
    fates: byExec('carried', 'warned'),
    lost: (job, runner) =>
      job.expectSucceededWithinMs == null
        ? null
        : `expect.succeededWithin ${formatDuration(job.expectSucceededWithinMs)}: Cronbar sees no runs when run by ${runner}, so it never says the job is overdue`,
  },
  // systemd carries it as OnSuccess=/OnFailure= on the parent's service when the parent is exported too, and words
  // the loss itself otherwise (export-chains.ts); the others never start a job when another's run ends.
  after: {
    key: 'after',
    fates: everywhere('warned'),
    lost: (job, runner) =>
      job.after === undefined || runner === 'systemd'
        ? null
        : `after: ${job.after.map((link) => link.job).join(', ')}: ${runner} does not start a job when another's run ends, so it runs only on its schedule`,
  },
  warnAfterMs: {
    key: 'warnAfter',
    fates: byExec('carried', 'warned'),
    lost: (job, runner) =>
      job.warnAfterMs == null
        ? null
        : `warnAfter ${formatDuration(job.warnAfterMs)}: no slow-run warning when run by ${runner}`,
  },
};

/** The fields a resolved job has, named as the table names them. */
export function jobFields(job: JobSpec): JobField[] {
  const fields: string[] = [];
  for (const key of Object.keys(job)) {
    if (key === 'schedule') fields.push(`schedule.${job.schedule.kind}`);
    else if (key !== 'action') fields.push(key);
  }
  fields.push(`action.${job.action.kind}`);
  if (job.action.kind === 'command')
    fields.push(
      ...Object.keys(job.action)
        .filter((key) => key !== 'kind' && key !== 'command')
        .map((key) => `action.command.${key}`),
    );
  return fields as JobField[];
}

export function exportMode(target: ExportTargetName, exec: ExecMode): ExportMode {
  return target === 'kubernetes' ? 'kubernetes/native' : `${target}/${exec}`;
}

const RUNNER: Record<ExportTargetName, string> = {
  systemd: 'systemd',
  crontab: 'cron',
  launchd: 'launchd',
  kubernetes: 'Kubernetes',
};

/** The warnings worded by the table (the rows with `lost`) for a job the target exported. */
export function reportTableLosses(job: JobSpec, target: ExportTargetName, exec: ExecMode, losses: JobLosses): void {
  const mode = exportMode(target, exec);
  // Kubernetes has no `cronbar run` to fall back on: the cluster runs the command.
  const keep = mode === 'kubernetes/native' ? '' : '; use --exec cronbar to keep it';
  for (const field of jobFields(job)) {
    const row = JOB_FIELD_FATES[field];
    if (!row?.lost || row.fates[mode] !== 'warned') continue;
    const lost = row.lost(job, RUNNER[target]);
    if (lost) losses.warn(`${lost}${keep}`);
  }
}
