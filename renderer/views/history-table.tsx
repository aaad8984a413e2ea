/** A job's runs, newest first, one page at a time (the API pages by run id). */
import { useEffect, useState } from 'react';
import type { RunRecord } from '../../shared/model';
import { ErrorBox, Loading } from '../components/states';
import { StatusBadge } from '../components/status-badge';
import type { DowntimeSpan } from '../../shared/model';
import { isSlowDuration } from '../../shared/slow-run';
import { downtimeAt } from './monitor/downtime-text';
import { formatDateTime, formatDuration, formatSpan, runDuration, runLateness } from '../lib/format';
import { useApiCall } from '../lib/use-api-call';
import { useApi } from '../store/store-context';

export const HISTORY_PAGE_SIZE = 25;

export function HistoryTable({
  jobId,
  refreshToken,
  selectedRunId,
  onSelect,
  onFirstPage,
  medianMs,
  downtime = [],
}: {
  jobId: string;
  /** Changes when a run of this job starts or finishes, to reload the page. */
  refreshToken: number;
  selectedRunId: number | null;
  onSelect: (run: RunRecord) => void;
  onFirstPage?: (runs: RunRecord[]) => void;
  /** The job's median duration: a run over 3× it (and over 10 s) is marked slow. */
  medianMs?: number | null;
  /** Recorded downtime: a missed run inside a span says why. */
  downtime?: readonly DowntimeSpan[];
}) {
  const api = useApi();
  // Cursors of the pages before this one, so "Newer" can go back.
  const [cursors, setCursors] = useState<Array<number | undefined>>([undefined]);
  const before = cursors[cursors.length - 1];
  const page = useApiCall(
    () => api.history({ jobId, limit: HISTORY_PAGE_SIZE, ...(before ? { before } : {}) }),
    `${jobId}:${before ?? ''}`,
  );
  const { reload } = page;

  useEffect(() => {
    if (refreshToken > 0) reload();
  }, [refreshToken, reload]);

  useEffect(() => setCursors([undefined]), [jobId]);

  const runs = page.value?.runs ?? null;
  useEffect(() => {
    if (runs && before === undefined) onFirstPage?.(runs);
  }, [runs, before, onFirstPage]);

  if (page.state === 'loading' && !runs) return <Loading what="history" />;
  if (page.state === 'error' && !runs)
    return <ErrorBox title="Could not load the history" error={page.error} onRetry={reload} />;
  if (!runs) return null;

  return (
    <div className="history">
      {page.state === 'error' ? (
        <ErrorBox title="Could not refresh the history" error={page.error} onRetry={reload} />
      ) : null}
      {runs.length === 0 ? (
        <p className="muted">No runs yet. Run now, or wait for the next fire.</p>
      ) : (
        <table className="table history-table">
          <caption className="visually-hidden">Run history, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Status</th>
              <th scope="col">Trigger</th>
              <th scope="col">Scheduled</th>
              <th scope="col">Started</th>
              <th scope="col" className="num">
                Duration
              </th>
              <th scope="col" className="num">
                Exit
              </th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <HistoryRow
                key={run.id}
                run={run}
                selected={run.id === selectedRunId}
                onSelect={onSelect}
                medianMs={medianMs}
                downtime={downtime}
              />
            ))}
          </tbody>
        </table>
      )}
      <div className="pager">
        <button type="button" disabled={cursors.length <= 1} onClick={() => setCursors((list) => list.slice(0, -1))}>
          ← Newer
        </button>
        <span className="muted">Page {cursors.length}</span>
        <button
          type="button"
          disabled={!page.value?.nextBefore}
          onClick={() => page.value?.nextBefore && setCursors((list) => [...list, page.value!.nextBefore!])}
        >
          Older →
        </button>
      </div>
    </div>
  );
}

function HistoryRow({
  run,
  selected,
  onSelect,
  medianMs,
  downtime,
}: {
  run: RunRecord;
  selected: boolean;
  onSelect: (run: RunRecord) => void;
  medianMs?: number | null | undefined;
  downtime: readonly DowntimeSpan[];
}) {
  const duration = runDuration(run);
  const slow = run.status !== 'running' && duration !== null && isSlowDuration(duration, medianMs);
  const away = run.status === 'missed' ? downtimeAt(downtime, run.scheduledFor) : null;
  const lateness = runLateness(run);
  return (
    <tr className={selected ? 'selected' : undefined} data-run-id={run.id}>
      <td>
        <button
          type="button"
          className="link mono"
          onClick={() => onSelect(run)}
          aria-label={`Show the log of run ${run.id}`}
        >
          #{run.id}
        </button>
      </td>
      <td>
        <StatusBadge status={run.status} />
      </td>
      <td>
        {run.trigger}
        {run.attempt > 1 ? <span className="muted"> (try {run.attempt})</span> : null}
      </td>
      <td className="mono">
        {run.scheduledFor !== null ? formatDateTime(run.scheduledFor) : <span className="muted">—</span>}
      </td>
      <td className="mono">
        {run.startedAt !== null ? formatDateTime(run.startedAt) : <span className="muted">—</span>}
        {lateness !== null && lateness >= 1000 ? <span className="late"> +{formatSpan(lateness)} late</span> : null}
      </td>
      <td className="num mono">
        {duration !== null ? formatDuration(duration) : run.status === 'running' ? '…' : '—'}
        {slow ? (
          <span className="badge tone-warn slow-badge" title="Over 3× the median duration">
            slow
          </span>
        ) : null}
      </td>
      <td className="num mono">{run.exitCode ?? (run.signal ? run.signal : '—')}</td>
      <td className="reason">
        {run.reason ?? ''}
        {away ? <span className="sub downtime-note">{away}</span> : null}
      </td>
    </tr>
  );
}
