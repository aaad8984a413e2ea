/** When the job runs: its clock schedule, zone, jitter, what happens to fires missed while off, and `after:` chains. */
import { CATCH_UP_POLICIES, CHAIN_OUTCOMES, type ChainOutcome } from '../../../../shared/config/schema';
import { describeOutcome } from '../../../../shared/config/chain-schema';
import { Field, fieldAria } from '../../../components/field';
import type { JobForm, ScheduleChoice } from '../job-form-model';
import { SchedulePreview } from '../schedule-preview';
import { type GroupProps, useFormContext } from './group-props';
import { inheritedWords } from './inherited-words';
import { TextField } from './text-field';

const SCHEDULE_HINT = {
  cron: 'for example 0 2 * * * (02:00 daily) or */15 * * * *',
  every: 'for example 30s, 15m, 2h, 1d',
  at: 'one run, for example 2027-01-01T09:00',
};

const CATCH_UP_WORDS: Record<(typeof CATCH_UP_POLICIES)[number], string> = {
  once: 'once: one run for all missed fires',
  skip: 'skip: wait for the next fire',
  all: 'all: one run per missed fire',
};

export function ScheduleGroup({ draft, update }: GroupProps) {
  const { shown, touch, inherited } = useFormContext();
  const words = inheritedWords(inherited);
  return (
    <fieldset>
      <legend>Schedule</legend>
      <div className="field-row">
        <Field id="job-schedule-kind" label="Kind" narrow>
          <select
            id="job-schedule-kind"
            value={draft.scheduleKind}
            onChange={(event) => update({ scheduleKind: event.target.value as ScheduleChoice })}
          >
            <option value="cron">cron</option>
            <option value="every">every</option>
            <option value="at">once at</option>
            <option value="none">only after another job</option>
          </select>
        </Field>
        {draft.scheduleKind === 'none' ? null : (
          <Field id="job-schedule" label="Schedule" error={shown('schedule')} hint={SCHEDULE_HINT[draft.scheduleKind]}>
            <input
              {...fieldAria('job-schedule', shown('schedule'), true)}
              className="mono"
              value={draft.schedule}
              onChange={(event) => {
                update({ schedule: event.target.value });
                // A schedule is checked as it is typed: the preview and the error answer together.
                touch('schedule')();
              }}
              autoComplete="off"
              spellCheck={false}
            />
          </Field>
        )}
        <TextField
          field="timezone"
          label="Time zone"
          value={draft.timezone}
          onChange={(timezone) => update({ timezone })}
          hint={`an IANA name such as America/New_York; ${words?.timezone ?? 'empty: the defaults'}`}
          placeholder="system zone"
        />
      </div>
      {draft.scheduleKind === 'none' || shown('schedule') || !draft.schedule.trim() ? null : (
        <SchedulePreview
          kind={draft.scheduleKind}
          text={draft.schedule}
          timezone={shown('timezone') ? '' : draft.timezone}
        />
      )}
      <div className="field-row">
        <TextField
          field="jitter"
          label="Random delay up to"
          value={draft.jitter}
          onChange={(jitter) => update({ jitter })}
          hint={`spreads starts, for example 5m; ${words?.jitter ?? 'empty: the defaults'}`}
          placeholder="starts on time"
        />
        <Field id="job-catchUpPolicy" label="Fires missed while off" error={shown('catchUpPolicy')}>
          <select
            {...fieldAria('job-catchUpPolicy', shown('catchUpPolicy'))}
            value={draft.catchUpPolicy}
            onChange={(event) => update({ catchUpPolicy: event.target.value as JobForm['catchUpPolicy'] })}
          >
            <option value="">as the defaults say{words ? ` (${words.catchUpPolicy})` : ''}</option>
            {CATCH_UP_POLICIES.map((policy) => (
              <option key={policy} value={policy}>
                {CATCH_UP_WORDS[policy]}
              </option>
            ))}
          </select>
        </Field>
        <TextField
          field="catchUpWindow"
          label="Catch up fires within"
          value={draft.catchUpWindow}
          onChange={(catchUpWindow) => update({ catchUpWindow })}
          placeholder="default window"
          hint={words?.catchUpWindow}
          narrow
        />
        <TextField
          field="catchUpMax"
          label="Catch-up runs at most"
          value={draft.catchUpMax}
          onChange={(catchUpMax) => update({ catchUpMax })}
          placeholder="no limit"
          narrow
        />
      </div>
      <ChainLinks draft={draft} update={update} />
    </fieldset>
  );
}

/** `after:`: each row is a parent job, the ending of its run that starts this one, and a delay. */
function ChainLinks({ draft, update }: GroupProps) {
  const { shown, otherJobIds } = useFormContext();
  const setLink = (index: number, patch: Partial<JobForm['after'][number]>) =>
    update({ after: draft.after.map((link, at) => (at === index ? { ...link, ...patch } : link)) });
  const error = shown('after');
  return (
    <div
      className="chain-links"
      role="group"
      aria-label="Runs after"
      aria-describedby={error ? 'job-after-error' : undefined}
    >
      <p className="group-label">Runs after</p>
      {draft.after.length === 0 ? <p className="hint">No other job starts this one.</p> : null}
      {draft.after.map((link, index) => (
        <div className="field-row" key={index}>
          <Field id={`job-after-${index}-job`} label={`Parent job ${index + 1}`}>
            <select
              id={`job-after-${index}-job`}
              value={link.job}
              onChange={(event) => setLink(index, { job: event.target.value })}
            >
              <option value="">pick a job</option>
              {/* A parent no longer in the list still shows, so the form never hides what the file says. */}
              {[...new Set([...otherJobIds, ...(link.job ? [link.job] : [])])].map((id) => (
                <option key={id} value={id}>
                  {id}
                </option>
              ))}
            </select>
          </Field>
          <Field id={`job-after-${index}-on`} label="When its run ends" narrow>
            <select
              id={`job-after-${index}-on`}
              value={link.on}
              onChange={(event) => setLink(index, { on: event.target.value as ChainOutcome })}
            >
              {CHAIN_OUTCOMES.map((outcome) => (
                <option key={outcome} value={outcome}>
                  {describeOutcome(outcome)}
                </option>
              ))}
            </select>
          </Field>
          <Field id={`job-after-${index}-delay`} label="Then wait" narrow>
            <input
              id={`job-after-${index}-delay`}
              value={link.delay}
              onChange={(event) => setLink(index, { delay: event.target.value })}
              placeholder="starts at once"
              autoComplete="off"
              spellCheck={false}
            />
          </Field>
          <button
            type="button"
            className="remove-link"
            aria-label={`Remove parent job ${index + 1}`}
            onClick={() => update({ after: draft.after.filter((_, at) => at !== index) })}
          >
            Remove
          </button>
        </div>
      ))}
      {error ? (
        <p className="field-error" id="job-after-error" role="alert">
          {error}
        </p>
      ) : null}
      <button
        type="button"
        onClick={() => update({ after: [...draft.after, { job: '', on: CHAIN_OUTCOMES[0], delay: '' }] })}
      >
        Add a job to run after
      </button>
    </div>
  );
}
