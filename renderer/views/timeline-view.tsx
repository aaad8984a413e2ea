/** The past 24 h of runs and the next 24 h of fires, one row per job, with the spans nothing could run shaded. */
import { useEffect, useMemo, useState } from 'react';
import type { RunRecord, UpcomingFire } from '../../shared/model';
import { Empty, ErrorBox, Loading } from '../components/states';
import { toApiError, unwrap } from '../lib/api-error';
import { zonedParts } from '../../shared/zoned-time-parts';
import { formatDateTime, formatDuration } from '../lib/format';
import { STATUS_LABELS, statusClass } from '../lib/status';
import { useApiCall } from '../lib/use-api-call';
import { useApi, useAppStore } from '../store/store-context';
import { HOUR, buildTimelineRows, findGaps, type TimelineBar } from './timeline-model';

const LABEL_WIDTH = 200;
const CHART_WIDTH = 960;
const ROW_HEIGHT = 24;
const AXIS_HEIGHT = 24;
const MAX_PAGES = 10;

interface TimelineData {
  runs: RunRecord[];
  fires: UpcomingFire[];
  from: number;
  until: number;
  now: number;
}

export function TimelineView() {
  const api = useApi();
  const jobs = useAppStore((state) => state.jobs);
  const navigate = useAppStore((state) => state.navigate);
  const [token, setToken] = useState(0);
  const data = useApiCall(
    async () => {
      const now = Date.now();
      const from = now - 24 * HOUR;
      const until = now + 24 * HOUR;
      try {
        const runs: RunRecord[] = [];
        let before: number | undefined;
        for (let page = 0; page < MAX_PAGES; page++) {
          const result = await unwrap(api.history({ since: from, limit: 1000, ...(before ? { before } : {}) }));
          runs.push(...result.runs);
          if (!result.nextBefore) break;
          before = result.nextBefore;
        }
        const fires = await unwrap(api.upcoming({ count: 500, from: now, until }));
        return { ok: true as const, value: { runs, fires, from, until, now } satisfies TimelineData };
      } catch (error) {
        // Keep the API's own code and placed issues, not just its message.
        return { ok: false as const, error: toApiError(error) };
      }
    },
    'timeline',
  );
  const { reload } = data;

  // Runs finishing change the chart; reload at most once per few seconds by batching through a token.
  useEffect(() => {
    const bump = () => setToken((value) => value + 1);
    const offs = [api.on('run:finished', bump), api.on('jobs:changed', bump)];
    return () => offs.forEach((off) => off());
  }, [api]);
  useEffect(() => {
    if (token === 0) return;
    const timer = setTimeout(reload, 2000);
    return () => clearTimeout(timer);
  }, [token, reload]);

  if (data.state === 'loading' && !data.value) return <Loading what="the timeline" />;
  if (data.state === 'error' && !data.value) return <ErrorBox title="Could not load the timeline" error={data.error} onRetry={reload} />;
  if (!data.value) return null;
  return (
    <section className="view timeline-view" aria-labelledby="timeline-heading">
      <div className="toolbar">
        <h1 id="timeline-heading">Timeline</h1>
        <span className="muted">past 24 h of runs · next 24 h of fires</span>
        <span className="spacer" />
        <Legend />
      </div>
      <TimelineChart data={data.value} jobs={jobs} onOpen={(bar) => navigate({ name: 'job', jobId: bar.run.jobId, runId: bar.runId })} />
    </section>
  );
}

/** Short axis labels: the day's name at midnight, the hour otherwise (full dates would collide at this width). */
function axisLabel(at: number): string {
  const parts = zonedParts(at);
  return parts.hour === 0 ? parts.weekday : `${String(parts.hour).padStart(2, '0')}:00`;
}

function Legend() {
  return (
    <span className="legend" aria-label="Legend">
      {(['succeeded', 'failed', 'timed-out', 'skipped', 'missed', 'running'] as const).map((status) => (
        <span key={status} className="legend-item">
          <span className={`swatch ${statusClass(status)}`} aria-hidden="true" /> {STATUS_LABELS[status]}
        </span>
      ))}
      <span className="legend-item">
        <span className="swatch fire" aria-hidden="true" /> next fire
      </span>
      <span className="legend-item">
        <span className="swatch gap" aria-hidden="true" /> not running / asleep
      </span>
    </span>
  );
}

