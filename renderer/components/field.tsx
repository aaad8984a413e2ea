/** One labelled form field with its hint or its error, shared by the job form and the settings. */
import type { ReactNode } from 'react';

export function Field({
  id,
  label,
  error,
  hint,
  narrow,
  children,
}: {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  narrow?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={`field${narrow ? ' narrow' : ''}${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && !error ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The aria wiring of the input inside a Field: its id, whether it is invalid, and what describes it. */
export function fieldAria(id: string, error: string | undefined, hasHint = false) {
  return {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : hasHint ? `${id}-hint` : undefined,
  };
}
