/** Add or edit one job. Checked live against the jobs-file schema; nothing is sent while a field is wrong. */
import { useEffect, useMemo, useRef, useState } from 'react';
import { BUILTINS, OVERLAP_POLICIES } from '../../../shared/config/schema';
import type { ApiError } from '../../../shared/api/contract';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Field, fieldAria } from '../../components/field';
import { ErrorBox, Loading } from '../../components/states';
import { toApiError, unwrap } from '../../lib/api-error';
import { useApi, useAppStore } from '../../store/store-context';
import {
  EMPTY_FORM,
  type FieldName,
  type JobForm as Form,
  formFromSource,
  jobFromForm,
  validateForm,
} from './job-form-model';
import { SchedulePreview } from './schedule-preview';
import { JOB_TEMPLATES } from './templates';

const SCHEDULE_HINT = {
  cron: 'for example 0 2 * * * (02:00 daily) or */15 * * * *',
  every: 'for example 30s, 15m, 2h, 1d',
  at: 'one run, for example 2027-01-01T09:00',
};

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

  useEffect(() => {
    if (!jobId) return;
    let cancelled = false;
    // The version is read before the job, so a change in between makes the save refuse rather than overwrite.
    unwrap(api.readConfig({}))
      .then(async (file) => ({ version: file.version, detail: await unwrap(api.getJob({ id: jobId })) }))
      .then(
        ({ version, detail }) => {
          if (cancelled) return;
          setBaseVersion(version);
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

  const set = <K extends keyof Form>(key: K, value: Form[K]) =>
    setForm((current) => (current ? { ...current, [key]: value } : current));
  // Errors show once a field was left or a save was tried; typing a first character is not yet a mistake.
  const shown = (field: FieldName) => (submitted || touched[field] ? errors[field] : undefined);
  const touch = (field: FieldName) => () => setTouched((current) => ({ ...current, [field]: true }));

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

      <fieldset>
        <legend>Job</legend>
        <div className="field-row">
          <Field id="job-id" label="Id" error={shown('id')} hint="letters, digits, . _ -; used in history and the CLI">
            <input
              {...fieldAria('job-id', shown('id'), true)}
              value={form.id}
              onChange={(event) => set('id', event.target.value)}
              onBlur={touch('id')}
              readOnly={Boolean(jobId)}
              autoComplete="off"
              spellCheck={false}
            />
          </Field>
          <Field id="job-name" label="Name" error={shown('name')}>
            <input
              {...fieldAria('job-name', shown('name'))}
              value={form.name}
              onChange={(event) => set('name', event.target.value)}
              onBlur={touch('name')}
              placeholder="defaults to the id"
            />
          </Field>
        </div>
        <Field id="job-description" label="Description" error={shown('description')}>
          <input
            {...fieldAria('job-description', shown('description'))}
            value={form.description}
            onChange={(event) => set('description', event.target.value)}
          />
        </Field>
        <div className="field-row">
          <Field id="job-tags" label="Tags" error={shown('tags')} hint="comma separated">
            <input
              {...fieldAria('job-tags', shown('tags'), true)}
              value={form.tags}
              onChange={(event) => set('tags', event.target.value)}
              onBlur={touch('tags')}
            />
          </Field>
          <div className="field checkbox-field">
            <label>
              <input
                type="checkbox"
                checked={form.enabled}
                onChange={(event) => set('enabled', event.target.checked)}
              />{' '}
              Enabled
            </label>
          </div>
        </div>
      </fieldset>

      <fieldset>
        <legend>When</legend>
        <div className="field-row">
          <Field id="job-schedule-kind" label="Kind" narrow>
            <select
              id="job-schedule-kind"
              value={form.scheduleKind}
              onChange={(event) => set('scheduleKind', event.target.value as Form['scheduleKind'])}
            >
              <option value="cron">cron</option>
              <option value="every">every</option>
              <option value="at">once at</option>
            </select>
          </Field>
          <Field id="job-schedule" label="Schedule" error={shown('schedule')} hint={SCHEDULE_HINT[form.scheduleKind]}>
            <input
              {...fieldAria('job-schedule', shown('schedule'), true)}
              className="mono"
              value={form.schedule}
              onChange={(event) => {
                set('schedule', event.target.value);
                // A schedule is checked as it is typed: the preview and the error answer together.
                touch('schedule')();
              }}
              autoComplete="off"
              spellCheck={false}
            />
          </Field>
          <Field
            id="job-timezone"
            label="Time zone"
            error={shown('timezone')}
            hint="IANA name; empty uses the defaults"
          >
            <input
              {...fieldAria('job-timezone', shown('timezone'), true)}
              value={form.timezone}
              onChange={(event) => set('timezone', event.target.value)}
              onBlur={touch('timezone')}
              placeholder="Europe/Berlin"
            />
          </Field>
        </div>
        {errors.schedule ? null : (
          <SchedulePreview
            kind={form.scheduleKind}
            text={form.schedule}
            timezone={errors.timezone ? '' : form.timezone}
          />
        )}
      </fieldset>

      <fieldset>
        <legend>What</legend>
        <div className="field-row">
          <Field id="job-action-kind" label="Action" narrow>
            <select
              id="job-action-kind"
              value={form.actionKind}
              onChange={(event) => set('actionKind', event.target.value as Form['actionKind'])}
            >
              <option value="command">command</option>
              <option value="http">HTTP request</option>
              <option value="builtin">built-in</option>
            </select>
          </Field>
          {form.actionKind === 'command' ? (
            <Field id="job-command-mode" label="Run as" narrow>
              <select
                id="job-command-mode"
                value={form.commandMode}
                onChange={(event) => set('commandMode', event.target.value as Form['commandMode'])}
              >
                <option value="shell">shell line</option>
                <option value="args">arguments, no shell</option>
              </select>
            </Field>
          ) : null}
        </div>
        {form.actionKind === 'command' ? (
          <Field
            id="job-command"
            label="Command"
            error={shown('command')}
            hint={form.commandMode === 'args' ? 'one argument per line' : 'run by your shell'}
          >
            {form.commandMode === 'args' ? (
              <textarea
                {...fieldAria('job-command', shown('command'), true)}
                className="mono"
                rows={4}
                value={form.command}
                onChange={(event) => set('command', event.target.value)}
                onBlur={touch('command')}
                spellCheck={false}
              />
            ) : (
              <input
                {...fieldAria('job-command', shown('command'), true)}
                className="mono"
                value={form.command}
                onChange={(event) => set('command', event.target.value)}
                onBlur={touch('command')}
                spellCheck={false}
              />
            )}
          </Field>
        ) : null}
        {form.actionKind === 'http' ? (
          <div className="field-row">
            <Field id="job-method" label="Method" narrow>
              <select id="job-method" value={form.method} onChange={(event) => set('method', event.target.value)}>
                {['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'].map((method) => (
                  <option key={method}>{method}</option>
                ))}
              </select>
            </Field>
            <Field id="job-url" label="URL" error={shown('url')}>
              <input
                {...fieldAria('job-url', shown('url'))}
                className="mono"
                value={form.url}
                onChange={(event) => set('url', event.target.value)}
                onBlur={touch('url')}
                placeholder="https://"
              />
            </Field>
            <Field id="job-expect" label="Expected status" error={shown('expectStatus')} hint="empty: any 2xx">
              <input
                {...fieldAria('job-expect', shown('expectStatus'), true)}
                value={form.expectStatus}
                onChange={(event) => set('expectStatus', event.target.value)}
                onBlur={touch('expectStatus')}
              />
            </Field>
          </div>
        ) : null}
        {form.actionKind === 'builtin' ? (
          <Field id="job-builtin" label="Built-in" error={shown('builtin')}>
            <select
              {...fieldAria('job-builtin', shown('builtin'))}
              value={form.builtin}
              onChange={(event) => set('builtin', event.target.value)}
            >
              {BUILTINS.map((name) => (
                <option key={name}>{name}</option>
              ))}
            </select>
          </Field>
        ) : null}
        <div className="field-row">
          <Field id="job-timeout" label="Timeout" error={shown('timeout')} hint="empty uses the defaults (1h)">
            <input
              {...fieldAria('job-timeout', shown('timeout'), true)}
              value={form.timeout}
              onChange={(event) => set('timeout', event.target.value)}
              onBlur={touch('timeout')}
              placeholder="30m"
            />
          </Field>
          <Field id="job-overlap" label="If still running" error={shown('overlap')}>
            <select
              {...fieldAria('job-overlap', shown('overlap'))}
              value={form.overlap}
              onChange={(event) => set('overlap', event.target.value)}
            >
              <option value="">use the defaults</option>
              {OVERLAP_POLICIES.map((policy) => (
                <option key={policy} value={policy}>
                  {policy}
                </option>
              ))}
            </select>
          </Field>
        </div>
        {Object.keys(form.extra).length > 0 ? (
          <p className="muted">Also kept as written: {Object.keys(form.extra).join(', ')}.</p>
        ) : null}
      </fieldset>

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
