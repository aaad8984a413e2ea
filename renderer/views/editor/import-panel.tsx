/**
 * Import…: paste a crontab (or pick crontab, systemd or launchd files), see the jobs it becomes — schedule in words,
 * next fires — and everything that cannot be carried over, then add them to the jobs file. The core does the reading
 * (previewImport / importJobs); this view only shows and sends.
 */
import { useState } from 'react';
import type { ApiError, MethodOutput } from '../../../shared/api/contract';
import { ErrorBox } from '../../components/states';
import { toApiError, unwrap } from '../../lib/api-error';
import { formatDateTime, formatSpan } from '../../lib/format';
import { useApi, useAppStore } from '../../store/store-context';
import { ImportStillRuns } from './import-still-runs';

type Format = 'crontab' | 'systemd' | 'launchd';
type Preview = MethodOutput<'previewImport'>;
type Imported = MethodOutput<'importJobs'>;
type Policies = Preview['jobs'][number]['policies'];

/** A job's overlap, catch-up and timeout in words, the ones the source decided marked as such. */
function policyWords(policies: Policies): string {
  const words = {
    overlap:
      policies.overlap === 'parallel'
        ? 'runs may overlap'
        : policies.overlap === 'skip'
          ? 'no overlapping runs'
          : `overlap: ${policies.overlap}`,
    catchUp:
      policies.catchUp === 'skip'
        ? 'nothing missed is caught up'
        : policies.catchUp === 'once'
          ? 'a missed run is caught up once'
          : `catch-up: ${policies.catchUp}`,
    timeout: policies.timeoutMs === 0 ? 'no timeout' : `timeout ${formatSpan(policies.timeoutMs)}`,
  };
  return (['overlap', 'catchUp', 'timeout'] as const)
    .map((key) => `${words[key]}${policies.fromSource.includes(key) ? ' (from the source)' : ''}`)
    .join(' · ');
}
interface SourceFile {
  name: string;
  text: string;
}

/** What pasted text is called in the losses; a systemd paste is a timer (its service can be picked as a file). */
const PASTED: Record<Format, string> = { crontab: 'pasted crontab', systemd: 'pasted.timer', launchd: 'pasted.plist' };

/** A picked file's text (FileReader: what every engine the window runs in, and jsdom, provide). */
function readText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('could not read the file'));
    reader.readAsText(file);
  });
}

