/**
 * The past and next 24 h, 3 days or week: runs as bars, every upcoming fire as ticks counted per quarter hour by the
 * core (fireDensity), one row per job, optionally one tag's jobs; the spans nothing could run shaded; a day × hour
 * heatmap below. The chart keeps 20 px an hour and scrolls sideways.
 */
import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import type { FireDensity } from '../../shared/api/timeline-methods';
import type { DowntimeSpan, RunRecord } from '../../shared/model';
import { TimelineHeatmap } from './timeline-heatmap';
import {
  FIRE_BUCKET_MS,
  PX_PER_HOUR,
  TIMELINE_RANGES,
  type TimelineRangeId,
  fireTicks,
  rangeOf,
  tickPath,
} from './timeline-range';
import { type CheckRow, CheckRows, DowntimeRects, OverdueBand } from './monitor/timeline-extras';
import { Empty, ErrorBox, Loading } from '../components/states';
import { toApiError, unwrap } from '../lib/api-error';
import { zonedParts } from '../../shared/zoned-time-parts';
import { formatDateTime, formatDuration } from '../lib/format';
import { STATUS_LABELS, failureSummary, statusClass } from '../lib/status';
import { useApiCall } from '../lib/use-api-call';
import { useApi, useAppStore } from '../store/store-context';
import {
  HOUR,
  buildTimelineRows,
  findGaps,
  type TimelineBar,
  type TimelineMark,
  type TimelineRow,
} from './timeline-model';
import { type MarkPosition, initialPosition, movePosition } from './timeline-navigation';

const LABEL_WIDTH = 200;
const ROW_HEIGHT = 24;
const AXIS_HEIGHT = 24;
const MAX_PAGES = 10;

interface TimelineData {
  runs: RunRecord[];
  /** Every fire from now to `until`, counted per job and quarter hour. */
  density: FireDensity;
  rangeLabel: string;
  /** Recorded downtime and the checks (jobs that run elsewhere) with their pings in the window. */
  downtime: DowntimeSpan[];
  checks: CheckRow[];
  from: number;
  until: number;
  now: number;
}

