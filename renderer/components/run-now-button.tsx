import type { JobView } from '../../shared/model';
import { useAppStore } from '../store/store-context';

/** Spins while the job runs; disabled when its overlap policy would refuse another run. */
export function RunNowButton({ job, compact = false }: { job: JobView; compact?: boolean }) {
  const runNow = useAppStore((state) => state.runNow);
  const starting = useAppStore((state) => Boolean(state.starting[job.id]));
  const running = job.runningRunIds.length > 0;
  const blocked = !job.canRunNow;
  const title = blocked
    ? `Already running and the overlap policy is ${job.overlap}`
    : running
      ? 'Running; another run follows the overlap policy'
      : 'Run this job now';
  return (
    <button
      type="button"
      className={`run-now${compact ? ' compact' : ''}`}
      onClick={(event) => {
        event.stopPropagation();
        void runNow(job.id);
      }}
      disabled={blocked || starting}
      aria-label={`Run ${job.name} now`}
      title={title}
      aria-busy={running || starting}
    >
      {running || starting ? <span className="spinner" aria-hidden="true" /> : <span aria-hidden="true">▶</span>}
      {compact ? null : <span>{running ? 'Running' : 'Run now'}</span>}
    </button>
  );
}
