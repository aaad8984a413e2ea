/**
 * The first start: no jobs of the admin's own yet. Says where the app lives, where the jobs file is and how a failure
 * will reach them, and offers the two ways in: add a job, or import the crontab/systemd/launchd jobs they have.
 */
import { useApiCall } from '../lib/use-api-call';
import { useApi, useAppStore } from '../store/store-context';

export function Welcome() {
  const api = useApi();
  const navigate = useAppStore((state) => state.navigate);
  const configPath = useAppStore((state) => state.status?.configPath ?? null);
  const settings = useApiCall(() => api.getAppSettings({}), 'welcome-settings');
  const trayWarning = settings.value?.trayWarning ?? null;
  return (
    <section className="welcome" aria-labelledby="welcome-heading">
      <h2 id="welcome-heading">Welcome to Cronbar</h2>
      <dl className="welcome-facts">
        <div>
          <dt>Where it lives</dt>
          <dd>
            In the tray (the icon in the top bar). Closing this window keeps your jobs running; the tray opens it again.
            {trayWarning ? <span className="warn-text"> {trayWarning}</span> : null} Without a desktop,{' '}
            <code>cronbar service install</code> runs the same jobs as a background service.
          </dd>
        </div>
        <div>
          <dt>Your jobs file</dt>
          <dd>
            {configPath ? <code className="path">{configPath}</code> : 'loading…'} — plain YAML, the source of truth.
            Edit it here or in any editor; changes show within 2 s.{' '}
            <button type="button" className="link" onClick={() => void api.openJobsFile({})}>
              Open it in your editor
            </button>
          </dd>
        </div>
        <div>
          <dt>When a job fails</dt>
          <dd>
            You get a desktop notification while the app runs (Settings → Notifications), the job turns red here and in
            the tray’s “Failing (n)”, and <code>cronbar status</code> lists it.
          </dd>
        </div>
      </dl>
      <div className="button-row">
        <button type="button" className="primary" onClick={() => navigate({ name: 'editor', mode: 'form' })}>
          Add a job
        </button>
        <button type="button" onClick={() => navigate({ name: 'editor', mode: 'import' })}>
          Import from crontab, systemd or launchd…
        </button>
      </div>
    </section>
  );
}
