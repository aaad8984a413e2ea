/**
 * Day × hour heatmap: what ran (succeeded / failed) and what is due, per local hour. A table with its day and hour
 * headers, and the numbers written in each cell: the colour only repeats what the text says.
 */
import { useMemo } from 'react';
import type { FireDensity } from '../../shared/api/timeline-methods';
import type { RunRecord } from '../../shared/model';
import { type HeatCell, buildHeatmap, heatLevel } from './timeline-range';

function cellText(cell: HeatCell): string {
  const parts: string[] = [];
  if (cell.succeeded > 0) parts.push(`${cell.succeeded} ok`);
  if (cell.failed > 0) parts.push(`${cell.failed} failed`);
  if (cell.due > 0) parts.push(`${cell.due} due`);
  return parts.join(', ');
}

export function TimelineHeatmap({ runs, density }: { runs: readonly RunRecord[]; density: FireDensity | null }) {
  const days = useMemo(() => buildHeatmap(runs, density), [runs, density]);
  const busiest = useMemo(
    () =>
      Math.max(0, ...days.flatMap((day) => day.hours.map((cell) => Math.max(cell.succeeded + cell.failed, cell.due)))),
    [days],
  );
  if (days.length === 0) return null;
  return (
    <section className="heatmap" aria-labelledby="heatmap-heading">
      <h2 id="heatmap-heading">Day × hour</h2>
      <p className="muted">
        Past hours: runs that succeeded (ok) and failed (failed, timed out, missed, interrupted). Coming hours: fires
        due.
      </p>
      <div className="heatmap-scroll" tabIndex={0} role="region" aria-label="Day by hour heatmap, scrollable">
        <table className="heatmap-table">
          <caption className="visually-hidden">Runs and fires per day and hour</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              {Array.from({ length: 24 }, (_, hour) => (
                <th key={hour} scope="col" abbr={`${hour}:00`}>
                  {String(hour).padStart(2, '0')}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {days.map((day) => (
              <tr key={day.label}>
                <th scope="row">{day.label}</th>
                {day.hours.map((cell, hour) => {
                  const text = cellText(cell);
                  return (
                    <td
                      key={hour}
                      className={`heat heat-${heatLevel(cell, busiest)}${cell.failed > 0 ? ' heat-failed' : ''}`}
                      title={text || 'nothing'}
                    >
                      {cell.failed > 0 ? (
                        <span className="heat-failed-count" aria-hidden="true">
                          {cell.failed}✗
                        </span>
                      ) : null}
                      {cell.succeeded > 0 ? <span aria-hidden="true">{cell.succeeded}</span> : null}
                      {cell.due > 0 ? (
                        <span className="heat-due" aria-hidden="true">
                          {cell.due}
                        </span>
                      ) : null}
                      <span className="visually-hidden">{text || 'nothing'}</span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
