/**
 * What the job form needs from the rest of the jobs file: the channel names `notifications:` declares, and what a job
 * that sets nothing gets from `defaults:` — computed by the schema's own resolver on an empty job, so an empty field's
 * hint says what really applies (never retyped defaults).
 */
import { parse as parseYaml } from 'yaml';
import { DefaultsSchema, JobSchema, type JobSpec, normalizeJob } from '../../../shared/config/schema';

export interface FileContext {
  channelNames: string[];
  /** A job setting nothing, resolved against the file's defaults; null while `defaults:` does not parse. */
  inherited: JobSpec | null;
  /**
   * Where the job is (or will be) in `jobs:`, so a problem the save reports at `jobs[i]` is placed at this job's field:
   * an edited job keeps its place, a new one is added at the end. Null when the file does not say.
   */
  jobIndex: number | null;
}

const PROBE_JOB = JobSchema.parse({ id: 'probe', every: '1h', command: 'true' });

export function readFileContext(text: string, jobId?: string): FileContext {
  let file: unknown;
  try {
    file = parseYaml(text);
  } catch {
    // The YAML tab says what is wrong; the form offers what it can without it.
    return { channelNames: [], inherited: normalizeJob(PROBE_JOB, {}), jobIndex: null };
  }
  const section = (key: string) => (file && typeof file === 'object' ? (file as Record<string, unknown>)[key] : null);
  const notifications = section('notifications');
  const defaults = DefaultsSchema.safeParse(section('defaults') ?? {});
  const jobs = section('jobs');
  const list = Array.isArray(jobs) ? (jobs as unknown[]) : jobs === null || jobs === undefined ? [] : null;
  const ids = list?.map((job) => (job && typeof job === 'object' ? (job as { id?: unknown }).id : undefined));
  const at = jobId === undefined ? (ids?.length ?? -1) : (ids?.indexOf(jobId) ?? -1);
  return {
    jobIndex: at < 0 ? null : at,
    channelNames: notifications && typeof notifications === 'object' ? Object.keys(notifications) : [],
    inherited: defaults.success ? normalizeJob(PROBE_JOB, defaults.data) : null,
  };
}