function TimelineChart({ data, jobs, onOpen }: { data: TimelineData; jobs: Parameters<typeof buildTimelineRows>[0]; onOpen: (bar: TimelineBar) => void }) {
  const rows = useMemo(() => buildTimelineRows(jobs, data.runs, data.fires, data.now), [jobs, data]);
  const gaps = useMemo(() => findGaps(data.runs), [data.runs]);
  const [hover, setHover] = useState<string | null>(null);
  if (rows.length === 0) return <Empty title="Nothing ran in the past 24 hours and nothing is due in the next 24." />;

  const span = data.until - data.from;
  const x = (at: number) => LABEL_WIDTH + ((Math.min(Math.max(at, data.from), data.until) - data.from) / span) * CHART_WIDTH;
  const height = AXIS_HEIGHT + rows.length * ROW_HEIGHT;
  const ticks: number[] = [];
  const firstTick = Math.ceil(data.from / (3 * HOUR)) * 3 * HOUR;
  for (let at = firstTick; at <= data.until; at += 3 * HOUR) ticks.push(at);
  const failed = data.runs.filter((run) => run.status === 'failed' || run.status === 'timed-out').length;

  return (
    <div className="timeline">
      <svg
        viewBox={`0 0 ${LABEL_WIDTH + CHART_WIDTH + 8} ${height}`}
        width="100%"
        role="img"
        aria-label={`Timeline of ${rows.length} jobs: ${data.runs.length} runs in the past 24 hours (${failed} failed), ${data.fires.length} fires in the next 24 hours, ${gaps.length} gaps`}
        onMouseLeave={() => setHover(null)}
      >
        {ticks.map((at) => (
          <g key={at} className="tick-mark">
            <line x1={x(at)} x2={x(at)} y1={AXIS_HEIGHT - 4} y2={height} />
            <text x={x(at)} y={AXIS_HEIGHT - 8} textAnchor="middle">
              {axisLabel(at)}
            </text>
          </g>
        ))}
        {gaps.map((gap) => (
          <rect
            key={gap.start}
            className="gap"
            x={x(gap.start)}
            y={AXIS_HEIGHT}
            width={Math.max(2, x(gap.end) - x(gap.start))}
            height={rows.length * ROW_HEIGHT}
            onMouseEnter={() => setHover(`Not running or asleep: ${formatDateTime(gap.start)} → ${formatDateTime(gap.end)}`)}
          />
        ))}
        {rows.map((row, index) => {
          const y = AXIS_HEIGHT + index * ROW_HEIGHT;
          return (
            <g key={row.jobId} className="timeline-row">
              <rect className="row-band" x={0} y={y} width={LABEL_WIDTH + CHART_WIDTH} height={ROW_HEIGHT} />
              <text className="row-label" x={8} y={y + ROW_HEIGHT / 2 + 4}>
                {row.name.length > 26 ? `${row.name.slice(0, 25)}…` : row.name}
              </text>
              {row.bars.map((bar) => (
                <rect
                  key={bar.runId}
                  className={`bar ${statusClass(bar.status)}`}
                  x={x(bar.start)}
                  y={y + 5}
                  width={Math.max(3, x(bar.end) - x(bar.start))}
                  height={ROW_HEIGHT - 10}
                  rx={2}
                  onMouseEnter={() =>
                    setHover(
                      `${row.name} · run #${bar.runId} ${STATUS_LABELS[bar.status]} · ${formatDateTime(bar.start)}${bar.end > bar.start ? ` · ${formatDuration(bar.end - bar.start)}` : ''}${bar.run.reason ? ` · ${bar.run.reason}` : ''}`,
                    )
                  }
                  onClick={() => onOpen(bar)}
                />
              ))}
              {row.fires.map((at) => (
                <path
                  key={at}
                  className="fire"
                  d={`M ${x(at)} ${y + 6} l 5 6 l -5 6 l -5 -6 z`}
                  onMouseEnter={() => setHover(`${row.name} · next fire ${formatDateTime(at)}`)}
                />
              ))}
            </g>
          );
        })}
        <line className="now-line" x1={x(data.now)} x2={x(data.now)} y1={AXIS_HEIGHT - 4} y2={height} />
      </svg>
      <p className="timeline-hover" aria-live="polite">
        {hover ?? 'Hover a bar for details; click a run to open it.'}
      </p>
    </div>
  );
}
