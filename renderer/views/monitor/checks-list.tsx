/** The checks (jobs that run elsewhere and ping Cronbar): state, last ping, next expected. Shown in the jobs view and the Checks tab. */
import type { CheckView } from '../../../shared/model';
import { CheckStateBadge, RunsElsewhere } from '../../components/monitor-badges';
import { formatWhen } from '../../lib/format';

function lastPingText(check: CheckView, now: number): string {
  const ping = check.lastPing;
  if (!ping) return 'never pinged';
  const code = ping.exitCode !== null ? ` ${ping.exitCode}` : '';
  return `${ping.kind}${code} · ${formatWhen(ping.at, now)}`;
}

export function ChecksList({
  checks,
  now,
  heading = 'Checks',
}: {
  checks: readonly CheckView[];
  now: number;
  heading?: string;
}) {
  if (checks.length === 0) return null;
  return (
    <section className="checks-list" aria-labelledby="checks-heading">
      <h2 id="checks-heading">
        {heading} <RunsElsewhere />
      </h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Check</th>
            <th scope="col">State</th>
            <th scope="col">Expected</th>
            <th scope="col">Last ping</th>
            <th scope="col">Next ping by</th>
          </tr>
        </thead>
        <tbody>
          {checks.map((check) => (
            <tr key={check.id} data-check-id={check.id} className={`check-row state-${check.state}`}>
              <th scope="row">
                {check.name}
                <span className="sub mono">{check.id}</span>
              </th>
              <td>
                <CheckStateBadge state={check.state} />
                {check.reason && check.state !== 'up' ? <span className="sub">{check.reason}</span> : null}
              </td>
              <td title={check.schedule.text}>
                {check.schedule.description}
                <span className="sub mono">
                  {check.schedule.text} · grace {Math.round(check.graceMs / 60_000)} min
                </span>
              </td>
              <td>
                {lastPingText(check, now)}
                {check.startedAt !== null ? (
                  <span className="sub">started {formatWhen(check.startedAt, now)}, not finished yet</span>
                ) : null}
              </td>
              <td>{check.nextExpectedAt === null ? '—' : formatWhen(check.nextExpectedAt + check.graceMs, now)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
