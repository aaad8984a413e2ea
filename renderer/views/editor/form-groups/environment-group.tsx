/** The environment a command runs in: folder, shell, variables, PATH additions and a variables file. */
import type { GroupProps } from './group-props';
import { TextField } from './text-field';

export function EnvironmentGroup({ draft, update }: GroupProps) {
  return (
    <fieldset>
      <legend>Environment</legend>
      <div className="field-row">
        <TextField
          field="cwd"
          label="Working folder"
          value={draft.cwd}
          onChange={(cwd) => update({ cwd })}
          placeholder="home folder"
          mono
        />
        <TextField
          field="shell"
          label="Shell"
          value={draft.shell}
          onChange={(shell) => update({ shell })}
          placeholder="system shell"
          mono
        />
      </div>
      <div className="field-row">
        <TextField
          field="env"
          label="Variables"
          value={draft.env}
          onChange={(env) => update({ env })}
          hint="KEY=value, one per line"
          rows={3}
          mono
        />
        <TextField
          field="pathDirs"
          label="Add to PATH"
          value={draft.pathDirs}
          onChange={(pathDirs) => update({ pathDirs })}
          hint="one folder per line, searched first"
          rows={3}
          mono
        />
      </div>
      <TextField
        field="envFile"
        label="Variables file"
        value={draft.envFile}
        onChange={(envFile) => update({ envFile })}
        hint="KEY=value lines, read at each run (keeps secrets out of the jobs file)"
        placeholder="none"
        mono
      />
    </fieldset>
  );
}
