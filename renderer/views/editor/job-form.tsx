/**
 * Add or edit one job: a shell around the groups in `form-groups/` (each edits part of the draft). Checked live against
 * the jobs-file schema; nothing is sent while a field is wrong, and a problem the save finds is shown at its field.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ApiError } from '../../../shared/api/contract';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorBox, Loading } from '../../components/states';
import { toApiError, unwrap } from '../../lib/api-error';
import { useApi, useAppStore } from '../../store/store-context';
import { type FileContext, readFileContext } from './file-context';
import { FORM_GROUPS } from './form-groups';
import { FormContext, type FormContextValue } from './form-groups/group-props';
import {
  EMPTY_FORM,
  FILL_IN,
  type FieldName,
  type JobForm as Form,
  fieldOfFilePath,
  formFromSource,
  jobFromForm,
  validateForm,
} from './job-form-model';
import { JOB_TEMPLATES } from './templates';

export function JobFormEditor({ jobId }: { jobId?: string }) {
  const api = useApi();
  const navigate = useAppStore((state) => state.navigate);
  const refreshJobs = useAppStore((state) => state.refreshJobs);
  const guardLeave = useAppStore((state) => state.guardLeave);
  const jobIds = useAppStore((state) => state.jobs.map((job) => job.id).join('\n'));
  const [form, setForm] = useState<Form | null>(
    jobId ? null : { ...EMPTY_FORM, ...formFromSource(JOB_TEMPLATES[0]!.source), id: '', name: '' },
  );
  // The form as loaded (or as a template filled it): anything else is an edit the admin would lose by leaving.
  const [pristine, setPristine] = useState<Form | null>(form);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [touched, setTouched] = useState<Partial<Record<FieldName, true>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<ApiError | null>(null);

  // The file's version when an existing job was opened: the save is refused if the file changed on disk since, so an
  // edit made meanwhile (in another editor, or the YAML tab) is never overwritten unseen.
  const [baseVersion, setBaseVersion] = useState<string | null>(null);
  const [loads, setLoads] = useState(0);
  const [fileContext, setFileContext] = useState<FileContext>(() => readFileContext(''));

  // Leaving with unsaved edits (Cancel, Esc, a tab, the tray) asks first; `leave` is held here until answered.
  const dirty = useMemo(() => JSON.stringify(form) !== JSON.stringify(pristine), [form, pristine]);
  const dirtyRef = useRef(dirty);
  useEffect(() => {
    dirtyRef.current = dirty;
  }, [dirty]);
  const [pendingLeave, setPendingLeave] = useState<(() => void) | null>(null);
  useEffect(
    () =>
      guardLeave((leave) => {
        if (!dirtyRef.current) return false;
        setPendingLeave(() => leave);
        return true;
      }),
    [guardLeave],
  );

  // A new job's form offers the file's channels too; an edited job's are read with the job below.
  useEffect(() => {
    if (jobId) return;
    let cancelled = false;
    unwrap(api.readConfig({})).then(
      (file) => !cancelled && setFileContext(readFileContext(file.text)),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [api, jobId]);

  useEffect(() => {
    if (!jobId) return;
    let cancelled = false;
    // The version is read before the job, so a change in between makes the save refuse rather than overwrite.
    unwrap(api.readConfig({}))
      .then(async (file) => ({ file, detail: await unwrap(api.getJob({ id: jobId })) }))
      .then(
        ({ file, detail }) => {
          if (cancelled) return;
          setBaseVersion(file.version);
          setFileContext(readFileContext(file.text, jobId));
          const loaded = formFromSource(detail.source);
          setForm(loaded);
          setPristine(loaded);
          setTouched({});
          setSubmitted(false);
          setSaveError(null);
        },
        (error: unknown) => !cancelled && setLoadError(toApiError(error)),
      );
    return () => {
      cancelled = true;
    };
  }, [api, jobId, loads]);

  const takenIds = useMemo(() => jobIds.split('\n').filter((id) => id && id !== jobId), [jobIds, jobId]);
  const errors = useMemo(() => (form ? validateForm(form, takenIds) : {}), [form, takenIds]);
  const valid = Object.keys(errors).length === 0;

  if (loadError) return <ErrorBox title={`Could not open job ${jobId} for editing`} error={loadError} />;
  if (!form) return <Loading what="the job" />;

  // A problem the save found in the file, placed at its field until the admin edits the form again.
  const placed: Partial<Record<FieldName, string>> = {};
  for (const issue of saveError?.issues ?? []) {
    const field = fieldOfFilePath(issue.path, fileContext.jobIndex);
    if (field) placed[field] ??= issue.message;
  }
  const update = (patch: Partial<Form>) => {
    setForm((current) => (current ? { ...current, ...patch } : current));
    setSaveError(null);
  };
  const context: FormContextValue = {
    // Errors show once a field was left or a save was tried; typing a first character is not yet a mistake.
    shown: (field) => placed[field] ?? (submitted || touched[field] ? errors[field] : undefined),
    touch: (field) => () => setTouched((current) => (current[field] ? current : { ...current, [field]: true })),
    ...fileContext,
    otherJobIds: takenIds,
    editingId: jobId,
  };
  const { shown } = context;

  const applyTemplate = (key: string) => {
    const template = JOB_TEMPLATES.find((entry) => entry.key === key);
    if (template) {
      const filled = formFromSource(template.source);
      setForm(filled);
      setPristine(filled);
    }
    setTouched({});
    setSubmitted(false);
  };

  const save = async () => {
    setSubmitted(true);
    setSaveError(null);
    if (!valid) return;
    setSaving(true);
    try {
      const saved = await unwrap(
        api.saveJob({
          job: jobFromForm(form),
          ...(jobId ? { replaceId: jobId } : {}),
          ...(baseVersion ? { baseVersion } : {}),
        }),
      );
      // Saved: nothing is left to lose, so the move to the job does not ask.
      dirtyRef.current = false;
      await refreshJobs();
      navigate({ name: 'job', jobId: saved.id });
    } catch (error) {
      setSaveError(toApiError(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className="job-form"
      aria-label={jobId ? `Edit job ${jobId}` : 'New job'}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      {jobId ? null : (
        <div className="templates" role="group" aria-label="Start from a template">
          <span className="muted">Start from:</span>
          {JOB_TEMPLATES.map((template) => (
            <button key={template.key} type="button" className="chip" onClick={() => applyTemplate(template.key)}>
              {template.label}
            </button>
          ))}
        </div>
      )}
      {FILL_IN.test(JSON.stringify(jobFromForm(form))) ? (
        <p className="hint fill-in-note">
          Replace each value marked «like this» with your own; saving waits until then.
        </p>
      ) : null}

      <FormContext.Provider value={context}>
        {FORM_GROUPS.map(({ key, Group }) => (
          <Group key={key} draft={form} update={update} />
        ))}
      </FormContext.Provider>
      {Object.keys(form.extra).length > 0 ? (
        <p className="muted">Also kept as written: {Object.keys(form.extra).join(', ')}.</p>
      ) : null}

      {shown('form') ? (
        <p className="field-error" role="alert">
          {errors.form}
        </p>
      ) : null}
      {saveError ? <ErrorBox title="Not saved" error={saveError} /> : null}
      {saveError?.code === 'conflict' && jobId ? (
        <p className="button-row">
          <button type="button" onClick={() => setLoads((count) => count + 1)}>
            Reload the job from disk (drops your edits)
          </button>
        </p>
      ) : null}
      <div className="button-row form-actions">
        <button type="submit" className="primary" disabled={saving || (submitted && !valid)}>
          {saving ? 'Saving…' : jobId ? 'Save changes' : 'Add job'}
        </button>
        <button type="button" onClick={() => navigate(jobId ? { name: 'job', jobId } : { name: 'jobs' })}>
          Cancel
        </button>
        {submitted && !valid ? <span className="error-text">Fix the marked fields; nothing was saved.</span> : null}
      </div>
      {pendingLeave ? (
        <ConfirmDialog
          title="Discard your changes?"
          message={
            jobId
              ? `Your edits to ${jobId} are not saved. Leaving drops them.`
              : 'This new job is not saved. Leaving drops it.'
          }
          cancelLabel="Keep editing"
          confirmLabel="Discard changes"
          onCancel={() => setPendingLeave(null)}
          onConfirm={() => {
            setPendingLeave(null);
            pendingLeave();
          }}
        />
      ) : null}
    </form>
  );
}
