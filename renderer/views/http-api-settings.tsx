/** The "Local HTTP API" card of the settings: the switch, its loopback port, and where the API is served. */
import { useState } from 'react';
import type { HttpApiState } from '../../shared/model';
import { Field, fieldAria } from '../components/field';
import { ErrorBox, Loading } from '../components/states';
import { unwrap } from '../lib/api-error';
import { useApiCall } from '../lib/use-api-call';
import { useApi, useAppStore } from '../store/store-context';

export function portProblem(text: string): string | undefined {
  const port = Number(text);
  return /^\d+$/.test(text.trim()) && port >= 1 && port <= 65_535 ? undefined : 'a port number between 1 and 65535';
}

function where(state: HttpApiState): string {
  if (state.url) return `Serving at ${state.url}`;
  if (state.servedBy) return `Served by ${state.servedBy}, which schedules this data folder`;
  return state.enabled ? 'Not serving' : 'Off';
}

export function HttpApiSettings() {
  const api = useApi();
  const showError = useAppStore((state) => state.showError);
  const current = useApiCall(() => api.getHttpApi({}), 'http-api');
  // What the admin typed; null shows the saved port.
  const [portDraft, setPortDraft] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const portText = portDraft ?? String(current.value?.port ?? '');

  const apply = async (enabled: boolean) => {
    setBusy(true);
    try {
      await unwrap(api.setHttpApi({ enabled, port: Number(portText) }));
      setPortDraft(null);
      current.reload();
    } catch (error) {
      showError(error, 'Could not change the local HTTP API');
    } finally {
      setBusy(false);
    }
  };

  const problem = portProblem(portText);
  const state = current.value;
  return (
    <section className="card" aria-labelledby="http-api-heading">
      <h2 id="http-api-heading">Local HTTP API</h2>
      {current.state === 'error' ? (
        <ErrorBox title="Could not read the HTTP API setting" error={current.error} onRetry={current.reload} />
      ) : null}
      {current.state === 'loading' ? <Loading what="the HTTP API setting" /> : null}
      {state ? (
        <>
          <label className="setting">
            <input
              type="checkbox"
              role="switch"
              checked={state.enabled}
              disabled={busy || (!state.enabled && problem !== undefined)}
              onChange={(event) => void apply(event.target.checked)}
            />
            Serve the local HTTP API and /metrics
          </label>
          <div className="field-row">
            <Field id="setting-api-port" label="Port" error={problem} narrow>
              <input
                {...fieldAria('setting-api-port', problem)}
                type="number"
                min={1}
                max={65_535}
                value={portText}
                onChange={(event) => setPortDraft(event.target.value)}
              />
            </Field>
          </div>
          {state.enabled && !problem && Number(portText) !== state.port ? (
            <div className="button-row">
              <button type="button" disabled={busy} onClick={() => void apply(true)}>
                Use port {portText}
              </button>
            </div>
          ) : null}
          <p role="status">{where(state)}</p>
          {state.error ? (
            <p className="field-error" role="alert">
              {state.error}
            </p>
          ) : null}
          <p className="muted">
            Only programs on this computer can connect (127.0.0.1), and each request needs the token kept in{' '}
            <span className="mono">{state.tokenPath}</span>; <span className="mono">cronbar api token</span> prints it.
          </p>
        </>
      ) : null}
    </section>
  );
}
