/**
 * The live output of a run started from the list, in a drawer at the bottom of the window: the admin sees it where
 * they clicked, streaming, with Stop while it runs and a way to the job's page.
 */
import { useEffect, useState } from 'react';
import type { RunRecord } from '../../shared/model';
import { unwrap } from '../lib/api-error';
import { useApi, useAppStore } from '../store/store-context';
import { RunLog } from './run-log';

export function RunDrawer() {
  const api = useApi();
  const runId = useAppStore((state) => state.drawerRunId);
  const openDrawer = useAppStore((state) => state.openDrawer);
  const cancelRun = useAppStore((state) => state.cancelRun);
  const navigate = useAppStore((state) => state.navigate);
  const showError = useAppStore((state) => state.showError);
  const [run, setRun] = useState<RunRecord | null>(null);
  const jobName = useAppStore((state) =>
    run === null ? null : (state.jobs.find((job) => job.id === run.jobId)?.name ?? run.jobId),
  );

  useEffect(() => {
    setRun(null);
    if (runId === null) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The engine hands out a run's id a moment before it writes the row: ask again briefly before giving up.
    const fetchRun = (attempt: number) =>
      unwrap(api.getRun({ runId })).then(
        (found) => !cancelled && setRun((current) => current ?? found),
        (error: unknown) => {
          if (cancelled) return;
          if (attempt < 20) timer = setTimeout(() => fetchRun(attempt + 1), 100);
          else showError(error, `Could not open run #${runId}`);
        },
      );
    void fetchRun(0);
    const onRun = (next: RunRecord) => {
      if (next.id === runId) setRun(next);
    };
    const offs = [api.on('run:queued', onRun), api.on('run:started', onRun), api.on('run:finished', onRun)];
    return () => {
      cancelled = true;
      clearTimeout(timer);
      offs.forEach((off) => off());
    };
  }, [api, runId, showError]);

  if (runId === null || run === null) return null;
  const live = run.status === 'running' || run.status === 'queued';
  return (
    <aside className="run-drawer" aria-label={`Run #${run.id} of ${jobName}`}>
      <div className="run-drawer-bar">
        <strong>{jobName}</strong>
        <span className="spacer" />
        {live ? (
          <button type="button" className="stop-run" onClick={() => void cancelRun(run.id)}>
            ■ Stop
          </button>
        ) : null}
        <button
          type="button"
          onClick={() => {
            openDrawer(null);
            navigate({ name: 'job', jobId: run.jobId, runId: run.id });
          }}
        >
          Open the job
        </button>
        <button type="button" aria-label="Close the output" onClick={() => openDrawer(null)}>
          ✕
        </button>
      </div>
      <RunLog key={run.id} run={run} />
    </aside>
  );
}
