/**
 * Alerts: which of this job's events notify (each as the defaults say, or on/off here), where they go besides the
 * desktop (the channels of the file's `notifications:`), when it counts as overdue and when a run counts as slow.
 */
import { Field } from '../../../components/field';
import { NOTIFY_EVENTS, type NotifyEvent, type Toggle } from '../job-form-model';
import { type GroupProps, useFormContext } from './group-props';
import { inheritedWords } from './inherited-words';
import { TextField } from './text-field';

const EVENT_WORDS: Record<NotifyEvent, string> = {
  failure: 'A run fails',
  success: 'A run succeeds',
  missed: 'A fire is missed',
  recovered: 'It succeeds again after failures',
  overdue: 'No success within the expected time',
  slow: 'A run takes too long',
};

export function AlertsGroup({ draft, update }: GroupProps) {
  const { shown, channelNames, inherited } = useFormContext();
  const words = inheritedWords(inherited);
  // A channel the job names but the file no longer declares still shows, so saving never drops it unseen.
  const offered = [...new Set([...channelNames, ...draft.channels])];
  const channelsError = shown('channels');
  return (
    <fieldset>
      <legend>Alerts</legend>
      <div
        className="notify-grid"
        role="group"
        aria-label="Notify when"
        aria-describedby={shown('notify') ? 'job-notify-error' : undefined}
      >
        {NOTIFY_EVENTS.map((event) => (
          <Field key={event} id={`job-notify-${event}`} label={EVENT_WORDS[event]} narrow>
            <select
              id={`job-notify-${event}`}
              value={draft.notify[event]}
              onChange={(change) => update({ notify: { ...draft.notify, [event]: change.target.value as Toggle } })}
            >
              <option value="">as the defaults say{words ? ` (${words.notify(event)})` : ''}</option>
              <option value="on">notify</option>
              <option value="off">stay quiet</option>
            </select>
          </Field>
        ))}
      </div>
      {shown('notify') ? (
        <p className="field-error" id="job-notify-error" role="alert">
          {shown('notify')}
        </p>
      ) : null}
      <div className="field-row">
        <TextField
          field="alertAfter"
          label="Say nothing until failed in a row"
          value={draft.alertAfter}
          onChange={(alertAfter) => update({ alertAfter })}
          placeholder="as the defaults say"
          hint={words?.alertAfter}
          narrow
        />
        <div
          className="field channel-choices"
          role="group"
          aria-label="Also send to"
          aria-describedby={channelsError ? 'job-channels-error' : 'job-channels-hint'}
        >
          <span className="group-label">Also send to</span>
          {offered.map((name) => (
            <label key={name} className="checkbox-label">
              <input
                type="checkbox"
                checked={draft.channels.includes(name)}
                onChange={(event) =>
                  update({
                    channels: event.target.checked
                      ? [...draft.channels, name]
                      : draft.channels.filter((channel) => channel !== name),
                  })
                }
              />{' '}
              {name}
              {channelNames.includes(name) ? null : ' (not declared in notifications:)'}
            </label>
          ))}
          {channelsError ? (
            <p className="field-error" id="job-channels-error" role="alert">
              {channelsError}
            </p>
          ) : (
            <p className="hint" id="job-channels-hint">
              {offered.length === 0
                ? 'The desktop only: the jobs file declares no channels under notifications:'
                : 'besides the desktop; channels come from notifications: in the jobs file'}
            </p>
          )}
        </div>
      </div>
      <div className="field-row">
        <TextField
          field="expectWithin"
          label="Overdue without a success for"
          value={draft.expectWithin}
          onChange={(expectWithin) => update({ expectWithin })}
          hint={`for example 26h for a nightly job; ${words?.expect ?? 'empty: the defaults'}`}
          placeholder="as the defaults say"
        />
        <TextField
          field="warnAfter"
          label="Slow after"
          value={draft.warnAfter}
          onChange={(warnAfter) => update({ warnAfter })}
          hint={`flags a run still going, before the timeout; ${words?.warnAfter ?? 'empty: the defaults'}`}
          placeholder="as the defaults say"
        />
      </div>
    </fieldset>
  );
}
