/**
 * The timeline's issue-12 layers: recorded downtime (sessions stopped or crashed, suspends) as shaded spans, an
 * overdue job's band from the moment it became overdue, and one row per check (runs elsewhere) with its pings and
 * its late/down span. SVG fragments drawn inside the TimelineChart's svg.
 */
import type { CheckView, DowntimeSpan, PingRecord } from '../../../shared/model';
import { formatDateTime } from '../../lib/format';

export interface CheckRow {
  check: CheckView;
  pings: PingRecord[];
}

const KIND_WORDS: Record<DowntimeSpan['kind'], string> = {
  suspend: 'Asleep',
  stopped: 'Cronbar stopped',
  crashed: 'Cronbar crashed',
  'clock-jump': 'Clock jump',
};

export function DowntimeRects({
  spans,
  x,
  top,
  height,
  onHover,
}: {
  spans: readonly DowntimeSpan[];
  x: (at: number) => number;
  top: number;
  height: number;
  onHover: (text: string) => void;
}) {
  return (
    <g aria-hidden="true">
      {spans.map((span) => (
        <rect
          key={`${span.kind}-${span.from}`}
          className={`downtime downtime-${span.kind}`}
          x={x(span.from)}
          y={top}
          width={Math.max(2, x(span.to) - x(span.from))}
          height={height}
          onMouseEnter={() =>
            onHover(
              `${KIND_WORDS[span.kind]}: ${formatDateTime(span.from)} → ${formatDateTime(span.to)}${span.reason ? ` · ${span.reason}` : ''}`,
            )
          }
        />
      ))}
    </g>
  );
}

export function OverdueBand({
  since,
  now,
  y,
  height,
  x,
}: {
  since: number;
  now: number;
  y: number;
  height: number;
  x: (at: number) => number;
}) {
  return (
    <rect
      className="overdue-band"
      x={x(since)}
      y={y + 2}
      width={Math.max(3, x(now) - x(since))}
      height={height - 4}
      aria-hidden="true"
    />
  );
}

export function CheckRows(props: {
  rows: readonly CheckRow[];
  x: (at: number) => number;
  top: number;
  rowHeight: number;
  width: number;
  now: number;
  onHover: (text: string) => void;
}) {
  const { rows, x, top, rowHeight, width, now, onHover } = props;
  return (
    <g className="check-rows">
      {rows.map(({ check, pings }, index) => {
        const y = top + index * rowHeight;
        const label = `${check.name} (runs elsewhere)`;
        const summary = `${check.name}, runs elsewhere: ${check.state}${check.reason ? ` · ${check.reason}` : ''}`;
        return (
          <g
            key={check.id}
            className={`timeline-row check-row state-${check.state}`}
            role="img"
            aria-label={summary}
            data-check-id={check.id}
          >
            <rect className="row-band" x={0} y={y} width={width} height={rowHeight} />
            <text className="row-label" x={8} y={y + rowHeight / 2 + 4}>
              {label.length > 26 ? `${label.slice(0, 25)}…` : label}
            </text>
            {(check.state === 'down' || check.state === 'late') && check.stateSince !== null ? (
              <rect
                className={`check-band band-${check.state}`}
                x={x(check.stateSince)}
                y={y + 3}
                width={Math.max(3, x(now) - x(check.stateSince))}
                height={rowHeight - 6}
                onMouseEnter={() => onHover(summary)}
              />
            ) : null}
            {pings.map((ping) => (
              <rect
                key={ping.id}
                className={`ping ping-${ping.kind}${ping.kind === 'fail' || (ping.kind === 'exit' && ping.exitCode !== 0) ? ' ping-failed' : ''}`}
                x={x(ping.at) - 1.5}
                y={y + 4}
                width={3}
                height={rowHeight - 8}
                onMouseEnter={() =>
                  onHover(
                    `${check.name} · ${ping.kind}${ping.exitCode !== null ? ` ${ping.exitCode}` : ''} ping · ${formatDateTime(ping.at)}${ping.message ? ` · ${ping.message.split('\n', 1)[0]}` : ''}`,
                  )
                }
              />
            ))}
          </g>
        );
      })}
    </g>
  );
}
