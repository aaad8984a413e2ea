/** The editor: a form for one job, or the whole jobs file as YAML. Loaded lazily with its dependencies. */
import { lazy, Suspense } from 'react';
import { Loading } from '../../components/states';
import { useAppStore } from '../../store/store-context';
import { ImportPanel } from './import-panel';
import { JobFormEditor } from './job-form';

// CodeMirror is most of the editor's weight: fetch it only when the YAML tab opens.
const YamlEditor = lazy(() => import('./yaml-editor'));

export default function EditorView({ jobId, mode }: { jobId?: string; mode: 'form' | 'yaml' | 'import' }) {
  const navigate = useAppStore((state) => state.navigate);
  const importing = mode === 'import';
  return (
    <section className="view editor-view" aria-labelledby="editor-heading">
      <div className="toolbar">
        <h1 id="editor-heading" tabIndex={-1}>
          {importing ? 'Import jobs' : mode === 'yaml' ? 'Jobs file' : jobId ? `Edit ${jobId}` : 'New job'}
        </h1>
        <span className="spacer" />
        <button type="button" aria-pressed={importing} onClick={() => navigate({ name: 'editor', mode: 'import' })}>
          Import…
        </button>
        <div className="segmented" role="group" aria-label="Editor mode">
          <button
            type="button"
            aria-pressed={mode === 'form'}
            onClick={() => navigate({ name: 'editor', mode: 'form', ...(jobId ? { jobId } : {}) })}
          >
            Form
          </button>
          <button
            type="button"
            aria-pressed={mode === 'yaml'}
            onClick={() => navigate({ name: 'editor', mode: 'yaml' })}
          >
            YAML
          </button>
        </div>
      </div>
      {importing ? (
        <ImportPanel onClose={() => navigate({ name: 'editor', mode: 'yaml' })} />
      ) : mode === 'yaml' ? (
        <Suspense fallback={<Loading what="the editor" />}>
          <YamlEditor />
        </Suspense>
      ) : (
        <JobFormEditor key={jobId ?? 'new'} {...(jobId ? { jobId } : {})} />
      )}
    </section>
  );
}
