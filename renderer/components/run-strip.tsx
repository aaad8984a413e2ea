import type { JobView } from '../../shared/model';
import { STATUS_LABELS, failureSummary, statusClass } from '../lib/status';

/** The last 20 finished runs as small coloured ticks, oldest on the left. */
export function RunStrip({ runs }: { runs: JobView['recentStatuses'] }) {
  const label =
    runs.length === 0
      ? 'No finished runs yet'
      : `Last ${runs.length} runs: ${failureSummary(runs.map((run) => run.status))}`;
  return (
    <span className="run-strip" role="img" aria-label={label} title={label}>
      {runs.map((run) => (
        <span
          key={run.runId}
          className={`tick ${statusClass(run.status)}`}
          title={`#${run.runId} ${STATUS_LABELS[run.status]}`}
        />
      ))}
    </span>
  );
}
