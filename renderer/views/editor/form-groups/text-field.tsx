/** One text input of the job form, wired to its field's error and hint. */
import { Field, fieldAria } from '../../../components/field';
import type { FieldName } from '../job-form-model';
import { useFormContext } from './group-props';

export function TextField({
  field,
  label,
  value,
  onChange,
  hint,
  placeholder,
  mono,
  rows,
  narrow,
  readOnly,
}: {
  field: FieldName;
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  placeholder?: string;
  mono?: boolean;
  /** A textarea of this many rows instead of one line. */
  rows?: number;
  narrow?: boolean;
  readOnly?: boolean;
}) {
  const { shown, touch } = useFormContext();
  const id = `job-${field}`;
  const error = shown(field);
  const props = {
    ...fieldAria(id, error, Boolean(hint)),
    className: mono ? 'mono' : undefined,
    value,
    onBlur: touch(field),
    placeholder,
    spellCheck: false,
    autoComplete: 'off',
    readOnly,
  };
  return (
    <Field id={id} label={label} error={error} hint={hint} narrow={narrow ?? false}>
      {rows ? (
        <textarea {...props} rows={rows} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input {...props} onChange={(event) => onChange(event.target.value)} />
      )}
    </Field>
  );
}
