/** The window's frame: navigation, the status banners, and the current view. */
import { lazy, Suspense, useEffect } from 'react';
import { formatConfigIssue } from '../shared/format-config-issue';
import { Loading } from './components/states';
import { formatWhen } from './lib/format';
import { useKeyboard } from './lib/use-keyboard';
import { useAppStore, useAppStoreApi } from './store/store-context';
import type { View } from './store/view';
import { JobDetailView } from './views/job-detail-view';
import { JobsView } from './views/jobs-view';
import { TimelineView } from './views/timeline-view';
import { ChecksView } from './views/monitor/checks-view';

// The editor carries the form validator and (lazily, again) CodeMirror: most sessions never open it.
const EditorView = lazy(() => import('./views/editor/editor-view'));
// Settings edit the jobs file through the yaml library; load it only when asked for.
const SettingsView = lazy(() => import('./views/settings-view'));

const TABS: Array<{ label: string; view: View; matches: View['name'][] }> = [
  { label: 'Jobs', view: { name: 'jobs' }, matches: ['jobs', 'job'] },
  { label: 'Timeline', view: { name: 'timeline' }, matches: ['timeline'] },
  { label: 'Checks', view: { name: 'checks' }, matches: ['checks'] },
  { label: 'Editor', view: { name: 'editor', mode: 'yaml' }, matches: ['editor'] },
  { label: 'Settings', view: { name: 'settings' }, matches: ['settings'] },
];

export function App() {
  const store = useAppStoreApi();
  const view = useAppStore((state) => state.view);
  useKeyboard(store);

  useEffect(() => {
    const disconnect = store.getState().connect();
    void store.getState().load();
    return disconnect;
  }, [store]);

  return (
    <div className="app">
      <header className="app-header">
        <span className="brand" aria-hidden="true">
          ◷ Cronbar
        </span>
        <nav aria-label="Views">
          {TABS.map((tab) => (
            <button
              key={tab.label}
              type="button"
              className="tab"
              aria-current={tab.matches.includes(view.name) ? 'page' : undefined}
              onClick={() => store.getState().navigate(tab.view)}
            >
              {tab.label}
            </button>
          ))}
        </nav>
        <span className="spacer" />
        <SchedulerSummary />
      </header>
      <Banners />
      <Notice />
      <main className="app-main">
        <CurrentView view={view} />
      </main>
    </div>
  );
}

function CurrentView({ view }: { view: View }) {
  switch (view.name) {
    case 'jobs':
      return <JobsView />;
    case 'job':
      return <JobDetailView key={view.jobId} jobId={view.jobId} {...(view.runId ? { runId: view.runId } : {})} />;
    case 'timeline':
      return <TimelineView />;
    case 'checks':
      return <ChecksView />;
    case 'editor':
      return (
        <Suspense fallback={<Loading what="the editor" />}>
          <EditorView mode={view.mode} {...(view.jobId ? { jobId: view.jobId } : {})} />
        </Suspense>
      );
    case 'settings':
      return (
        <Suspense fallback={<Loading what="settings" />}>
          <SettingsView />
        </Suspense>
      );
  }
}

function SchedulerSummary() {
  const status = useAppStore((state) => state.status);
  const pauseAll = useAppStore((state) => state.pauseAll);
  if (!status) return null;
  return (
    <div className="summary-bar">
      <span className="muted" aria-live="polite">
        {status.running} running · {status.queued} queued · {status.jobCount} jobs
      </span>
      {status.pausedAll ? null : (
        <button type="button" onClick={() => void pauseAll()}>
          Pause all
        </button>
      )}
    </div>
  );
}

function Banners() {
  const status = useAppStore((state) => state.status);
  const issues = useAppStore((state) => state.configIssues);
  const resumeAll = useAppStore((state) => state.resumeAll);
  const navigate = useAppStore((state) => state.navigate);
  return (
    <>
      {status?.pausedAll ? (
        <div className="banner banner-paused" role="status">
          <strong>Everything is paused</strong>
          {status.pausedAllUntil ? ` until ${formatWhen(status.pausedAllUntil, Date.now())}` : ' until you resume'}. No
          job starts on its schedule.
          <button type="button" onClick={() => void resumeAll()}>
            Resume all
          </button>
        </div>
      ) : null}
      {status && !status.scheduling ? (
        <div className="banner banner-warning" role="status">
          Another Cronbar is scheduling these jobs{status.lockHolder ? ` (${status.lockHolder})` : ''}; this window only
          shows them.
        </div>
      ) : null}
      {issues.length > 0 ? (
        <div className="banner banner-error" role="alert">
          <strong>The jobs file has {issues.length === 1 ? 'a problem' : `${issues.length} problems`}</strong>; the last
          good jobs keep running.
          <span className="mono"> {formatConfigIssue(issues[0]!)}</span>
          <button type="button" onClick={() => navigate({ name: 'editor', mode: 'yaml' })}>
            Open the jobs file
          </button>
        </div>
      ) : null}
    </>
  );
}

function Notice() {
  const notice = useAppStore((state) => state.notice);
  const dismiss = useAppStore((state) => state.dismissNotice);
  if (!notice) return null;
  return (
    <div
      className={`banner ${notice.kind === 'error' ? 'banner-error' : 'banner-info'}`}
      role={notice.kind === 'error' ? 'alert' : 'status'}
    >
      {notice.text}
      <button type="button" onClick={dismiss} aria-label="Dismiss message">
        ✕
      </button>
    </div>
  );
}