export function TimelineView() {
  const api = useApi();
  const jobs = useAppStore((state) => state.jobs);
  const navigate = useAppStore((state) => state.navigate);
  const [token, setToken] = useState(0);
  const [rangeId, setRangeId] = useState<TimelineRangeId>('24h');
  const [tag, setTag] = useState('');
  const tags = useMemo(() => [...new Set(jobs.flatMap((job) => job.tags))].sort(), [jobs]);
  const range = rangeOf(rangeId);
  const data = useApiCall(async () => {
    const now = Date.now();
    const from = now - range.ms;
    const until = now + range.ms;
    const taggedJobs = tag ? new Set(jobs.filter((job) => job.tags.includes(tag)).map((job) => job.id)) : null;
    try {
      const runs: RunRecord[] = [];
      let before: number | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const result = await unwrap(api.history({ since: from, limit: 1000, ...(before ? { before } : {}) }));
        runs.push(...(taggedJobs ? result.runs.filter((run) => taggedJobs.has(run.jobId)) : result.runs));
        if (!result.nextBefore) break;
        before = result.nextBefore;
      }
      // Quarter hours aligned to the clock, so each bucket falls in one hour of the heatmap.
      const bucketFrom = Math.floor(now / FIRE_BUCKET_MS) * FIRE_BUCKET_MS;
      const density = await unwrap(
        api.fireDensity({ from: bucketFrom, to: until, bucketMs: FIRE_BUCKET_MS, ...(tag ? { tag } : {}) }),
      );
      const downtime = await unwrap(api.downtime({ since: from, until: now }));
      const checkViews = await unwrap(api.listChecks({}));
      // One call per check, for the first 50: the timeline is for reading, not for a thousand rows of pings.
      const checks = await Promise.all(
        checkViews.slice(0, 50).map(async (check) => ({
          check,
          pings: (await unwrap(api.getCheck({ id: check.id, pingLimit: 200 }))).pings.filter((ping) => ping.at >= from),
        })),
      );
      const rangeLabel = range.id === '24h' ? '24 hours' : range.label.toLowerCase();
      const value = { runs, density, rangeLabel, downtime, checks: tag ? [] : checks, from, until, now };
      return { ok: true as const, value: value satisfies TimelineData };
    } catch (error) {
      // Keep the API's own code and placed issues, not just its message.
      return { ok: false as const, error: toApiError(error) };
    }
  }, `timeline-${rangeId}-${tag}`);
  const { reload } = data;

  // Runs finishing change the chart; reload at most once per few seconds by batching through a token.
  useEffect(() => {
    const bump = () => setToken((value) => value + 1);
    const offs = [
      api.on('run:finished', bump),
      api.on('jobs:changed', bump),
      api.on('check:changed', bump),
      api.on('job:overdue', bump),
    ];
    return () => offs.forEach((off) => off());
  }, [api]);
  useEffect(() => {
    if (token === 0) return;
    const timer = setTimeout(reload, 2000);
    return () => clearTimeout(timer);
  }, [token, reload]);

  if (data.state === 'loading' && !data.value) return <Loading what="the timeline" />;
  if (data.state === 'error' && !data.value)
    return <ErrorBox title="Could not load the timeline" error={data.error} onRetry={reload} />;
  if (!data.value) return null;
  return (
    <section className="view timeline-view" aria-labelledby="timeline-heading">
      <div className="toolbar">
        <h1 id="timeline-heading">Timeline</h1>
        <span className="muted">
          past {data.value.rangeLabel} of runs · next {data.value.rangeLabel} of fires
        </span>
        <span className="spacer" />
        <RangePicker value={rangeId} onChange={setRangeId} />
        {tags.length > 0 ? (
          <label className="timeline-tag">
            Tag{' '}
            <select value={tag} onChange={(event) => setTag(event.target.value)}>
              <option value="">All jobs</option>
              {tags.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      <Legend />
      <TimelineChart
        data={data.value}
        jobs={jobs}
        onOpen={(bar) => navigate({ name: 'job', jobId: bar.run.jobId, runId: bar.runId })}
      />
      <TimelineHeatmap runs={data.value.runs} density={data.value.density} />
    </section>
  );
}

function RangePicker({ value, onChange }: { value: TimelineRangeId; onChange: (id: TimelineRangeId) => void }) {
  return (
    <div className="segmented" role="group" aria-label="Range">
      {TIMELINE_RANGES.map((range) => (
        <button
          key={range.id}
          type="button"
          aria-pressed={range.id === value}
          className={range.id === value ? 'active' : ''}
          onClick={() => onChange(range.id)}
        >
          {range.label}
        </button>
      ))}
    </div>
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
      <span className="legend-item">
        <span className="swatch downtime" aria-hidden="true" /> recorded downtime
      </span>
      <span className="legend-item">
        <span className="swatch overdue-band" aria-hidden="true" /> overdue / down
      </span>
    </span>
  );
}

/** The card text for a mark, which is also its accessible name: what a pointer sees on hover, the keyboard hears on focus. */
function describeMark(row: TimelineRow, mark: TimelineMark): string {
  if (mark.kind === 'fire')
    return `${row.name} · ${mark.count ?? 1} upcoming fires · the first in the quarter hour from ${formatDateTime(mark.at)}`;
  const { bar } = mark;
  const duration = bar.end > bar.start ? ` · ${formatDuration(bar.end - bar.start)}` : '';
  return `${row.name} · run #${bar.runId} ${STATUS_LABELS[bar.status]} · ${formatDateTime(bar.start)}${duration}${bar.run.reason ? ` · ${bar.run.reason}` : ''}`;
}

const CHART_HINT =
  'Hover or focus a bar for details; click it or press Enter to open the run. Arrow keys move between marks.';

function TimelineChart({
  data,
  jobs,
  onOpen,
}: {
  data: TimelineData;
  jobs: Parameters<typeof buildTimelineRows>[0];
  onOpen: (bar: TimelineBar) => void;
}) {
  const ticks = useMemo(() => fireTicks(data.density), [data.density]);
  const fireTotals = useMemo(() => new Map(data.density.jobs.map((job) => [job.jobId, job.total])), [data.density]);
  const rows = useMemo(() => {
    const built = buildTimelineRows(jobs, data.runs, [], data.now);
    const present = new Set(built.map((row) => row.jobId));
    for (const job of data.density.jobs)
      if (!present.has(job.jobId)) built.push({ jobId: job.jobId, name: job.name, marks: [] });
    // One keyboard stop for a row's upcoming fires, after its runs: the ticks are counts, not separate marks.
    for (const row of built) {
      const first = ticks.get(row.jobId)?.[0];
      if (first)
        row.marks.push({ kind: 'fire', key: `fires-${row.jobId}`, at: first.at, count: fireTotals.get(row.jobId) });
    }
    return built.sort((a, b) => a.name.localeCompare(b.name));
  }, [jobs, data, ticks, fireTotals]);
  const scroller = useRef<HTMLDivElement>(null);
  const chartWidth = ((data.until - data.from) / HOUR) * PX_PER_HOUR;
  // Open on now, between what ran and what comes, whatever the range.
  useEffect(() => {
    const element = scroller.current;
    if (element) element.scrollLeft = Math.max(0, LABEL_WIDTH + chartWidth / 2 - element.clientWidth / 2);
  }, [chartWidth]);
  const gaps = useMemo(() => findGaps(data.runs), [data.runs]);
  const [hover, setHover] = useState<string | null>(null);
  // The one mark in the tab order, by key so it survives a reload that adds or drops marks around it.
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const markElements = useRef(new Map<string, SVGElement>());
  const overdueSince = useMemo(
    () => new Map(jobs.filter((job) => job.overdue).map((job) => [job.id, job.overdue!.since])),
    [jobs],
  );
  if (rows.length === 0 && data.checks.length === 0)
    return (
      <Empty title={`Nothing ran in the past ${data.rangeLabel} and nothing is due in the next ${data.rangeLabel}.`} />
    );

  const positionOf = (key: string | null): MarkPosition | null => {
    for (const [row, entry] of rows.entries()) {
      const index = entry.marks.findIndex((mark) => mark.key === key);
      if (index >= 0) return { row, index };
    }
    return initialPosition(rows, data.now);
  };
  const active = positionOf(activeKey);
  const tabStop = active ? rows[active.row]!.marks[active.index]!.key : null;

  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    const current = positionOf(activeKey);
    if (!current) return;
    const mark = rows[current.row]!.marks[current.index]!;
    if ((event.key === 'Enter' || event.key === ' ') && mark.kind === 'run') {
      event.preventDefault();
      onOpen(mark.bar);
      return;
    }
    const next = movePosition(rows, current, event.key);
    if (!next) return;
    event.preventDefault();
    const target = rows[next.row]!.marks[next.index]!;
    setActiveKey(target.key);
    markElements.current.get(target.key)?.focus();
  };
  const markProps = (row: TimelineRow, mark: TimelineMark) => {
    const text = describeMark(row, mark);
    return {
      'aria-label': text,
      tabIndex: mark.key === tabStop ? 0 : -1,
      ref: (element: SVGElement | null) => {
        if (element) markElements.current.set(mark.key, element);
        else markElements.current.delete(mark.key);
      },
      onMouseEnter: () => setHover(text),
      onFocus: () => {
        setActiveKey(mark.key);
        setHover(text);
      },
      onBlur: () => setHover(null),
    };
  };

  const span = data.until - data.from;
  const x = (at: number) =>
    LABEL_WIDTH + ((Math.min(Math.max(at, data.from), data.until) - data.from) / span) * chartWidth;
  const checkTop = AXIS_HEIGHT + rows.length * ROW_HEIGHT;
  const height = checkTop + data.checks.length * ROW_HEIGHT;
  const axisTicks: number[] = [];
  const firstTick = Math.ceil(data.from / (3 * HOUR)) * 3 * HOUR;
  for (let at = firstTick; at <= data.until; at += 3 * HOUR) axisTicks.push(at);
  const fullWidth = LABEL_WIDTH + chartWidth + 8;

  return (
    <div className="timeline">
      <div
        className="timeline-scroll"
        ref={scroller}
        tabIndex={0}
        role="region"
        aria-label={`Timeline chart, ${data.rangeLabel} each side of now; scroll sideways`}
      >
        <StickyLabels rows={rows} checks={data.checks} height={height} overdue={overdueSince} />
        {/* A group, not an image: an image's children are hidden from assistive technology, and these are controls. */}
        <svg
          viewBox={`0 0 ${fullWidth} ${height}`}
          width={fullWidth}
          height={height}
          role="group"
          aria-label={`Timeline of ${rows.length} jobs${data.checks.length > 0 ? ` and ${data.checks.length} checks` : ''}: ${data.runs.length} runs in the past ${data.rangeLabel} (${failureSummary(data.runs.map((run) => run.status))}), ${data.density.total} fires in the next ${data.rangeLabel}, ${gaps.length} gaps${data.downtime.length > 0 ? `, ${data.downtime.length} recorded downtime spans` : ''}`}
          aria-describedby="timeline-hint"
          onMouseLeave={() => setHover(null)}
          onKeyDown={onKeyDown}
        >
          {/* Row backgrounds first, so the downtime band and the marks are drawn over them. */}
          <g aria-hidden="true">
            {rows.map((row, index) => (
              <g key={row.jobId} className="timeline-row">
                <rect
                  className="row-band"
                  x={0}
                  y={AXIS_HEIGHT + index * ROW_HEIGHT}
                  width={LABEL_WIDTH + chartWidth}
                  height={ROW_HEIGHT}
                />
              </g>
            ))}
          </g>
          <g aria-hidden="true">
            {axisTicks.map((at) => (
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
                onMouseEnter={() =>
                  setHover(`Not running or asleep: ${formatDateTime(gap.start)} → ${formatDateTime(gap.end)}`)
                }
              />
            ))}
            <DowntimeRects
              spans={data.downtime}
              x={x}
              top={AXIS_HEIGHT}
              height={height - AXIS_HEIGHT}
              onHover={setHover}
            />
          </g>
          {rows.map((row, index) => {
            const y = AXIS_HEIGHT + index * ROW_HEIGHT;
            return (
              <g key={row.jobId} className="timeline-row">
                {overdueSince.has(row.jobId) ? (
                  <OverdueBand since={overdueSince.get(row.jobId)!} now={data.now} y={y} height={ROW_HEIGHT} x={x} />
                ) : null}
                {/* Every mark's name starts with the job's, so the label is for the eye only. */}
                <text className="row-label" x={8} y={y + ROW_HEIGHT / 2 + 4} aria-hidden="true">
                  {overdueSince.has(row.jobId) ? '⚠ ' : ''}
                  {row.name.length > 26 ? `${row.name.slice(0, 25)}…` : row.name}
                </text>
                {row.marks.map((mark) =>
                  mark.kind === 'run' ? (
                    <rect
                      key={mark.key}
                      {...markProps(row, mark)}
                      role="button"
                      className={`bar ${statusClass(mark.bar.status)}`}
                      x={x(mark.bar.start)}
                      y={y + 5}
                      width={Math.max(3, x(mark.bar.end) - x(mark.bar.start))}
                      height={ROW_HEIGHT - 10}
                      rx={2}
                      onClick={() => onOpen(mark.bar)}
                    />
                  ) : (
                    <path
                      key={mark.key}
                      {...markProps(row, mark)}
                      role="img"
                      className="fire-ticks"
                      d={tickPath(ticks.get(row.jobId) ?? [], x, y + 5, ROW_HEIGHT - 10)}
                    />
                  ),
                )}
              </g>
            );
          })}
          <CheckRows
            rows={data.checks}
            x={x}
            top={checkTop}
            rowHeight={ROW_HEIGHT}
            width={LABEL_WIDTH + chartWidth}
            now={data.now}
            onHover={setHover}
          />
          <line
            className="now-line"
            x1={x(data.now)}
            x2={x(data.now)}
            y1={AXIS_HEIGHT - 4}
            y2={height}
            aria-hidden="true"
          />
        </svg>
      </div>
      <p className="timeline-hover">{hover ?? CHART_HINT}</p>
      <p id="timeline-hint" className="visually-hidden">
        {CHART_HINT}
      </p>
    </div>
  );
}

const shortLabel = (text: string) => (text.length > 26 ? `${text.slice(0, 25)}…` : text);

/**
 * The row names again, in a column that stays at the left edge while the chart scrolls (CSS sticky), over the chart's
 * own label column. For the eye only: every mark's accessible name starts with its job's name.
 */
function StickyLabels(props: {
  rows: readonly TimelineRow[];
  checks: readonly CheckRow[];
  height: number;
  overdue: ReadonlyMap<string, number>;
}) {
  const { rows, checks, height, overdue } = props;
  const labels = [
    ...rows.map((row) => `${overdue.has(row.jobId) ? '⚠ ' : ''}${row.name}`),
    ...checks.map(({ check }) => `${check.name} (runs elsewhere)`),
  ];
  return (
    <svg className="timeline-labels" aria-hidden="true" width={LABEL_WIDTH} height={height}>
      {labels.map((label, index) => {
        const y = AXIS_HEIGHT + index * ROW_HEIGHT;
        return (
          <g key={index} className={index % 2 === 1 ? 'label-even' : undefined}>
            <rect className="label-band" x={0} y={y} width={LABEL_WIDTH} height={ROW_HEIGHT} />
            <text className="row-label" x={8} y={y + ROW_HEIGHT / 2 + 4}>
              {shortLabel(label)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
