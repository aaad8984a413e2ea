/** A job's runs, newest first, one page at a time (the API pages by run id). */
import { useEffect, useState } from 'react';
import type { RunRecord, RunStatus } from '../../shared/model';
import { ErrorBox, Loading } from '../components/states';
import { ParentRunLink } from '../components/chain-links';
import { StatusBadge } from '../components/status-badge';
import type { DowntimeSpan } from '../../shared/model';
import { isSlowDuration } from '../../shared/slow-run';
import { formatDateTime, formatDuration, formatSpan, runDuration, runLateness } from '../lib/format';
import { runStory } from '../lib/run-story';
import { useApiCall } from '../lib/use-api-call';
import { useApi } from '../store/store-context';

export const HISTORY_PAGE_SIZE = 25;

/** The history's status filter: each choice names the statuses it keeps. */
export const STATUS_FILTERS: Record<string, { label: string; statuses?: RunStatus[] }> = {
  all: { label: 'All statuses' },
  problems: { label: 'Failed or timed out', statuses: ['failed', 'timed-out'] },
  succeeded: { label: 'OK', statuses: ['succeeded'] },
  'not-run': { label: 'Missed or skipped', statuses: ['missed', 'skipped'] },
  interrupted: { label: 'Interrupted', statuses: ['interrupted'] },
};

export const TIME_RANGES: Record<string, { label: string; ms?: number }> = {
  all: { label: 'Any time' },
  day: { label: 'Last 24 h', ms: 86_400_000 },
  week: { label: 'Last 7 days', ms: 7 * 86_400_000 },
  month: { label: 'Last 30 days', ms: 30 * 86_400_000 },
};

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
  const [statusFilter, setStatusFilter] = useState('all');
  const [range, setRange] = useState('all');
  const before = cursors[cursors.length - 1];
  const statuses = STATUS_FILTERS[statusFilter]?.statuses;
  const rangeMs = TIME_RANGES[range]?.ms;
  // The range is fixed when chosen, so paging does not slide it.
  const [rangeFrom, setRangeFrom] = useState<number | undefined>(undefined);
  const page = useApiCall(
    () =>
      api.history({
        jobId,
        limit: HISTORY_PAGE_SIZE,
        ...(before ? { before } : {}),
        ...(statuses ? { statuses } : {}),
        ...(rangeFrom !== undefined ? { since: rangeFrom } : {}),
      }),
    `${jobId}:${before ?? ''}:${statusFilter}:${rangeFrom ?? ''}`,
  );
  const { reload } = page;

  useEffect(() => {
    if (refreshToken > 0) reload();
  }, [refreshToken, reload]);

  useEffect(() => setCursors([undefined]), [jobId]);
  useEffect(() => {
    setCursors([undefined]);
    setRangeFrom(rangeMs === undefined ? undefined : Date.now() - rangeMs);
  }, [range, rangeMs, statusFilter]);

  const runs = page.value?.runs ?? null;
  const filtered = statusFilter !== 'all' || range !== 'all';
  useEffect(() => {
    if (runs && before === undefined && !filtered) onFirstPage?.(runs);
  }, [runs, before, onFirstPage, filtered]);

  if (page.state === 'loading' && !runs) return <Loading what="history" />;
  if (page.state === 'error' && !runs)
    return <ErrorBox title="Could not load the history" error={page.error} onRetry={reload} />;
  if (!runs) return null;

  return (
    <div className="history">
      <div className="history-filters">
        <select
          aria-label="Show runs with status"
          value={statusFilter}
          onChange={(event) => setStatusFilter(event.target.value)}
        >
          {Object.entries(STATUS_FILTERS).map(([key, entry]) => (
            <option key={key} value={key}>
              {entry.label}
            </option>
          ))}
        </select>
        <select aria-label="Show runs from" value={range} onChange={(event) => setRange(event.target.value)}>
          {Object.entries(TIME_RANGES).map(([key, entry]) => (
            <option key={key} value={key}>
              {entry.label}
            </option>
          ))}
        </select>
      </div>
      {page.state === 'error' ? (
        <ErrorBox title="Could not refresh the history" error={page.error} onRetry={reload} />
      ) : null}
      {runs.length === 0 ? (
        <p className="muted">
          {filtered ? 'No run matches these filters.' : 'No runs yet. Run now, or wait for the next fire.'}
        </p>
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
  const lateness = runLateness(run);
  return (
    <>
      <tr className={`run-line${selected ? ' selected' : ''}`} data-run-id={run.id}>
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
          <StatusBadge
            status={run.status}
            detail={run.exitCode !== null && run.exitCode !== 0 ? `exit ${run.exitCode}` : run.signal}
          />
        </td>
        <td>
          {run.trigger}
          {run.attempt > 1 ? <span className="muted"> (try {run.attempt})</span> : null}
          <ParentRunLink run={run} />
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
      </tr>
      {/* The story spans the table's width: a long reason wraps across it, never in a narrow column. */}
      <tr className={`story-row${selected ? ' selected' : ''}`} data-story-of={run.id}>
        <td colSpan={6} className="story">
          {runStory(run, downtime)}
          {run.reason &&
          run.reason !== `exited with code ${run.exitCode}` &&
          !runStory(run, downtime).includes(run.reason) ? (
            <span className="reason"> · {run.reason}</span>
          ) : null}
        </td>
      </tr>
    </>
  );
}
