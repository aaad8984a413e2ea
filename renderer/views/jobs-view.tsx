/** Home: every job, virtualised so 10 000 jobs scroll like 10. */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef } from 'react';
import { Empty, ErrorBox, Loading } from '../components/states';
import { useNow } from '../lib/use-now';
import { selectVisibleJobs } from '../store/app-store';
import { useAppStore } from '../store/store-context';
import { JobRow } from './job-row';
import { ChecksList } from './monitor/checks-list';

export const ROW_HEIGHT = 52;

export function JobsView() {
  const jobsState = useAppStore((state) => state.jobsState);
  const jobsError = useAppStore((state) => state.jobsError);
  const jobCount = useAppStore((state) => state.jobs.length);
  const load = useAppStore((state) => state.load);
  const navigate = useAppStore((state) => state.navigate);

  return (
    <section className="view jobs-view" aria-labelledby="jobs-heading">
      <h1 id="jobs-heading" className="visually-hidden">
        Jobs
      </h1>
      <JobsToolbar />
      {jobsState === 'loading' && jobCount === 0 ? <Loading what="jobs" /> : null}
      {jobsState === 'error' && jobsError ? (
        <ErrorBox title="Could not load the jobs" error={jobsError} onRetry={() => void load()} />
      ) : null}
      {jobsState === 'ready' && jobCount === 0 ? (
        <Empty title="No jobs yet">
          <p>Add one from a template, or write it in the jobs file.</p>
          <div className="button-row">
            <button type="button" className="primary" onClick={() => navigate({ name: 'editor', mode: 'form' })}>
              Add a job
            </button>
            <button type="button" onClick={() => navigate({ name: 'editor', mode: 'yaml' })}>
              Open the jobs file
            </button>
          </div>
        </Empty>
      ) : null}
      {jobCount > 0 ? <JobList /> : null}
      <JobsChecks />
    </section>
  );
}

function JobsToolbar() {
  const search = useAppStore((state) => state.search);
  const sort = useAppStore((state) => state.sort);
  const setSearch = useAppStore((state) => state.setSearch);
  const setSort = useAppStore((state) => state.setSort);
  const navigate = useAppStore((state) => state.navigate);
  const shown = useAppStore((state) => selectVisibleJobs(state).length);
  const total = useAppStore((state) => state.jobs.length);
  const overdueOnly = useAppStore((state) => state.overdueOnly);
  const setOverdueOnly = useAppStore((state) => state.setOverdueOnly);
  const overdueCount = useAppStore((state) => state.jobs.filter((job) => job.overdue).length);
  return (
    <div className="toolbar">
      <input
        id="job-search"
        type="search"
        className="search"
        placeholder="Search by name or tag   /"
        aria-label="Search jobs by name or tag"
        value={search}
        onChange={(event) => setSearch(event.target.value)}
      />
      <label className="inline-label">
        Sort
        <select
          value={sort}
          onChange={(event) => setSort(event.target.value === 'name' ? 'name' : 'next')}
          aria-label="Sort jobs"
        >
          <option value="next">by next run</option>
          <option value="name">by name</option>
        </select>
      </label>
      <button
        type="button"
        className={`filter-toggle${overdueCount > 0 ? ' has-overdue' : ''}`}
        aria-pressed={overdueOnly}
        onClick={() => setOverdueOnly(!overdueOnly)}
      >
        Overdue only ({overdueCount})
      </button>
      <span className="muted count" aria-live="polite">
        {shown === total ? `${total} job${total === 1 ? '' : 's'}` : `${shown} of ${total} jobs`}
      </span>
      <span className="spacer" />
      <button type="button" className="primary" onClick={() => navigate({ name: 'editor', mode: 'form' })}>
        + New job
      </button>
    </div>
  );
}

function JobList() {
  const jobs = useAppStore(selectVisibleJobs);
  const selectedJobId = useAppStore((state) => state.selectedJobId);
  const navigate = useAppStore((state) => state.navigate);
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
      <Empty title="No job matches the search">
        <p>Search looks at names, ids and tags; `tag:backup` matches one tag exactly.</p>
      </Empty>
    );
  }

  return (
    <div className="job-table">
      <div className="job-header" aria-hidden="true">
        <span className="cell cell-toggle">On</span>
        <span className="cell cell-name">Job</span>
        <span className="cell cell-schedule">Schedule</span>
        <span className="cell cell-next">Next run</span>
        <span className="cell cell-last">Last run</span>
        <span className="cell cell-strip">Last 20</span>
        <span className="cell cell-action" />
      </div>
      <div ref={scrollRef} className="job-scroll" data-testid="job-scroll">
        <div role="list" aria-label="Jobs" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
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
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}

/** The checks beside the jobs: they are jobs too, only they run elsewhere. */
function JobsChecks() {
  const checks = useAppStore((state) => state.checks);
  const now = useNow();
  return <ChecksList checks={checks} now={now} heading="Checks" />;
}
