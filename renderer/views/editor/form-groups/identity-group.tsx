/** Which job this is: id, name, description, tags, and whether it runs at all. */
import type { GroupProps } from './group-props';
import { useFormContext } from './group-props';
import { TextField } from './text-field';

export function IdentityGroup({ draft, update }: GroupProps) {
  const { editingId } = useFormContext();
  return (
    <fieldset>
      <legend>Job</legend>
      <div className="field-row">
        <TextField
          field="id"
          label="Id"
          value={draft.id}
          onChange={(id) => update({ id })}
          readOnly={Boolean(editingId)}
          hint="letters, digits, . _ -; used in history and the CLI"
        />
        <TextField
          field="name"
          label="Name"
          value={draft.name}
          onChange={(name) => update({ name })}
          placeholder="defaults to the id"
        />
      </div>
      <TextField
        field="description"
        label="Description"
        value={draft.description}
        onChange={(description) => update({ description })}
      />
      <div className="field-row">
        <TextField
          field="tags"
          label="Tags"
          value={draft.tags}
          onChange={(tags) => update({ tags })}
          hint="comma separated"
        />
        <div className="field checkbox-field">
          <label>
            <input
              type="checkbox"
              checked={draft.enabled}
              onChange={(event) => update({ enabled: event.target.checked })}
            />{' '}
            Enabled
          </label>
        </div>
      </div>
    </fieldset>
  );
}
