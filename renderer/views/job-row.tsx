import { type CSSProperties, memo } from 'react';
import type { JobView } from '../../shared/model';
import { EnabledToggle } from '../components/enabled-toggle';
import { RunNowButton } from '../components/run-now-button';
import { RunStrip } from '../components/run-strip';
import { StatusBadge } from '../components/status-badge';
import { OverdueBadge, SlowBadge } from '../components/monitor-badges';
import { formatCountdown, formatDuration, formatWhen, runDuration } from '../lib/format';

function NextFire({ job, now }: { job: JobView; now: number }) {
  if (!job.enabled) return <span className="muted">disabled</span>;
  if (job.paused)
    return <span className="muted">paused{job.pausedUntil ? ` until ${formatWhen(job.pausedUntil, now)}` : ''}</span>;
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
 * One row of the virtualised list, placed at `top` px. Props are plain values so the memo holds while scrolling: only
 * rows entering the window render (a style object built by the parent was new every frame and re-rendered them all).
 */
export const JobRow = memo(function JobRow({
  job,
  now,
  selected,
  onOpen,
  top,
  height,
}: {
  job: JobView;
  now: number;
  selected: boolean;
  onOpen: (id: string) => void;
  top: number;
  height: number;
}) {
  const style: CSSProperties = { transform: `translateY(${top}px)`, height };
  return (
    <div
      role="listitem"
      className={`job-row${selected ? ' selected' : ''}${job.enabled ? '' : ' disabled'}${job.overdue ? ' overdue' : ''}`}
      aria-current={selected ? 'true' : undefined}
      data-job-id={job.id}
      style={style}
      onClick={() => onOpen(job.id)}
    >
      <span className="cell cell-toggle">
        <EnabledToggle job={job} />
      </span>
      <span className="cell cell-name">
        <button type="button" className="link job-name" onClick={() => onOpen(job.id)}>
          {job.name}
        </button>
        <span className="row-badges">
          <OverdueBadge job={job} />
          <SlowBadge job={job} />
        </span>
        <span className="sub">
          {job.tags.map((tag) => (
            <span key={tag} className="tag">
              {tag}
            </span>
          ))}
          <span className="summary">{job.actionSummary}</span>
        </span>
      </span>
      <span className="cell cell-schedule" title={job.schedule.text}>
        {job.schedule.description}
        <span className="sub mono">{job.schedule.text}</span>
      </span>
      <span className="cell cell-next">
        <NextFire job={job} now={now} />
      </span>
      <span className="cell cell-last">
        <LastResult job={job} now={now} />
        {job.failureStreak > 1 ? <span className="streak">{job.failureStreak}× in a row</span> : null}
      </span>
      <span className="cell cell-strip">
        <RunStrip runs={job.recentStatuses} />
      </span>
      <span className="cell cell-action">
        <RunNowButton job={job} compact />
      </span>
    </div>
  );
});
