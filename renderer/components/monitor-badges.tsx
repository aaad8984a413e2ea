/** Badges for the silent failures: an overdue job, a slow run, a check's state (with "runs elsewhere"). */
import type { CheckState, JobView } from '../../shared/model';

const CHECK_TONES: Record<CheckState, string> = {
  new: 'tone-info',
  up: 'tone-ok',
  late: 'tone-warn',
  down: 'tone-fail',
};

export function OverdueBadge({ job }: { job: JobView }) {
  if (!job.overdue) return null;
  return (
    <span className="badge tone-fail overdue-badge" title={job.overdue.reason}>
      overdue
    </span>
  );
}

export function SlowBadge({ job }: { job: JobView }) {
  if (!job.slowRunIds || job.slowRunIds.length === 0) return null;
  return (
    <span className="badge tone-warn" title="Still running past its warnAfter">
      slow
    </span>
  );
}

export function CheckStateBadge({ state }: { state: CheckState }) {
  return <span className={`badge ${CHECK_TONES[state]} check-state`}>{state}</span>;
}

export function RunsElsewhere() {
  return (
    <span
      className="badge tone-info runs-elsewhere"
      title="Cronbar does not run this job; it expects pings (cronbar ping / exec)"
    >
      runs elsewhere
    </span>
  );
}
