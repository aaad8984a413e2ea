/**
 * After an import the old scheduler still runs the same jobs: each would run twice. This says so where the import
 * ended and offers the way out — comment out exactly those lines in the user's crontab (the core writes a backup
 * first), or the systemd / launchd commands to copy.
 */
import { useState } from 'react';
import type { ApiError, MethodOutput } from '../../../shared/api/contract';
import { ErrorBox } from '../../components/states';
import { toApiError, unwrap } from '../../lib/api-error';
import { useApi } from '../../store/store-context';

type StillRuns = MethodOutput<'importJobs'>['sourceStillRuns'];
type Disabled = MethodOutput<'disableCrontabLines'>;

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

export function ImportStillRuns({ still }: { still: StillRuns }) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Disabled | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const lines = still.crontabLines;
  if (lines.length === 0 && still.commands.length === 0) return null;

  const disable = async () => {
    setBusy(true);
    setError(null);
    try {
      setDone(await unwrap(api.disableCrontabLines({ lines })));
    } catch (failure) {
      setError(toApiError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="import-still-runs" aria-labelledby="still-runs-heading">
      <h3 id="still-runs-heading">
        {done && done.commented.length > 0 ? 'Cron no longer runs them' : 'The old scheduler still runs these jobs'}
      </h3>
      {lines.length > 0 && !done ? (
        <>
          <p>
            cron still runs {lines.length === 1 ? 'this line' : `these ${lines.length} lines`}: until{' '}
            {lines.length === 1 ? 'it is' : 'they are'} commented out, each job runs twice — once from cron, once from
            Cronbar.
          </p>
          <ul className="import-crontab-lines mono" aria-label="Crontab lines still running">
            {lines.map((line, index) => (
              <li key={index}>
                {line.text} <span className="muted">→ {line.jobId}</span>
              </li>
            ))}
          </ul>
          <div className="button-row">
            <button type="button" className="primary" disabled={busy} onClick={() => void disable()}>
              Comment out {lines.length === 1 ? 'this line' : `these ${lines.length} lines`} in my crontab
            </button>
            <span className="muted">Your crontab is saved to Cronbar&apos;s backups folder first.</span>
          </div>
        </>
      ) : null}
      {done ? (
        <div role="status">
          {done.commented.length > 0 ? (
            <p>
              Commented out {plural(done.commented.length, 'line')} in your crontab (line
              {done.commented.length === 1 ? '' : 's'} {done.commented.map((entry) => entry.line).join(', ')}). The
              crontab as it was: <span className="mono">{done.backupPath}</span>
            </p>
          ) : null}
          {done.notFound.length > 0 ? (
            <>
              <p>
                Not in your crontab, left alone ({done.notFound.length}) — if another machine or user runs them, stop
                them there:
              </p>
              <ul className="import-crontab-lines mono" aria-label="Lines not in your crontab">
                {done.notFound.map((line, index) => (
                  <li key={index}>{line.text}</li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
      {still.commands.length > 0 ? (
        <>
          <p>Until it stops them, each job runs twice. In a terminal:</p>
          <pre className="import-commands mono" aria-label="Commands that stop the originals" tabIndex={0}>
            {still.commands.join('\n')}
          </pre>
        </>
      ) : null}
      {error ? <ErrorBox title="Crontab unchanged" error={error} /> : null}
    </section>
  );
}
