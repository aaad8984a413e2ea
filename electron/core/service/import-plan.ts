/**
 * An import against the current jobs file: the jobs with ids unique in that file, the new file text (appended through
 * the comment-keeping edit and validated as a whole), and for the preview each job's schedule in words and next
 * fires, computed by the engine's own schedule code.
 */
import os from 'node:os';
import { CronbarError, type MethodOutput, type ParsedInput } from '../../../shared/api/contract';
import { describeSchedule } from '../../../shared/config/describe-schedule';
import { type JobSpec, JobsFileSchema, normalizeJobsFile, systemTimezone } from '../../../shared/config/schema';
import { appendJobs } from '../config/edit-jobs-file';
import { parseJobsText, yamlValue } from '../config/load-jobs-file';
import { loadPlainYaml } from '../config/load-plain-yaml';
import { type AlreadyInCronbar, splitAlreadyInCronbar } from '../convert/import/already-in-cronbar';
import { isSystemCrontabPath } from '../convert/import/crontab';
import { convertImport, prepareImport } from '../convert/import/import-jobs';
import type { ImportLoss, ImportedJob } from '../convert/import/import-types';
import { type SourceStillRuns, sourceStillRuns } from '../convert/import/source-still-runs';
import { ScheduleCalculator, scheduleKey } from '../engine/schedule-calculator';

export interface ImportPlanOptions {
  fileName: string;
  now: number;
  /** Reads files the sources refer to (a .timer's .service, EnvironmentFile=). The window passes none. */
  readFile?: (file: string) => string | null;
  /** How many next fires per job the preview shows. */
  fireCount?: number;
}

export interface ImportPlan {
  ids: string[];
  losses: ImportLoss[];
  /** Source jobs the jobs file has already (an earlier import, or written by hand): not added. */
  alreadyInCronbar: AlreadyInCronbar[];
  /** What still runs the imported jobs (and those already in the file) besides Cronbar. */
  sourceStillRuns: SourceStillRuns;
  /**
   * The jobs file with the jobs appended; equal to the current text when nothing could be imported. Rendered when
   * asked for: a preview never needs it, and rendering 10 000 jobs is a second or so.
   */
  nextText: () => string;
  preview: () => MethodOutput<'previewImport'>;
}

/**
 * The most one import takes, over all its files: 100 000 lines are ~10 s of planning and a preview of ~30 MB. A
 * bigger one is refused before any work, naming where the limit was crossed.
 */
export const MAX_IMPORT_LINES = 100_000;
export const MAX_IMPORT_BYTES = 16 * 1024 * 1024;

