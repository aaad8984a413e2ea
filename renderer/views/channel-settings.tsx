/**
 * The "Notification channels" card of the Settings: the jobs file's channels (no secrets shown), a Test button each
 * that says what failed, Remove, and a form to add one. Every change goes through the comment-keeping edit of the jobs
 * file (saveChannel / deleteChannel); a refused one shows the file's problem.
 */
import { useState } from 'react';
import type { ChannelTestResult } from '../../shared/deliveries';
import { Field, fieldAria } from '../components/field';
import { ErrorBox, Loading } from '../components/states';
import { unwrap } from '../lib/api-error';
import { useApiCall } from '../lib/use-api-call';
import { useApi, useAppStore } from '../store/store-context';
import {
  CHANNEL_KINDS,
  type ChannelDraft,
  EMPTY_CHANNEL,
  FIELDS_OF,
  channelFromDraft,
  channelProblems,
} from './channel-form-model';

const LABELS: Record<Exclude<keyof ChannelDraft, 'name' | 'kind'>, string> = {
  to: 'Mail to',
  smtpHost: 'SMTP server',
  smtpPort: 'SMTP port',
  smtpUser: 'SMTP user',
  passwordFile: 'File holding the SMTP password',
  url: 'URL',
  urlFile: 'File holding the URL',
  tokenFile: 'File holding the app token',
  run: 'Command',
};

export function ChannelSettings() {
  const api = useApi();
  const showError = useAppStore((state) => state.showError);
  const channels = useApiCall(() => api.listChannels({}), 'channels');
  const [draft, setDraft] = useState<ChannelDraft | null>(null);
  const [busy, setBusy] = useState(false);
  const [tested, setTested] = useState<ChannelTestResult | null>(null);
  const problems = draft ? channelProblems(draft) : {};

  const act = async (what: string, action: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await action();
    } catch (error) {
      showError(error, what);
    } finally {
      setBusy(false);
    }
  };
  const test = (name: string) =>
    act(`Could not test ${name}`, async () => {
      setTested(null);
      setTested(await unwrap(api.testChannel({ name })));
    });
  const remove = (name: string) =>
    act(`Could not remove ${name}`, async () => {
      await unwrap(api.deleteChannel({ name }));
      channels.reload();
    });
  const add = () =>
    act('Could not add the channel', async () => {
      if (!draft) return;
      await unwrap(api.saveChannel({ name: draft.name, channel: channelFromDraft(draft) }));
      setDraft(null);
      channels.reload();
    });

  return (
    <section className="card" aria-labelledby="channels-heading">
      <h2 id="channels-heading">Notification channels</h2>
      <p className="muted">Where failures go besides this desktop: mail, chat, a phone, a hook.</p>
      {channels.state === 'error' ? (
        <ErrorBox title="Could not read the channels" error={channels.error} onRetry={channels.reload} />
      ) : null}
      {channels.state === 'loading' ? <Loading what="the channels" /> : null}
      {channels.value && channels.value.length > 0 ? (
        <ul className="channel-list" aria-label="Channels">
          {channels.value.map((channel) => (
            <li key={channel.name}>
              <span className="mono">{channel.name}</span> <span className="muted">{channel.kind}</span>{' '}
              <span>{channel.to}</span> <span className="spacer" />
              <button type="button" disabled={busy} onClick={() => void test(channel.name)}>
                Test {channel.name}
              </button>
              <button type="button" disabled={busy} onClick={() => void remove(channel.name)}>
                Remove {channel.name}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {channels.value && channels.value.length === 0 ? <p className="muted">No channels yet.</p> : null}
      {tested ? (
        <p role="status" aria-label="Channel test" className={tested.ok ? 'ok-text' : 'fail-text'}>
          {tested.ok
            ? `${tested.channel}: test message sent via ${tested.target} in ${tested.ms} ms`
            : `${tested.channel} (${tested.kind} via ${tested.target}): ${tested.reason}`}
        </p>
      ) : null}
      {draft ? (
        <form
          className="channel-form"
          aria-label="New channel"
          onSubmit={(event) => {
            event.preventDefault();
            void add();
          }}
        >
          <div className="field-row">
            <Field id="channel-name" label="Name" error={draft.name === '' ? undefined : problems.name}>
              <input
                {...fieldAria('channel-name', draft.name === '' ? undefined : problems.name)}
                value={draft.name}
                onChange={(event) => setDraft({ ...draft, name: event.target.value })}
              />
            </Field>
            <Field id="channel-kind" label="Kind">
              <select
                id="channel-kind"
                value={draft.kind}
                onChange={(event) => setDraft({ ...draft, kind: event.target.value as ChannelDraft['kind'] })}
              >
                {CHANNEL_KINDS.map((kind) => (
                  <option key={kind}>{kind}</option>
                ))}
              </select>
            </Field>
          </div>
          {FIELDS_OF[draft.kind].map((key) => (
            <Field key={key} id={`channel-${key}`} label={LABELS[key as keyof typeof LABELS]} error={problems[key]}>
              <input
                {...fieldAria(`channel-${key}`, problems[key])}
                value={draft[key]}
                onChange={(event) => setDraft({ ...draft, [key]: event.target.value })}
              />
            </Field>
          ))}
          <div className="button-row">
            <button type="submit" disabled={busy || Object.keys(problems).length > 0}>
              Add channel
            </button>
            <button type="button" onClick={() => setDraft(null)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div className="button-row">
          <button type="button" onClick={() => setDraft(EMPTY_CHANNEL)}>
            Add a channel…
          </button>
        </div>
      )}
    </section>
  );
}
