/** Home: every job on one dense line each, virtualised so 10 000 jobs scroll like 10. */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { JobView } from '../../shared/model';
import { Empty, ErrorBox, Loading } from '../components/states';
import { useNow } from '../lib/use-now';
import { selectVisibleJobs } from '../store/app-store';
import { useAppStore } from '../store/store-context';
import type { JobFilter, SortOrder } from '../store/view';
import { SORT_ORDERS } from '../store/view';
import { isFailing, isUpkeep, matchesFilter } from '../store/visible-jobs';
import { JOB_COLUMNS, JobRow } from './job-row';
import { Welcome } from './welcome';

export const ROW_HEIGHT = 30;

const SORT_LABELS: Record<SortOrder, string> = {
  failing: 'failing first',
  failures: 'most failures (7 days)',
  last: 'last run',
  name: 'name',
  next: 'next run',
};

const FILTER_LABELS: Record<Exclude<JobFilter, `tag:${string}`>, string> = {
  all: 'all jobs',
  failing: 'failing',
  overdue: 'overdue',
  running: 'running',
  paused: 'paused',
  disabled: 'disabled',
};

export function JobsView() {
  const jobsState = useAppStore((state) => state.jobsState);
  const jobsError = useAppStore((state) => state.jobsError);
  const jobs = useAppStore((state) => state.jobs);
  const load = useAppStore((state) => state.load);
  const ownJobs = jobs.filter((job) => !isUpkeep(job)).length;

  return (
    <section className="view jobs-view" aria-labelledby="jobs-heading">
      <h1 id="jobs-heading" className="visually-hidden" tabIndex={-1}>
        Jobs
      </h1>
      {jobsState === 'loading' && jobs.length === 0 ? <Loading what="jobs" /> : null}
      {jobsState === 'error' && jobsError ? (
        <ErrorBox title="Could not load the jobs" error={jobsError} onRetry={() => void load()} />
      ) : null}
      {jobsState === 'ready' && ownJobs === 0 ? <Welcome /> : null}
      {ownJobs > 0 ? (
        <>
          <JobsToolbar />
          <JobTable />
        </>
      ) : null}
      <Upkeep jobs={jobs} />
    </section>
  );
}

function JobsToolbar() {
  const search = useAppStore((state) => state.search);
  const sort = useAppStore((state) => state.sort);
  const filter = useAppStore((state) => state.filter);
  const setSearch = useAppStore((state) => state.setSearch);
  const setSort = useAppStore((state) => state.setSort);
  const setFilter = useAppStore((state) => state.setFilter);
  const navigate = useAppStore((state) => state.navigate);
  const shown = useAppStore((state) => selectVisibleJobs(state).length);
  const jobs = useAppStore((state) => state.jobs);
  const own = useMemo(() => jobs.filter((job) => !isUpkeep(job)), [jobs]);
  const count = (name: JobFilter) => own.filter((job) => matchesFilter(job, name)).length;
  const failing = own.filter(isFailing).length;
  const tags = useMemo(() => [...new Set(own.flatMap((job) => job.tags))].sort(), [own]);
  return (
    <div className="toolbar jobs-toolbar">
      <input
        id="job-search"
        type="search"
        className="search"
        placeholder="Search name, command, tag, status   /"
        aria-label="Search jobs by name, id, tag, command or status"
        value={search}
        onChange={(event) => setSearch(event.target.value)}
      />
      <button
        type="button"
        className={`filter-toggle${failing > 0 ? ' has-failing' : ''}`}
        aria-pressed={filter === 'failing'}
        onClick={() => setFilter(filter === 'failing' ? 'all' : 'failing')}
      >
        Failing ({failing})
      </button>
      <select
        value={filter}
        onChange={(event) => setFilter(event.target.value as JobFilter)}
        aria-label="Show"
        title="Show only some jobs"
      >
        {(Object.keys(FILTER_LABELS) as Array<keyof typeof FILTER_LABELS>).map((name) => (
          <option key={name} value={name}>
            {name === 'all' ? 'Show all jobs' : `${FILTER_LABELS[name]} (${count(name)})`}
          </option>
        ))}
        {tags.map((tag) => (
          <option key={tag} value={`tag:${tag}`}>
            tag {tag} ({count(`tag:${tag}`)})
          </option>
        ))}
      </select>
      <select value={sort} onChange={(event) => setSort(event.target.value as SortOrder)} aria-label="Sort jobs by">
        {SORT_ORDERS.map((order) => (
          <option key={order} value={order}>
            Sort: {SORT_LABELS[order]}
          </option>
        ))}
      </select>
      <span className="muted count" aria-live="polite">
        {shown === own.length ? `${own.length} job${own.length === 1 ? '' : 's'}` : `${shown} of ${own.length} jobs`}
      </span>
      <span className="spacer" />
      <button type="button" className="import-button" onClick={() => navigate({ name: 'editor', mode: 'import' })}>
        Import…
      </button>
      <button type="button" className="primary" onClick={() => navigate({ name: 'editor', mode: 'form' })}>
        + New job
      </button>
    </div>
  );
}

