/** Limits: how long a run may take and what a fire does while the last run still goes. */
import { OVERLAP_POLICIES } from '../../../../shared/config/schema';
import { Field, fieldAria } from '../../../components/field';
import type { JobForm } from '../job-form-model';
import { type GroupProps, useFormContext } from './group-props';
import { inheritedWords } from './inherited-words';
import { TextField } from './text-field';

const OVERLAP_WORDS: Record<(typeof OVERLAP_POLICIES)[number], string> = {
  skip: 'skip: leave this fire out',
  queue: 'queue: run when the last one ends',
  parallel: 'parallel: run both at once',
  replace: 'replace: stop the last run, start anew',
};

export function LimitsGroup({ draft, update }: GroupProps) {
  const { shown, inherited } = useFormContext();
  const words = inheritedWords(inherited);
  return (
    <fieldset>
      <legend>Limits</legend>
      <div className="field-row">
        <TextField
          field="timeout"
          label="Stop a run after"
          value={draft.timeout}
          onChange={(timeout) => update({ timeout })}
          hint={`for example 30m; ${words?.timeout ?? 'empty: the defaults'}`}
          placeholder="default timeout"
        />
        <Field id="job-overlap" label="If still running" error={shown('overlap')}>
          <select
            {...fieldAria('job-overlap', shown('overlap'))}
            value={draft.overlap}
            onChange={(event) => update({ overlap: event.target.value as JobForm['overlap'] })}
          >
            <option value="">as the defaults say{words ? ` (${words.overlap})` : ''}</option>
            {OVERLAP_POLICIES.map((policy) => (
              <option key={policy} value={policy}>
                {OVERLAP_WORDS[policy]}
              </option>
            ))}
          </select>
        </Field>
      </div>
    </fieldset>
  );
}