export function ImportPanel({ onClose }: { onClose: () => void }) {
  const api = useApi();
  const refreshJobs = useAppStore((state) => state.refreshJobs);
  const [format, setFormat] = useState<Format>('crontab');
  const [text, setText] = useState('');
  const [picked, setPicked] = useState<SourceFile[]>([]);
  const [systemCrontab, setSystemCrontab] = useState(false);
  const [prefix, setPrefix] = useState('');
  const [cronbarDefaults, setCronbarDefaults] = useState(false);
  const [preview, setPreview] = useState<{ result: Preview; version: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [added, setAdded] = useState<Imported | null>(null);

  const files: SourceFile[] = picked.length > 0 ? picked : text.trim() ? [{ name: PASTED[format], text }] : [];
  const input = (defaults = cronbarDefaults) => ({
    format,
    files,
    ...(prefix.trim() ? { prefix: prefix.trim() } : {}),
    ...(format === 'crontab' && systemCrontab ? { systemCrontab: true } : {}),
    ...(defaults ? { policies: 'cronbar' as const } : {}),
  });
  const changed = () => {
    setPreview(null);
    setAdded(null);
    setError(null);
  };

  const pick = async (list: FileList | null) => {
    changed();
    // Read here, in the window: the core gets the text, never a path to open.
    setPicked(
      list ? await Promise.all([...list].map(async (file) => ({ name: file.name, text: await readText(file) }))) : [],
    );
  };

  const runPreview = async (defaults = cronbarDefaults) => {
    setBusy(true);
    changed();
    try {
      // The version is read first, so an edit made meanwhile makes the import refuse rather than overwrite it.
      const { version } = await unwrap(api.readConfig({}));
      setPreview({ result: await unwrap(api.previewImport(input(defaults))), version });
    } catch (failure) {
      setError(toApiError(failure));
    } finally {
      setBusy(false);
    }
  };

  const runImport = async () => {
    if (!preview) return;
    setBusy(true);
    setError(null);
    try {
      const result = await unwrap(api.importJobs({ ...input(), baseVersion: preview.version }));
      setAdded(result);
      setPreview(null);
      // Imported: clear the source so a second click cannot add the same jobs again (as -2 copies).
      setText('');
      setPicked([]);
      await refreshJobs();
    } catch (failure) {
      setError(toApiError(failure));
    } finally {
      setBusy(false);
    }
  };

  const jobs = preview?.result.jobs ?? [];
  const losses = preview?.result.losses ?? [];
  const already = preview?.result.alreadyInCronbar ?? [];
  const fromSource = jobs.some((job) => job.policies.fromSource.length > 0);
  // What still runs the jobs: after an import, or at once when the file has every one already (nothing to add).
  const stillRuns = added
    ? added.sourceStillRuns
    : preview && jobs.length === 0 && already.length > 0
      ? preview.result.sourceStillRuns
      : null;
  return (
    <section className="import-panel" aria-labelledby="import-heading">
      <div className="toolbar">
        <h2 id="import-heading">From crontab, systemd or launchd</h2>
        <span className="spacer" />
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <div className="import-source">
        <label className="inline-label">
          Format
          <select value={format} onChange={(event) => (setFormat(event.target.value as Format), changed())}>
            <option value="crontab">crontab</option>
            <option value="systemd">systemd timer + service</option>
            <option value="launchd">launchd plist</option>
          </select>
        </label>
        <label className="inline-label">
          Files
          <input
            type="file"
            multiple
            aria-label="Pick files to import"
            onChange={(event) => void pick(event.target.files)}
          />
        </label>
        {format === 'crontab' ? (
          <label className="inline-label">
            <input
              type="checkbox"
              checked={systemCrontab}
              onChange={(event) => (setSystemCrontab(event.target.checked), changed())}
            />
            System crontab (a user field after the times)
          </label>
        ) : null}
        <label className="inline-label">
          Id prefix
          <input value={prefix} size={10} onChange={(event) => (setPrefix(event.target.value), changed())} />
        </label>
      </div>
      {picked.length > 0 ? (
        <p className="muted">
          {picked.map((file) => file.name).join(', ')}{' '}
          <button type="button" onClick={() => (setPicked([]), changed())}>
            Paste instead
          </button>
        </p>
      ) : (
        <textarea
          className="import-text mono"
          aria-label={
            format === 'crontab'
              ? 'Crontab to import'
              : format === 'systemd'
                ? 'Timer unit to import'
                : 'Property list to import'
          }
          placeholder={
            format === 'crontab'
              ? '# paste the output of crontab -l\n0 2 * * * /usr/local/bin/backup.sh'
              : format === 'systemd'
                ? '[Timer]\nOnCalendar=daily\n(pick the .service as a file, with the .timer)'
                : '<?xml version="1.0"?>\n<plist version="1.0">…'
          }
          rows={8}
          value={text}
          spellCheck={false}
          onChange={(event) => (setText(event.target.value), changed())}
        />
      )}
      <div className="button-row">
        <button type="button" disabled={busy || files.length === 0} onClick={() => void runPreview()}>
          Preview
        </button>
        {preview ? (
          <button
            type="button"
            className="primary"
            disabled={busy || jobs.length === 0}
            onClick={() => void runImport()}
          >
            Add {jobs.length} job{jobs.length === 1 ? '' : 's'}
          </button>
        ) : null}
      </div>
      {error ? <ErrorBox title="Not imported" error={error} /> : null}
      {added ? (
        <p role="status" className="import-added">
          {added.ids.length > 0
            ? `Added ${added.ids.length} job${added.ids.length === 1 ? '' : 's'}: ${added.ids.join(', ')}`
            : 'Nothing new: every job is in Cronbar already'}
        </p>
      ) : null}
      {stillRuns ? <ImportStillRuns key={added ? 'added' : 'preview'} still={stillRuns} /> : null}
      {preview ? (
        <>
          <h3>
            {jobs.length > 0
              ? `${jobs.length} job${jobs.length === 1 ? '' : 's'} to add`
              : already.length > 0
                ? 'Nothing new: every job is in Cronbar already'
                : 'Nothing can be imported'}
          </h3>
          {fromSource || cronbarDefaults ? (
            <label className="inline-label import-policies-choice">
              <input
                type="checkbox"
                checked={cronbarDefaults}
                disabled={busy}
                onChange={(event) => {
                  setCronbarDefaults(event.target.checked);
                  void runPreview(event.target.checked);
                }}
              />
              Use Cronbar&apos;s defaults for overlap, catch-up and timeout instead of the source&apos;s (cron never
              stops a job: &quot;no timeout&quot; is rarely wanted)
            </label>
          ) : null}
          <ul className="import-jobs" aria-label="Jobs to import">
            {jobs.map((job) => (
              <li key={job.id}>
                <div>
                  <strong className="mono">{job.id}</strong>{' '}
                  <span className="muted">
                    from {job.file}:{job.line}
                  </span>
                  {job.source.enabled === false ? <span className="badge"> disabled</span> : null}
                </div>
                <div>
                  <span className="mono">{String(job.source.cron ?? job.source.every)}</span> — {job.description}
                  {job.source.timezone ? <span className="muted"> ({job.timezone})</span> : null}
                </div>
                <div className="muted mono">
                  {Array.isArray(job.source.command) ? job.source.command.join(' ') : String(job.source.command)}
                </div>
                <div className="import-policies">{policyWords(job.policies)}</div>
                <div className="import-fires">
                  Next:{' '}
                  {job.nextFires.length > 0
                    ? job.nextFires.map((at) => (
                        <time key={at} dateTime={new Date(at).toISOString()}>
                          {formatDateTime(at, job.timezone)}
                        </time>
                      ))
                    : 'none'}
                </div>
              </li>
            ))}
          </ul>
          {already.length > 0 ? (
            <>
              <h3>Already in Cronbar, not added again ({already.length})</h3>
              <ul className="import-losses import-already" aria-label="Already in Cronbar">
                {already.map((entry, index) => (
                  <li key={index}>
                    <span className="mono">
                      {entry.file}
                      {entry.line > 0 ? `:${entry.line}` : ''}
                    </span>{' '}
                    {entry.reason}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {losses.length > 0 ? (
            <>
              <h3>Not carried over exactly ({losses.length})</h3>
              <ul className="import-losses" aria-label="Not carried over">
                {losses.map((loss, index) => (
                  <li key={index}>
                    <span className="mono">
                      {loss.file}
                      {loss.line > 0 ? `:${loss.line}` : ''}
                    </span>{' '}
                    {loss.reason}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p className="muted">Everything carries over exactly.</p>
          )}
        </>
      ) : null}
    </section>
  );
}
