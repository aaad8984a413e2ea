import { type CSSProperties, memo } from 'react';
import type { JobView } from '../../shared/model';
import { EnabledToggle } from '../components/enabled-toggle';
import { JobActionsMenu, RunOrStopButton } from '../components/job-actions';
import { RunStrip } from '../components/run-strip';
import { StatusBadge } from '../components/status-badge';
import { scheduleWords } from '../components/trigger-facts';
import { OverdueBadge, SlowBadge } from '../components/monitor-badges';
import { formatCountdown, formatDuration, formatWhen, runDuration } from '../lib/format';

/** The columns of the jobs table, in order: the header and every row share them. */
export const JOB_COLUMNS = [
  'On',
  'Job',
  'Schedule',
  'Next run',
  'Last run',
  'Fails 7 d',
  'Last 20',
  'Actions',
] as const;

/** `pausedAll`: the end of "pause all" while it is on (null: until resumed), undefined when it is off. */
function NextFire({ job, now, pausedAll }: { job: JobView; now: number; pausedAll: number | null | undefined }) {
  if (!job.enabled) return <span className="muted">disabled</span>;
  if (job.paused || pausedAll !== undefined) {
    // Held by its own pause and by "pause all": it starts again when the later of the two ends.
    const ends = [job.paused ? job.pausedUntil : undefined, pausedAll].filter((end) => end !== undefined);
    const until = ends.includes(null) ? null : Math.max(...(ends as number[]));
    return (
      <span className="paused-text">paused {until !== null ? `until ${formatWhen(until, now)}` : 'until resumed'}</span>
    );
  }
  if (job.nextFireAt === null) return <span className="muted">no next run</span>;
  return (
    <>
      <time dateTime={new Date(job.nextFireAt).toISOString()}>{formatWhen(job.nextFireAt, now)}</time>
      <span className="countdown">{formatCountdown(job.nextFireAt, now)}</span>
    </>
  );
}

function LastResult({ job, now }: { job: JobView; now: number }) {
  if (job.runningRunIds.length > 0) return <StatusBadge status="running" />;
  const run = job.lastRun;
  if (!run) return <span className="muted">never ran</span>;
  const duration = runDuration(run, now);
  const detail =
    run.status === 'failed' && run.exitCode !== null
      ? `exit ${run.exitCode}`
      : duration !== null
        ? formatDuration(duration)
        : null;
  return <StatusBadge status={run.status} detail={detail} />;
}

/**
 * One line of the jobs table (an ARIA table: each cell is read with its column's name), placed at `top` px when
 * virtualised. Props are plain values so the memo holds while scrolling: only rows entering the window render.
 */
export const JobRow = memo(function JobRow({
  job,
  now,
  selected,
  onOpen,
  top,
  height,
  rowIndex,
  failures7d,
  pausedAll,
}: {
  job: JobView;
  now: number;
  selected: boolean;
  onOpen: (id: string) => void;
  /** Omitted: the row flows in a plain (not virtualised) table. */
  top?: number;
  height: number;
  /** 1-based, counting the header row, for screen readers in a virtualised table. */
  rowIndex: number;
  failures7d: number;
  pausedAll: number | null | undefined;
}) {
  const style: CSSProperties =
    top === undefined ? { height } : { transform: `translateY(${top}px)`, height, position: 'absolute' };
  return (
    <div
      role="row"
      aria-rowindex={rowIndex}
      className={`job-row${selected ? ' selected' : ''}${job.enabled ? '' : ' disabled'}${job.overdue ? ' overdue' : ''}`}
      aria-current={selected ? 'true' : undefined}
      data-job-id={job.id}
      style={style}
      onClick={() => onOpen(job.id)}
    >
      <span role="cell" className="cell cell-toggle">
        <EnabledToggle job={job} />
      </span>
      <span role="rowheader" className="cell cell-name" title={`${job.name} — ${job.actionSummary}`}>
        <button type="button" className="link job-name" onClick={() => onOpen(job.id)}>
          {job.name}
        </button>
        <OverdueBadge job={job} />
        <SlowBadge job={job} />
        {job.tags.map((tag) => (
          <span key={tag} className="tag">
            {tag}
          </span>
        ))}
      </span>
      <span role="cell" className="cell cell-schedule" title={job.schedule.text || scheduleWords(job)}>
        {scheduleWords(job)}
      </span>
      <span role="cell" className="cell cell-next">
        <NextFire job={job} now={now} pausedAll={pausedAll} />
      </span>
      <span role="cell" className="cell cell-last">
        <LastResult job={job} now={now} />
        {job.failureStreak > 1 ? (
          <span className="streak" title={`${job.failureStreak} failures in a row`}>
            {job.failureStreak}×
          </span>
        ) : null}
      </span>
      <span role="cell" className={`cell cell-fails num${failures7d > 0 ? ' has-failures' : ''}`}>
        {failures7d > 0 ? failures7d : <span className="muted">0</span>}
      </span>
      <span role="cell" className="cell cell-strip">
        <RunStrip runs={job.recentStatuses} />
      </span>
      <span role="cell" className="cell cell-action">
        <RunOrStopButton job={job} compact />
        <JobActionsMenu job={job} />
      </span>
    </div>
  );
});
