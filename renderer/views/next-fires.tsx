import { zonedParts } from '../../shared/zoned-time-parts';
import { formatDateTime, isDstChangeDay } from '../lib/format';

/** The next fires in the job's zone and the viewer's, with DST change days marked (that is where schedules surprise). */
export function NextFires({
  fires,
  timezone,
  unscheduled = false,
}: {
  fires: number[];
  timezone: string;
  /** The job has no clock schedule: it runs on events or after another job, never at a time of its own. */
  unscheduled?: boolean;
}) {
  const localZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const sameZone = localZone === timezone;
  if (fires.length === 0 && unscheduled)
    return <p className="muted">No times of its own: it runs on its events or after another job (above).</p>;
  if (fires.length === 0)
    return <p className="muted">No upcoming runs (disabled, paused, or a one-off in the past).</p>;
  return (
    <table className="table compact next-fires">
      <caption className="visually-hidden">Next runs</caption>
      <thead>
        <tr>
          <th scope="col">In {timezone}</th>
          {sameZone ? null : <th scope="col">Local ({localZone})</th>}
          <th scope="col">
            <span className="visually-hidden">Notes</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {fires.map((at) => {
          const dst = isDstChangeDay(at, timezone) || (!sameZone && isDstChangeDay(at));
          return (
            <tr key={at} className={dst ? 'dst' : undefined}>
              <td className="mono">
                {formatDateTime(at, timezone)} <span className="muted">{zonedParts(at, timezone).offset}</span>
              </td>
              {sameZone ? null : <td className="mono">{formatDateTime(at)}</td>}
              <td>
                {dst ? (
                  <span className="dst-mark" title="The clocks change on this day: check the time is what you meant">
                    DST change
                  </span>
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
