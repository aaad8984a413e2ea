/** What the job does: a command (a shell line or arguments), an HTTP request, or one of Cronbar's built-ins. */
import { BUILTINS, type BuiltinName, HTTP_METHODS } from '../../../../shared/config/schema';
import { Field, fieldAria } from '../../../components/field';
import { type ActionKind, BUILTIN_OPTIONS, type CommandMode } from '../job-form-model';
import { type GroupProps, useFormContext } from './group-props';
import { TextField } from './text-field';

export function ActionGroup({ draft, update }: GroupProps) {
  const { shown } = useFormContext();
  return (
    <fieldset>
      <legend>Action</legend>
      <div className="field-row">
        <Field id="job-action-kind" label="Action" narrow>
          <select
            id="job-action-kind"
            value={draft.actionKind}
            onChange={(event) => update({ actionKind: event.target.value as ActionKind })}
          >
            <option value="command">command</option>
            <option value="http">HTTP request</option>
            <option value="builtin">built-in</option>
          </select>
        </Field>
        {draft.actionKind === 'command' ? (
          <Field id="job-command-mode" label="Run as" narrow>
            <select
              id="job-command-mode"
              value={draft.commandMode}
              onChange={(event) => update({ commandMode: event.target.value as CommandMode })}
            >
              <option value="shell">shell line</option>
              <option value="args">arguments, no shell</option>
            </select>
          </Field>
        ) : null}
      </div>
      {draft.actionKind === 'command' ? (
        <TextField
          field="command"
          label="Command"
          value={draft.command}
          onChange={(command) => update({ command })}
          hint={draft.commandMode === 'args' ? 'one argument per line' : 'run by your shell'}
          rows={draft.commandMode === 'args' ? 4 : undefined}
          mono
        />
      ) : null}
      {draft.actionKind === 'http' ? (
        <>
          <div className="field-row">
            <Field id="job-method" label="Method" narrow>
              <select id="job-method" value={draft.method} onChange={(event) => update({ method: event.target.value })}>
                {HTTP_METHODS.map((method) => (
                  <option key={method}>{method}</option>
                ))}
              </select>
            </Field>
            <TextField
              field="url"
              label="URL"
              value={draft.url}
              onChange={(url) => update({ url })}
              placeholder="https://…"
              mono
            />
          </div>
          <div className="field-row">
            <TextField
              field="expectStatus"
              label="Expected status"
              value={draft.expectStatus}
              onChange={(expectStatus) => update({ expectStatus })}
              hint="comma separated"
              placeholder="any 2xx"
            />
            <TextField
              field="httpTimeout"
              label="Request timeout"
              value={draft.httpTimeout}
              onChange={(httpTimeout) => update({ httpTimeout })}
              placeholder="the job's timeout"
            />
          </div>
          <div className="field-row">
            <TextField
              field="httpHeaders"
              label="Headers"
              value={draft.httpHeaders}
              onChange={(httpHeaders) => update({ httpHeaders })}
              hint="Name: value, one per line"
              rows={2}
              mono
            />
            <TextField
              field="httpBody"
              label="Body"
              value={draft.httpBody}
              onChange={(httpBody) => update({ httpBody })}
              rows={2}
              placeholder="no body"
              mono
            />
          </div>
        </>
      ) : null}
      {draft.actionKind === 'builtin' ? (
        <div className="field-row">
          <Field id="job-builtin" label="Built-in" error={shown('builtin')}>
            <select
              {...fieldAria('job-builtin', shown('builtin'))}
              value={draft.builtin}
              onChange={(event) => update({ builtin: event.target.value as BuiltinName })}
            >
              {BUILTINS.map((name) => (
                <option key={name}>{name}</option>
              ))}
            </select>
          </Field>
          {BUILTIN_OPTIONS[draft.builtin].map((option) => (
            <Field key={option.key} id={`job-with-${option.key}`} label={option.label} narrow>
              <input
                id={`job-with-${option.key}`}
                inputMode="numeric"
                value={draft.builtinWith[option.key] ?? ''}
                onChange={(event) =>
                  update({ builtinWith: { ...draft.builtinWith, [option.key]: event.target.value } })
                }
                placeholder={option.placeholder}
              />
            </Field>
          ))}
        </div>
      ) : null}
      {shown('builtinWith') ? (
        <p className="field-error" role="alert">
          {shown('builtinWith')}
        </p>
      ) : null}
    </fieldset>
  );
}
