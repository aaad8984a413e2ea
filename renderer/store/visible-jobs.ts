import type { JobView } from '../../shared/model';
import type { SortOrder } from './view';

/** Matches a search against the job's name, id and tags (`tag:backup` limits to tags). */
export function matchesSearch(job: JobView, search: string): boolean {
  const terms = search.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return terms.every((term) => {
    if (term.startsWith('tag:')) return job.tags.some((tag) => tag.toLowerCase() === term.slice(4));
    return (
      job.name.toLowerCase().includes(term) ||
      job.id.toLowerCase().includes(term) ||
      job.tags.some((tag) => tag.toLowerCase().includes(term))
    );
  });
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

export function visibleJobs(jobs: readonly JobView[], search: string, sort: SortOrder, overdueOnly = false): JobView[] {
  const matching = search.trim() ? jobs.filter((job) => matchesSearch(job, search)) : [...jobs];
  const filtered = overdueOnly ? matching.filter((job) => job.overdue) : matching;
  return filtered.sort(sort === 'name' ? byName : byNextFire);
}

/** Memoised on the inputs' identity: the list re-sorts only when the jobs, the search or the order change. */
export function createVisibleJobsSelector() {
  let last: {
    jobs: readonly JobView[];
    search: string;
    sort: SortOrder;
    overdueOnly: boolean;
    result: JobView[];
  } | null = null;
  return (state: { jobs: readonly JobView[]; search: string; sort: SortOrder; overdueOnly?: boolean }): JobView[] => {
    const overdueOnly = state.overdueOnly ?? false;
    if (
      last &&
      last.jobs === state.jobs &&
      last.search === state.search &&
      last.sort === state.sort &&
      last.overdueOnly === overdueOnly
    )
      return last.result;
    const result = visibleJobs(state.jobs, state.search, state.sort, overdueOnly);
    last = { jobs: state.jobs, search: state.search, sort: state.sort, overdueOnly, result };
    return result;
  };
}