export async function planImport(
  input: ParsedInput<'previewImport'>,
  currentText: string,
  options: ImportPlanOptions,
): Promise<ImportPlan> {
  checkImportSize(input.files);
  const current = parseJobsText(currentText, { fileName: options.fileName });
  if (!current.ok) {
    throw new CronbarError(
      'invalid-config',
      `${options.fileName} has ${current.issues.length} problem${current.issues.length === 1 ? '' : 's'}; fix them before importing`,
      current.issues,
    );
  }
  const localZone = systemTimezone();
  const result = await convertImport(input.format, input.files, {
    currentUser: os.userInfo().username,
    localZone,
    now: options.now,
    ...(options.readFile ? { readFile: options.readFile } : {}),
    ...(input.systemCrontab !== undefined ? { systemCrontab: input.systemCrontab } : {}),
  });
  const defaults = defaultsOf(currentText);
  const fileZone = typeof defaults.timezone === 'string' ? defaults.timezone : null;
  // Times without a zone ran in this machine's zone; a file whose default is another zone would shift them.
  const pinZone = fileZone && fileZone !== localZone ? localZone : undefined;
  const zoneOf = (job: ImportedJob['job']) =>
    job.timezone ?? (pinZone && job.cron !== undefined ? pinZone : (fileZone ?? localZone));
  const split = splitAlreadyInCronbar(result.jobs, current.config.jobs, zoneOf);
  const prepared = prepareImport(
    { jobs: split.fresh.map((entry) => withPolicies(entry, input.policies ?? 'source')), losses: result.losses },
    {
      takenIds: current.sources.map((source) => String(source.id)),
      ...(input.prefix ? { prefix: input.prefix } : {}),
      ...(pinZone ? { pinZone } : {}),
    },
  );
  const jobs = prepared.map((entry) => entry.job as Record<string, unknown>);
  const systemCrontab = (file: string) => input.systemCrontab ?? isSystemCrontabPath(file);
  const stillRuns = sourceStillRuns(input.format, [
    ...prepared.map((entry) => ({
      file: entry.file,
      line: entry.line,
      ...(entry.sourceText !== undefined ? { sourceText: entry.sourceText } : {}),
      enabled: entry.job.enabled !== false,
      jobId: entry.job.id,
      systemCrontab: systemCrontab(entry.file),
    })),
    // Re-importing after an import that left the source running: those lines still run too (a moved line does not).
    ...split.already.flatMap(({ entry, existingId }) =>
      entry.moved || existingId === null
        ? []
        : [
            {
              file: entry.file,
              line: entry.line,
              ...(entry.sourceText !== undefined ? { sourceText: entry.sourceText } : {}),
              enabled: entry.job.enabled !== false,
              jobId: existingId,
              systemCrontab: systemCrontab(entry.file),
            },
          ],
    ),
  ]);
  const alreadyInCronbar = split.already.map(({ file, line, existingId, reason }) => ({
    file,
    line,
    existingId,
    reason,
  }));
  // The new jobs are checked under the file's defaults here (the file itself was valid, and their ids are new);
  // writing checks the whole file again before anything reaches the disk.
  const checked = JobsFileSchema.safeParse({ defaults, jobs });
  if (!checked.success) {
    const problems = checked.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new CronbarError('invalid-input', `the imported jobs do not validate (${problems}); nothing was changed`);
  }

  return {
    ids: prepared.map((entry) => entry.job.id),
    losses: result.losses,
    alreadyInCronbar,
    sourceStillRuns: stillRuns,
    nextText: () => (jobs.length === 0 ? currentText : appendJobs(currentText, jobs)),
    preview() {
      const specs = new Map(normalizeJobsFile(checked.data, localZone).jobs.map((job) => [job.id, job]));
      const calculator = new ScheduleCalculator();
      // A crontab repeats a handful of schedules over thousands of lines, and one next fire is ~0.1 ms of croner:
      // each schedule is worded and computed once.
      const bySchedule = new Map<string, { description: string; nextFires: number[] }>();
      const scheduleFacts = (spec: JobSpec) => {
        const key = scheduleKey(spec);
        let facts = bySchedule.get(key);
        if (!facts) {
          const ref = { schedule: spec.schedule, timezone: spec.timezone, anchorAt: null };
          facts = {
            description: describeSchedule(spec.schedule),
            nextFires: calculator.nextFires(ref, options.fireCount ?? 3, options.now),
          };
          bySchedule.set(key, facts);
        }
        return facts;
      };
      return {
        jobs: prepared.map((entry) => {
          const spec = specs.get(entry.job.id)!;
          const { description, nextFires } = scheduleFacts(spec);
          return {
            id: spec.id,
            source: entry.job as Record<string, unknown>,
            file: entry.file,
            line: entry.line,
            description,
            timezone: spec.timezone,
            nextFires: [...nextFires],
            policies: {
              overlap: spec.overlap,
              catchUp: spec.catchUp.policy,
              timeoutMs: spec.timeoutMs,
              fromSource: POLICY_KEYS.filter((key) => key in entry.job),
            },
          };
        }),
        losses: result.losses,
        alreadyInCronbar,
        sourceStillRuns: stillRuns,
        yaml: jobs.length === 0 ? '' : appendJobs('', jobs),
      };
    },
  };
}

const POLICY_KEYS = ['overlap', 'catchUp', 'timeout'] as const;
/**
 * What an importer writes only because the old scheduler could do no other: cron and launchd never stop a job, cron
 * starts one while it still runs and neither runs what was missed. A setting the source made (systemd's
 * `Persistent=true`, `RuntimeMaxSec=`) is kept either way.
 */
const SOURCE_ONLY_POLICIES: Record<(typeof POLICY_KEYS)[number], unknown> = {
  overlap: 'parallel',
  catchUp: 'skip',
  timeout: '0s',
};

function withPolicies(entry: ImportedJob, policies: 'source' | 'cronbar'): ImportedJob {
  if (policies === 'source') return entry;
  const job: Record<string, unknown> = { ...entry.job };
  for (const key of POLICY_KEYS) if (job[key] === SOURCE_ONLY_POLICIES[key]) delete job[key];
  return { ...entry, job: job as ImportedJob['job'] };
}

function checkImportSize(files: ReadonlyArray<{ name: string; text: string }>): void {
  const refuse = (where: string, limit: string) => {
    throw new CronbarError(
      'invalid-input',
      `${where}: the import is over ${limit}, the most one import takes; import the files in parts (nothing was changed)`,
    );
  };
  let bytes = 0;
  let lines = 0;
  for (const file of files) {
    bytes += Buffer.byteLength(file.text);
    if (bytes > MAX_IMPORT_BYTES) refuse(file.name, `${MAX_IMPORT_BYTES / 1024 / 1024} MiB`);
    const fileLines = file.text === '' ? 0 : file.text.split('\n').length - (file.text.endsWith('\n') ? 1 : 0);
    if (lines + fileLines > MAX_IMPORT_LINES)
      refuse(`${file.name}:${MAX_IMPORT_LINES - lines + 1}`, `${MAX_IMPORT_LINES.toLocaleString('en-US')} lines`);
    lines += fileLines;
  }
}

/** The `defaults:` of a (valid) jobs file as written. */
function defaultsOf(text: string): Record<string, unknown> {
  const value = (loadPlainYaml(text) ?? yamlValue(text)) as { defaults?: Record<string, unknown> | null } | null;
  return value?.defaults ?? {};
}
