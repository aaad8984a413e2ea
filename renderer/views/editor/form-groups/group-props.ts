/**
 * What every group of the job form gets: the draft and a way to change it. What a group needs besides (errors shown so
 * far, the file's channel names, the other jobs' ids) comes from `FormContext`, so a new group is one file and one line
 * in `index.ts`.
 */
import { createContext, useContext } from 'react';
import type { FileContext } from '../file-context';
import type { FieldName, JobForm } from '../job-form-model';

export interface GroupProps {
  draft: JobForm;
  update: (patch: Partial<JobForm>) => void;
}

export interface FormContextValue extends FileContext {
  /** The error to show at a field: once it was left, or a save was tried, or the server placed one there. */
  shown: (field: FieldName) => string | undefined;
  /** Marks a field as left, so its error shows. */
  touch: (field: FieldName) => () => void;
  /** The jobs this one may run after (every other job of the file). */
  otherJobIds: readonly string[];
  /** The id of the job being edited; undefined for a new job. */
  editingId: string | undefined;
}

export const FormContext = createContext<FormContextValue | null>(null);

export function useFormContext(): FormContextValue {
  const value = useContext(FormContext);
  if (!value) throw new Error('a job form group is rendered outside the job form');
  return value;
}
