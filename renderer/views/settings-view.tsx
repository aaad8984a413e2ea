/** Desktop settings, plus the jobs-file settings an admin looks for here (written back into the file, comments kept). */
import { useEffect, useState } from 'react';
import type { ApiError } from '../../shared/api/contract';
import { Field, fieldAria } from '../components/field';
import { ErrorBox, Loading } from '../components/states';
import { toApiError, unwrap } from '../lib/api-error';
import { loadPauseMorning, usePauseMorning } from '../lib/pause-morning';
import { useApiCall } from '../lib/use-api-call';
import { useApi, useAppStore } from '../store/store-context';
import { HttpApiSettings } from './http-api-settings';
import {
  DEFAULT_RETENTION,
  type FileSettings,
  applyFileSettings,
  readFileSettings,
  settingsProblems,
} from './settings-model';

/** An emptied number box stays empty (NaN) instead of snapping to 0, and is then reported as a problem. */
const numberText = (value: number) => (Number.isNaN(value) ? '' : String(value));
const numberFrom = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

export default function SettingsView() {
  const api = useApi();
  const status = useAppStore((state) => state.status);
  const showError = useAppStore((state) => state.showError);
  const app = useApiCall(() => api.getAppSettings({}), 'app-settings');
  const file = useApiCall(() => api.readConfig({}), 'jobs-file');
  const [draft, setDraft] = useState<FileSettings | null>(null);
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (file.value) setDraft(readFileSettings(file.value.text, status?.concurrency ?? 4));
  }, [file.value, status?.concurrency]);

  const morning = usePauseMorning((state) => state.morning);
  const setMorning = async (time: string) => {
    // The time input gives HH:MM or '' while being edited; only a whole time is stored.
    if (!/^\d{2}:\d{2}$/.test(time)) return;
    try {
      await unwrap(api.setPauseMorning({ time }));
      await loadPauseMorning(api);
    } catch (error) {
      showError(error, 'Could not change the morning time');
    }
  };

  const toggleLogin = async (enabled: boolean) => {
    try {
      await unwrap(api.setLaunchAtLogin({ enabled }));
      app.reload();
    } catch (error) {
      showError(error, 'Could not change launch at login');
    }
  };

  const open = async (what: 'openDataFolder' | 'openJobsFile') => {
    try {
      await unwrap(api[what]({}));
    } catch (error) {
      showError(error, what === 'openDataFolder' ? 'Could not open the data folder' : 'Could not open the jobs file');
    }
  };

  const saveFileSettings = async () => {
    if (!draft || !file.value) return;
    setSaveError(null);
    setSaved(false);
    try {
      const text = applyFileSettings(file.value.text, draft);
      await unwrap(api.writeConfig({ text, baseVersion: file.value.version }));
      setSaved(true);
      file.reload();
    } catch (error) {
      setSaveError(toApiError(error));
    }
  };

  const update = (patch: Partial<FileSettings>) => {
    setSaved(false);
    setDraft((current) => (current ? { ...current, ...patch } : current));
  };
  const problems = draft ? settingsProblems(draft) : {};
  const invalid = Object.keys(problems).length > 0;

  return (
    <section className="view settings-view" aria-labelledby="settings-heading">
      <h1 id="settings-heading">Settings</h1>

      <section className="card" aria-labelledby="desktop-heading">
        <h2 id="desktop-heading">Desktop</h2>
        {app.state === 'error' ? (
          <ErrorBox title="Could not read the desktop settings" error={app.error} onRetry={app.reload} />
        ) : null}
        {app.state === 'loading' ? <Loading what="settings" /> : null}
        {app.value ? (
          <>
            <label className="setting">
              <input
                type="checkbox"
                role="switch"
                checked={app.value.launchAtLogin}
                onChange={(event) => void toggleLogin(event.target.checked)}
              />
              Launch Cronbar at login
            </label>
            <label className="setting">
              &quot;Pause until the morning&quot; ends at
              <input
                type="time"
                value={morning}
                aria-describedby="morning-help"
                onChange={(event) => void setMorning(event.target.value)}
              />
            </label>
            <p id="morning-help" className="muted">
              The tray&apos;s and the window&apos;s bedtime pause ends at this time: the next morning, or this morning
              when it is still ahead.
            </p>
            {app.value.trayWarning ? (
              <p className="notice" role="note">
                No tray icon: {app.value.trayWarning}
              </p>
            ) : null}
            <p className="muted">
              Cronbar {app.value.version} on {app.value.platform}
            </p>
          </>
        ) : null}
      </section>

      <HttpApiSettings />

      <section className="card" aria-labelledby="files-heading">
        <h2 id="files-heading">Where things are</h2>
        <dl className="facts">
          <div>
            <dt>Data folder</dt>
            <dd className="mono">{status?.dataDir ?? '…'}</dd>
          </div>
          <div>
            <dt>Jobs file</dt>
            <dd className="mono">{status?.configPath ?? '…'}</dd>
          </div>
          <div>
            <dt>Database</dt>
            <dd className="mono">{status?.dbPath ?? '…'}</dd>
          </div>
        </dl>
        <div className="button-row">
          <button type="button" onClick={() => void open('openDataFolder')}>
            Open data folder
          </button>
          <button type="button" onClick={() => void open('openJobsFile')}>
            Open jobs file in editor
          </button>
        </div>
      </section>

      <section className="card" aria-labelledby="policy-heading">
        <h2 id="policy-heading">Running and history</h2>
        <p className="muted">Saved into the jobs file, so the CLI and the app use the same values.</p>
        {file.state === 'error' ? (
          <ErrorBox title="Could not read the jobs file" error={file.error} onRetry={file.reload} />
        ) : null}
        {file.state === 'loading' ? <Loading what="the jobs file" /> : null}
        {draft ? (
          <form
            className="settings-form"
            onSubmit={(event) => {
              event.preventDefault();
              if (!invalid) void saveFileSettings();
            }}
          >
            <Field id="setting-concurrency" label="Jobs running at once" error={problems.concurrency}>
              <input
                {...fieldAria('setting-concurrency', problems.concurrency)}
                type="number"
                min={1}
                max={64}
                value={numberText(draft.concurrency)}
                onChange={(event) => update({ concurrency: numberFrom(event.target.value) })}
              />
            </Field>
            <fieldset>
              <legend>Notify me when a job</legend>
              <label className="setting">
                <input
                  type="checkbox"
                  checked={draft.notifyFailure}
                  onChange={(event) => update({ notifyFailure: event.target.checked })}
                />{' '}
                fails or times out
              </label>
              <label className="setting">
                <input
                  type="checkbox"
                  checked={draft.notifyMissed}
                  onChange={(event) => update({ notifyMissed: event.target.checked })}
                />{' '}
                missed its time
              </label>
              <label className="setting">
                <input
                  type="checkbox"
                  checked={draft.notifySuccess}
                  onChange={(event) => update({ notifySuccess: event.target.checked })}
                />{' '}
                succeeds
              </label>
            </fieldset>
            <fieldset>
              <legend>History retention</legend>
              <label className="setting">
                <input
                  type="checkbox"
                  checked={draft.retention !== null}
                  onChange={(event) =>
                    update({ retention: event.target.checked ? { jobIndex: -1, ...DEFAULT_RETENTION } : null })
                  }
                />{' '}
                Prune old runs daily
              </label>
              {draft.retention ? (
                <div className="field-row">
                  <Field id="setting-keep-days" label="Keep days" error={problems.keepDays}>
                    <input
                      {...fieldAria('setting-keep-days', problems.keepDays)}
                      type="number"
                      min={1}
                      value={numberText(draft.retention.keepDays)}
                      onChange={(event) =>
                        update({ retention: { ...draft.retention!, keepDays: numberFrom(event.target.value) } })
                      }
                    />
                  </Field>
                  <Field id="setting-keep-runs" label="Keep runs per job" error={problems.keepRuns}>
                    <input
                      {...fieldAria('setting-keep-runs', problems.keepRuns)}
                      type="number"
                      min={1}
                      value={numberText(draft.retention.keepRuns)}
                      onChange={(event) =>
                        update({ retention: { ...draft.retention!, keepRuns: numberFrom(event.target.value) } })
                      }
                    />
                  </Field>
                </div>
              ) : (
                <p className="muted">History is kept forever.</p>
              )}
            </fieldset>
            {saveError ? <ErrorBox title="Not saved" error={saveError} /> : null}
            <div className="button-row">
              <button type="submit" className="primary" disabled={invalid}>
                Save to jobs file
              </button>
              {saved ? <span role="status">Saved.</span> : null}
            </div>
          </form>
        ) : null}
      </section>
    </section>
  );
}
