/** When it fails: how often and how soon a failed run is tried again. */
import { type GroupProps, useFormContext } from './group-props';
import { inheritedWords } from './inherited-words';
import { TextField } from './text-field';

export function FailureGroup({ draft, update }: GroupProps) {
  const words = inheritedWords(useFormContext().inherited);
  return (
    <fieldset>
      <legend>When it fails</legend>
      <div className="field-row">
        <TextField
          field="retryAttempts"
          label="Retries"
          value={draft.retryAttempts}
          onChange={(retryAttempts) => update({ retryAttempts })}
          placeholder="as the defaults say"
          hint={words?.retry}
          narrow
        />
        <TextField
          field="retryDelay"
          label="First retry after"
          value={draft.retryDelay}
          onChange={(retryDelay) => update({ retryDelay })}
          placeholder="default delay"
          narrow
        />
        <TextField
          field="retryBackoff"
          label="Each wait times"
          value={draft.retryBackoff}
          onChange={(retryBackoff) => update({ retryBackoff })}
          hint="1 keeps the delay; 2 doubles it"
          placeholder="default factor"
          narrow
        />
        <TextField
          field="retryMaxDelay"
          label="Longest wait"
          value={draft.retryMaxDelay}
          onChange={(retryMaxDelay) => update({ retryMaxDelay })}
          placeholder="default limit"
          narrow
        />
      </div>
    </fieldset>
  );
}
