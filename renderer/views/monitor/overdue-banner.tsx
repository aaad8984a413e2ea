/** The job detail's note when the job is overdue (its last success is older than its `expect:`) or has slow runs. */
import type { JobView } from '../../../shared/model';
import { formatDuration, formatWhen } from '../../lib/format';
import { useNow } from '../../lib/use-now';

export function OverdueBanner({ job }: { job: JobView }) {
  const now = useNow();
  const slow = job.slowRunIds?.length ?? 0;
  if (!job.overdue && slow === 0) return null;
  return (
    <div className="banner tone-fail overdue-banner" role="status">
      {job.overdue ? (
        <p>
          <strong>Overdue</strong> since {formatWhen(job.overdue.since, now)}: {job.overdue.reason}. Last success:{' '}
          {job.overdue.lastSuccessAt === null ? 'never' : formatWhen(job.overdue.lastSuccessAt, now)}
          {job.expectSucceededWithinMs ? ` (expected within ${formatDuration(job.expectSucceededWithinMs)})` : ''}.
        </p>
      ) : null}
      {slow > 0 ? (
        <p>
          {slow === 1 ? 'A run is' : `${slow} runs are`} still going past the job's warnAfter
          {job.warnAfterMs ? ` (${formatDuration(job.warnAfterMs)})` : ''}.
        </p>
      ) : null}
    </div>
  );
}