function JobTable() {
  const jobs = useAppStore(selectVisibleJobs);
  const selectedJobId = useAppStore((state) => state.selectedJobId);
  const navigate = useAppStore((state) => state.navigate);
  const failures7d = useAppStore((state) => state.failures7d);
  const pausedAll = useAppStore((state) =>
    state.status?.pausedAll ? (state.status.pausedAllUntil ?? null) : undefined,
  );
  const now = useNow();
  const scrollRef = useRef<HTMLDivElement>(null);
  // Stable callbacks matter: the virtualiser recomputes every row's offset whenever one of them changes identity.
  const getItemKey = useCallback((index: number) => jobs[index]?.id ?? index, [jobs]);
  const getScrollElement = useCallback(() => scrollRef.current, []);
  const estimateSize = useCallback(() => ROW_HEIGHT, []);
  const virtualizer = useVirtualizer({ count: jobs.length, getScrollElement, estimateSize, overscan: 8, getItemKey });

  // Keep the keyboard selection in sight.
  const selectedIndex = selectedJobId ? jobs.findIndex((job) => job.id === selectedJobId) : -1;
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  const open = useCallback((id: string) => navigate({ name: 'job', jobId: id }), [navigate]);

  if (jobs.length === 0) {
    return (
      <Empty title="No job matches">
        <p>
          Search looks at names, ids, tags, commands and status words (failed, paused…); <code>tag:backup</code> matches
          one tag exactly.
        </p>
      </Empty>
    );
  }

  return (
    <div className="job-table" role="table" aria-label="Jobs" aria-rowcount={jobs.length + 1}>
      <div role="rowgroup" className="job-head">
        <div role="row" aria-rowindex={1} className="job-header">
          {JOB_COLUMNS.map((column) => (
            <span key={column} role="columnheader" className={`cell cell-${columnClass(column)}`}>
              {column === 'On' || column === 'Actions' ? (
                <span className="visually-hidden">{column}</span>
              ) : column === 'Fails 7 d' ? (
                <span title="Failed or timed-out runs in the last 7 days">
                  Fails<span className="visually-hidden"> 7 d</span>
                </span>
              ) : (
                column
              )}
            </span>
          ))}
        </div>
      </div>
      <div ref={scrollRef} className="job-scroll" data-testid="job-scroll" role="rowgroup">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const job = jobs[item.index]!;
            return (
              <JobRow
                key={item.key}
                job={job}
                now={now}
                selected={job.id === selectedJobId}
                onOpen={open}
                top={item.start}
                height={ROW_HEIGHT}
                rowIndex={item.index + 2}
                failures7d={failures7d[job.id] ?? 0}
                pausedAll={pausedAll}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}

function columnClass(column: (typeof JOB_COLUMNS)[number]): string {
  return {
    On: 'toggle',
    Job: 'name',
    Schedule: 'schedule',
    'Next run': 'next',
    'Last run': 'last',
    'Fails 7 d': 'fails',
    'Last 20': 'strip',
    Actions: 'action',
  }[column];
}

/** Cronbar's own jobs (its database backup, history pruning), apart from the admin's and folded by default. */
function Upkeep({ jobs }: { jobs: readonly JobView[] }) {
  const upkeep = jobs.filter(isUpkeep);
  const navigate = useAppStore((state) => state.navigate);
  const failures7d = useAppStore((state) => state.failures7d);
  const now = useNow();
  if (upkeep.length === 0) return null;
  const failing = upkeep.filter(isFailing).length;
  return (
    <details className="upkeep">
      <summary>
        Cronbar’s own upkeep: {upkeep.length} job{upkeep.length === 1 ? '' : 's'},{' '}
        {failing > 0 ? <strong className="fail-text">{failing} failing</strong> : 'all fine'}
      </summary>
      <div className="job-table upkeep-table" role="table" aria-label="Cronbar’s own upkeep">
        <div role="rowgroup">
          {upkeep.map((job, index) => (
            <JobRow
              key={job.id}
              job={job}
              now={now}
              selected={false}
              onOpen={(id) => navigate({ name: 'job', jobId: id })}
              height={ROW_HEIGHT}
              rowIndex={index + 1}
              failures7d={failures7d[job.id] ?? 0}
              pausedAll={undefined}
            />
          ))}
        </div>
      </div>
    </details>
  );
}
