/** One job: what it does, when it runs next (in its zone and ours), its history, and the log of a run. */
import { useCallback, useEffect, useState } from 'react';
import type { JobView, RunRecord } from '../../shared/model';
import { EnabledToggle } from '../components/enabled-toggle';
import { RunNowButton } from '../components/run-now-button';
import { ErrorBox, Loading } from '../components/states';
import { unwrap } from '../lib/api-error';
import { formatDuration } from '../lib/format';
import { useApiCall } from '../lib/use-api-call';
import { useApi, useAppStore } from '../store/store-context';
import { HistoryTable } from './history-table';
import { NextFires } from './next-fires';
import { RunLog } from './run-log';
import { DurationChart } from './monitor/duration-chart';
import { OverdueBanner } from './monitor/overdue-banner';

export function JobDetailView({ jobId, runId }: { jobId: string; runId?: number }) {
  const api = useApi();
  const navigate = useAppStore((state) => state.navigate);
  const showError = useAppStore((state) => state.showError);
  // The list's copy updates live from events; the detail call adds the source and the next 10 fires.
  const listed = useAppStore((state) => state.jobs.find((job) => job.id === jobId) ?? null);
  const detail = useApiCall(() => api.getJob({ id: jobId }), jobId);
  const [statsToken, setStatsToken] = useState(0);
  const stats = useApiCall(() => api.durationStats({ id: jobId }), `${jobId}:${statsToken}`);
  const downtime = useApiCall(() => api.downtime({}), `downtime:${jobId}`);
  const [refreshToken, setRefreshToken] = useState(0);
  const [selectedRun, setSelectedRun] = useState<RunRecord | null>(null);
  const { reload } = detail;

  useEffect(() => {
    setSelectedRun(null);
    if (runId === undefined) return;
    unwrap(api.getRun({ runId })).then(setSelectedRun, (error: unknown) =>
      showError(error, `Could not open run #${runId}`),
    );
  }, [api, jobId, runId, showError]);

  useEffect(() => {
    const onRun = (run: RunRecord) => {
      if (run.jobId !== jobId) return;
      setRefreshToken((value) => value + 1);
      if (run.finishedAt !== null) setStatsToken((value) => value + 1);
      reload();
      // A new run of the job the admin is looking at takes over the log pane (that is the "Run now" flow).
      setSelectedRun((current) =>
        current === null || current.id === run.id || current.finishedAt !== null ? run : current,
      );
    };
    const offQueued = api.on('run:queued', onRun);
    const offStarted = api.on('run:started', onRun);
    const offFinished = api.on('run:finished', onRun);
    const offChanged = api.on('jobs:changed', () => reload());
    return () => {
      offQueued();
      offStarted();
      offFinished();
      offChanged();
    };
  }, [api, jobId, reload]);

  const onFirstPage = useCallback((runs: RunRecord[]) => setSelectedRun((current) => current ?? runs[0] ?? null), []);

  if (detail.state === 'loading' && !detail.value) return <Loading what="the job" />;
  if (detail.state === 'error' && !detail.value) {
    return (
      <section className="view">
        <ErrorBox title={`Could not open job ${jobId}`} error={detail.error} onRetry={reload} />
      </section>
    );
  }
  if (!detail.value) return null;
  const job: JobView = listed ?? detail.value.job;

  const pauseOrResume = async () => {
    try {
      await unwrap(job.paused ? api.resumeJob({ id: job.id }) : api.pauseJob({ id: job.id, until: null }));
      reload();
    } catch (error) {
      showError(error, job.paused ? 'Could not resume the job' : 'Could not pause the job');
    }
  };

  return (
    <section className="view job-detail" aria-labelledby="job-title">
      <header className="detail-header">
        <div>
          <h1 id="job-title">{job.name}</h1>
          <p className="muted mono">{job.id}</p>
          {job.description ? <p className="description">{job.description}</p> : null}
        </div>
        <div className="button-row">
          <EnabledToggle job={job} />
          <button type="button" onClick={() => void pauseOrResume()}>
            {job.paused ? 'Resume' : 'Pause'}
          </button>
          <button type="button" onClick={() => navigate({ name: 'editor', mode: 'form', jobId: job.id })}>
            Edit
          </button>
          <RunNowButton job={job} />
        </div>
      </header>

      <OverdueBanner job={job} />
      <dl className="facts">
        <div>
          <dt>Schedule</dt>
          <dd title={job.schedule.text}>
            {job.schedule.description} <code>{job.schedule.text}</code>
          </dd>
        </div>
        <div>
          <dt>Action</dt>
          <dd>
            <code>{job.actionSummary}</code>
          </dd>
        </div>
        <div>
          <dt>Time zone</dt>
          <dd>{job.timezone}</dd>
        </div>
        <div>
          <dt>Timeout</dt>
          <dd>{formatDuration(job.timeoutMs)}</dd>
        </div>
        <div>
          <dt>Overlap</dt>
          <dd>{job.overlap}</dd>
        </div>
        <div>
          <dt>Catch-up</dt>
          <dd>{job.catchUp}</dd>
        </div>
        {job.tags.length > 0 ? (
          <div>
            <dt>Tags</dt>
            <dd>
              {job.tags.map((tag) => (
                <span key={tag} className="tag">
                  {tag}
                </span>
              ))}
            </dd>
          </div>
        ) : null}
      </dl>

      <div className="detail-grid">
        <section aria-labelledby="next-fires-heading">
          <h2 id="next-fires-heading">Next 10 runs</h2>
          <NextFires fires={detail.value.nextFires} timezone={job.timezone} />
        </section>
        <section aria-labelledby="history-heading" className="detail-history">
          <h2 id="history-heading">History</h2>
          <HistoryTable
            jobId={jobId}
            refreshToken={refreshToken}
            selectedRunId={selectedRun?.id ?? null}
            onSelect={setSelectedRun}
            onFirstPage={onFirstPage}
            medianMs={stats.value?.medianMs ?? null}
            downtime={downtime.value ?? []}
          />
        </section>
      </div>
      <section aria-labelledby="durations-heading" className="detail-durations">
        <h2 id="durations-heading">Durations</h2>
        {stats.value ? <DurationChart stats={stats.value} /> : <p className="muted">Loading durations…</p>}
      </section>
      {selectedRun ? <RunLog key={selectedRun.id} run={selectedRun} /> : null}
    </section>
  );
}
