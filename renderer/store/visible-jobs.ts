import type { JobView } from '../../shared/model';
import { STATUS_LABELS } from '../lib/status';
import type { JobFilter, SortOrder } from './view';

/** Cronbar's own upkeep (database backup, history pruning): listed apart from the admin's jobs. */
export const isUpkeep = (job: JobView) => job.actionKind === 'builtin';

export const isFailing = (job: JobView) =>
  job.lastRun !== null && (job.lastRun.status === 'failed' || job.lastRun.status === 'timed-out');

/** The words a job's state answers to in the search box: `failed`, `failing`, `running`, `paused`, `disabled`… */
function statusWords(job: JobView): string[] {
  const words: string[] = [];
  if (job.lastRun) words.push(STATUS_LABELS[job.lastRun.status], job.lastRun.status);
  if (isFailing(job)) words.push('failing');
  if (job.runningRunIds.length > 0) words.push('running');
  if (job.paused) words.push('paused');
  if (!job.enabled) words.push('disabled');
  else words.push('enabled');
  if (job.overdue) words.push('overdue');
  return words;
}

/**
 * Matches a search against the job's name, id, tags, command (or URL) and status words; `tag:backup` limits to one
 * tag exactly. Every term must match.
 */
export function matchesSearch(job: JobView, search: string): boolean {
  const terms = search.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return true;
  const words = statusWords(job);
  return terms.every((term) => {
    if (term.startsWith('tag:')) return job.tags.some((tag) => tag.toLowerCase() === term.slice(4));
    return (
      job.name.toLowerCase().includes(term) ||
      job.id.toLowerCase().includes(term) ||
      job.actionSummary.toLowerCase().includes(term) ||
      job.tags.some((tag) => tag.toLowerCase().includes(term)) ||
      words.some((word) => word.startsWith(term))
    );
  });
}

export function matchesFilter(job: JobView, filter: JobFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'failing':
      return isFailing(job);
    case 'overdue':
      return Boolean(job.overdue);
    case 'running':
      return job.runningRunIds.length > 0 || job.queuedCount > 0;
    case 'paused':
      return job.paused;
    case 'disabled':
      return !job.enabled;
    default:
      return job.tags.includes(filter.slice(4));
  }
}

// One collator for the whole sort: String#localeCompare builds one per call, which is slow over 10 000 names.
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
const byName = (a: JobView, b: JobView) => collator.compare(a.name, b.name) || collator.compare(a.id, b.id);

/** Jobs with no next fire (disabled, paused, past one-offs) sink to the bottom when sorted by next fire. */
const byNextFire = (a: JobView, b: JobView) => {
  if (a.nextFireAt === b.nextFireAt) return byName(a, b);
  if (a.nextFireAt === null) return 1;
  if (b.nextFireAt === null) return -1;
  return a.nextFireAt - b.nextFireAt;
};

const lastRunAt = (job: JobView) => job.lastRun?.finishedAt ?? job.lastRun?.startedAt ?? job.lastRun?.createdAt ?? 0;

/** Share of the last (up to 20) finished runs that failed: the tie-break when two jobs failed as often this week. */
const recentFailureRate = (job: JobView) =>
  job.recentStatuses.length === 0
    ? 0
    : job.recentStatuses.filter((entry) => entry.status === 'failed' || entry.status === 'timed-out').length /
      job.recentStatuses.length;

function comparator(sort: SortOrder, failures7d: Readonly<Record<string, number>>) {
  switch (sort) {
    case 'name':
      return byName;
    case 'next':
      return byNextFire;
    case 'last':
      return (a: JobView, b: JobView) => lastRunAt(b) - lastRunAt(a) || byName(a, b);
    case 'failures':
      return (a: JobView, b: JobView) =>
        (failures7d[b.id] ?? 0) - (failures7d[a.id] ?? 0) ||
        recentFailureRate(b) - recentFailureRate(a) ||
        byName(a, b);
    case 'failing':
      return (a: JobView, b: JobView) => {
        const failing = Number(isFailing(b)) - Number(isFailing(a));
        if (failing !== 0) return failing;
        if (isFailing(a)) return b.failureStreak - a.failureStreak || byName(a, b);
        return byNextFire(a, b);
      };
  }
}

export interface VisibleJobsInput {
  jobs: readonly JobView[];
  search: string;
  sort: SortOrder;
  filter?: JobFilter;
  failures7d?: Readonly<Record<string, number>>;
}

/** The admin's jobs as the list shows them: upkeep jobs apart, then filtered, searched and sorted. */
export function visibleJobs({ jobs, search, sort, filter = 'all', failures7d = {} }: VisibleJobsInput): JobView[] {
  const shown = jobs.filter(
    (job) => !isUpkeep(job) && matchesFilter(job, filter) && (!search.trim() || matchesSearch(job, search)),
  );
  return shown.sort(comparator(sort, failures7d));
}

/** Memoised on the inputs' identity: the list re-sorts only when the jobs, the search, filter or order change. */
export function createVisibleJobsSelector() {
  let last: (Required<VisibleJobsInput> & { result: JobView[] }) | null = null;
  return (state: VisibleJobsInput): JobView[] => {
    const input = { filter: 'all' as JobFilter, failures7d: {}, ...state };
    if (
      last &&
      last.jobs === input.jobs &&
      last.search === input.search &&
      last.sort === input.sort &&
      last.filter === input.filter &&
      last.failures7d === input.failures7d
    )
      return last.result;
    const result = visibleJobs(input);
    last = { ...input, result };
    return result;
  };
}
