/**
 * The job detail's duration chart: each recent run's duration over time (failed runs marked), the median of the last
 * 50 successful runs as a line, and the p95 beside it. From the durationStats contract method.
 */
import type { DurationStats } from '../../../shared/model';
import { formatDateTime, formatDuration } from '../../lib/format';

const WIDTH = 560;
const HEIGHT = 140;
const PAD = { left: 52, right: 8, top: 8, bottom: 18 };

export function DurationChart({ stats }: { stats: DurationStats }) {
  if (stats.runs.length === 0) return <p className="muted">No finished runs yet.</p>;
  const max = Math.max(...stats.runs.map((run) => run.durationMs), stats.medianMs ?? 0, 1);
  const first = stats.runs[0]!.startedAt;
  const last = stats.runs[stats.runs.length - 1]!.startedAt;
  const span = Math.max(1, last - first);
  const innerWidth = WIDTH - PAD.left - PAD.right;
  const innerHeight = HEIGHT - PAD.top - PAD.bottom;
  const x = (at: number) => PAD.left + (stats.runs.length === 1 ? innerWidth / 2 : ((at - first) / span) * innerWidth);
  const y = (ms: number) => PAD.top + innerHeight - (ms / max) * innerHeight;
  const slow = stats.runs.filter((run) => run.slow).length;
  const failed = stats.runs.filter((run) => run.status !== 'succeeded').length;
  const summary = `Durations of the last ${stats.runs.length} runs: median ${stats.medianMs === null ? 'unknown' : formatDuration(stats.medianMs)}, p95 ${stats.p95Ms === null ? 'unknown' : formatDuration(stats.p95Ms)} over ${stats.sampleSize} successful runs; ${failed} failed, ${slow} slow`;
  return (
    <figure className="duration-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-label={summary}>
        <line className="axis" x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={PAD.top + innerHeight} />
        <line
          className="axis"
          x1={PAD.left}
          x2={WIDTH - PAD.right}
          y1={PAD.top + innerHeight}
          y2={PAD.top + innerHeight}
        />
        <text className="axis-label" x={PAD.left - 4} y={PAD.top + 8} textAnchor="end">
          {formatDuration(max)}
        </text>
        <text className="axis-label" x={PAD.left - 4} y={PAD.top + innerHeight} textAnchor="end">
          0
        </text>
        <polyline
          className="duration-line"
          points={stats.runs.map((run) => `${x(run.startedAt)},${y(run.durationMs)}`).join(' ')}
        />
        {stats.medianMs !== null ? (
          <g className="median">
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(stats.medianMs)} y2={y(stats.medianMs)} />
            <text x={WIDTH - PAD.right} y={y(stats.medianMs) - 3} textAnchor="end">
              median {formatDuration(stats.medianMs)}
            </text>
          </g>
        ) : null}
        {stats.runs.map((run) => (
          <circle
            key={run.runId}
            className={`point${run.status === 'succeeded' ? '' : ' failed'}${run.slow ? ' slow' : ''}`}
            data-run-id={run.runId}
            cx={x(run.startedAt)}
            cy={y(run.durationMs)}
            r={run.status === 'succeeded' ? 3 : 4.5}
          >
            <title>{`#${run.runId} ${run.status}${run.slow ? ', slow' : ''} · ${formatDateTime(run.startedAt)} · ${formatDuration(run.durationMs)}`}</title>
          </circle>
        ))}
      </svg>
      <figcaption className="muted">
        median {stats.medianMs === null ? '—' : formatDuration(stats.medianMs)} · p95{' '}
        {stats.p95Ms === null ? '—' : formatDuration(stats.p95Ms)} ({stats.sampleSize} successful runs)
        {failed > 0 ? ` · ${failed} failed (red)` : ''}
        {slow > 0 ? ` · ${slow} slow (over 3× the median)` : ''}
      </figcaption>
    </figure>
  );
}
