/** One job: what it does, when it runs next (in its zone and ours), its history, and the log of a run. */
import { useCallback, useEffect, useState } from 'react';
import type { JobView, RunRecord } from '../../shared/model';
import { ChainFacts } from '../components/chain-links';
import { TriggerFacts } from '../components/trigger-facts';
import { EnabledToggle } from '../components/enabled-toggle';
import { DISABLED_VS_PAUSED, PauseControl, RunOrStopButton, useDeleteJob } from '../components/job-actions';
import { ErrorBox, Loading } from '../components/states';
import { StatusBadge } from '../components/status-badge';
import { unwrap } from '../lib/api-error';
import { formatDuration, formatWhen } from '../lib/format';
import { pauseEndText } from '../lib/pause-choices';
import { runStory } from '../lib/run-story';
import { isFailing } from '../store/visible-jobs';
import { useApiCall } from '../lib/use-api-call';
import { useApi, useAppStore } from '../store/store-context';
import { HistoryTable } from './history-table';
import { NextFires } from './next-fires';
import { RunLog } from './run-log';
import { DurationChart } from './monitor/duration-chart';
import { OverdueBanner } from './monitor/overdue-banner';

export function JobDetailView({ jobId, runId }: { jobId: string; runId?: number }) {
  const api = useApi();
  const showError = useAppStore((state) => state.showError);
  // The list's copy updates live from events; the detail call adds the source and the next 10 fires.
  const listed = useAppStore((state) => state.jobs.find((job) => job.id === jobId) ?? null);
  const detail = useApiCall(() => api.getJob({ id: jobId }), jobId);
  const [statsToken, setStatsToken] = useState(0);
  const stats = useApiCall(() => api.durationStats({ id: jobId }), `${jobId}:${statsToken}`);
  const downtime = useApiCall(() => api.downtime({ since: Date.now() - 31 * 86_400_000 }), `downtime:${jobId}`);
  const [refreshToken, setRefreshToken] = useState(0);
  const recent = useApiCall(() => api.history({ jobId, limit: 10 }), `recent:${jobId}:${refreshToken}`);
  const [selectedRun, setSelectedRun] = useState<RunRecord | null>(null);
  // A run started while the admin looks at this page (or opened by its id) shows its log at the top, where they are.
  const [logOnTop, setLogOnTop] = useState(runId !== undefined);
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
      if (run.finishedAt === null) setLogOnTop(true);
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
  const log = selectedRun ? <RunLog key={selectedRun.id} run={selectedRun} /> : null;

  return (
    <section className="view job-detail" aria-labelledby="job-title">
      <header className="detail-header">
        <div>
          <h1 id="job-title" tabIndex={-1}>
            {job.name}
          </h1>
          <p className="muted mono">{job.id}</p>
          {job.description ? <p className="description">{job.description}</p> : null}
        </div>
        <JobPageActions job={job} />
      </header>
      <p className="hint state-line">
        {job.enabled ? 'Enabled' : 'Disabled'} in the jobs file
        {job.paused ? `; paused ${pauseEndText(job.pausedUntil, Date.now())} (not in the file)` : '; not paused'}.{' '}
        <span className="muted">{DISABLED_VS_PAUSED}</span>
      </p>

      {logOnTop ? log : null}
      <OverdueBanner job={job} />
      <dl className="facts">
        <div>
          <dt>Schedule</dt>
          <dd title={job.schedule.text}>
            {job.schedule.description} <code>{job.schedule.text}</code>
          </dd>
        </div>
        <TriggerFacts job={job} />
        <ChainFacts job={job} />
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
        <section aria-labelledby="recent-heading" className="recent-runs">
          <h2 id="recent-heading">Last 10 runs</h2>
          {recent.value ? (
            recent.value.runs.length === 0 ? (
              <p className="muted">No runs yet.</p>
            ) : (
              <ol className="recent-list">
                {recent.value.runs.map((run) => (
                  <li key={run.id} className={run.id === selectedRun?.id ? 'selected' : undefined}>
                    <button
                      type="button"
                      className="link recent-run"
                      onClick={() => setSelectedRun(run)}
                      aria-label={`Run #${run.id}: ${runStory(run, downtime.value ?? [])}`}
                    >
                      <StatusBadge status={run.status} />
                      <span className="when">{formatWhen(run.scheduledFor ?? run.createdAt, Date.now())}</span>
                      <span className="story">{runStory(run, downtime.value ?? [])}</span>
                    </button>
                  </li>
                ))}
              </ol>
            )
          ) : (
            <Loading what="the last runs" />
          )}
        </section>
        <section aria-labelledby="next-fires-heading">
          <h2 id="next-fires-heading">Next 10 runs</h2>
          <NextFires
            fires={detail.value.nextFires}
            timezone={job.timezone}
            unscheduled={job.schedule.kind === 'none'}
          />
        </section>
      </div>
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
      {logOnTop ? null : log}
      <section aria-labelledby="durations-heading" className="detail-durations">
        <h2 id="durations-heading">Durations</h2>
        {stats.value ? <DurationChart stats={stats.value} /> : <p className="muted">Loading durations…</p>}
      </section>
    </section>
  );
}

/** Run or Stop, Retry, Pause with an end, Enable/Disable, Edit, Duplicate, Delete. */
function JobPageActions({ job }: { job: JobView }) {
  const navigate = useAppStore((state) => state.navigate);
  const runNow = useAppStore((state) => state.runNow);
  const duplicateJob = useAppStore((state) => state.duplicateJob);
  const remove = useDeleteJob(job);
  return (
    <div className="button-row">
      <label className="inline-label" title={DISABLED_VS_PAUSED}>
        <EnabledToggle job={job} /> {job.enabled ? 'Enabled' : 'Disabled'}
      </label>
      <PauseControl job={job} />
      <button type="button" onClick={() => navigate({ name: 'editor', mode: 'form', jobId: job.id })}>
        Edit
      </button>
      <button
        type="button"
        onClick={() =>
          void duplicateJob(job.id).then((id) => id && navigate({ name: 'editor', mode: 'form', jobId: id }))
        }
      >
        Duplicate
      </button>
      <button type="button" className="danger-text" onClick={remove.ask}>
        Delete…
      </button>
      {isFailing(job) && job.runningRunIds.length === 0 ? (
        <button type="button" disabled={!job.canRunNow} onClick={() => void runNow(job.id)}>
          Retry
        </button>
      ) : null}
      <RunOrStopButton job={job} />
      {remove.dialog}
    </div>
  );
}
