/** The window's frame: navigation, the status banners, and the current view. */
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { PauseAllDialog } from './components/pause-all-dialog';
import { ShortcutsSheet } from './components/shortcuts-sheet';
import { formatConfigIssue } from '../shared/format-config-issue';
import { Loading } from './components/states';
import { formatWhen } from './lib/format';
import { useKeyboard } from './lib/use-keyboard';
import { loadPauseMorning } from './lib/pause-morning';
import { useApi, useAppStore, useAppStoreApi } from './store/store-context';
import type { View } from './store/view';
import { JobDetailView } from './views/job-detail-view';
import { JobsView } from './views/jobs-view';
import { RunDrawer } from './views/run-drawer';
import { TimelineView } from './views/timeline-view';
import { ChecksView } from './views/monitor/checks-view';

// The editor carries the form validator and (lazily, again) CodeMirror: most sessions never open it.
const EditorView = lazy(() => import('./views/editor/editor-view'));
// Settings edit the jobs file through the yaml library; load it only when asked for.
const SettingsView = lazy(() => import('./views/settings-view'));

const TABS: Array<{ label: string; view: View; matches: View['name'][]; badge?: 'checks' }> = [
  { label: 'Jobs', view: { name: 'jobs' }, matches: ['jobs', 'job'] },
  { label: 'Timeline', view: { name: 'timeline' }, matches: ['timeline'] },
  { label: 'Checks', view: { name: 'checks' }, matches: ['checks'], badge: 'checks' },
  { label: 'Editor', view: { name: 'editor', mode: 'yaml' }, matches: ['editor'] },
  { label: 'Settings', view: { name: 'settings' }, matches: ['settings'] },
];

export function App() {
  const store = useAppStoreApi();
  const api = useApi();
  const view = useAppStore((state) => state.view);
  const shortcutsOpen = useAppStore((state) => state.shortcutsOpen);
  useKeyboard(store);
  useFocusOnNavigation(view);

  useEffect(() => {
    const disconnect = store.getState().connect();
    void store.getState().load();
    void loadPauseMorning(api);
    return disconnect;
  }, [store, api]);

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
              {tab.badge ? <ChecksBadge /> : null}
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
      <RunDrawer />
      {shortcutsOpen ? <ShortcutsSheet onClose={() => store.getState().setShortcutsOpen(false)} /> : null}
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

/**
 * Focus follows the admin: a new view's heading takes focus (screen readers announce it, Tab starts there), and
 * coming back to the list puts focus on the row they left.
 */
function useFocusOnNavigation(view: View) {
  const first = useRef(true);
  const key = JSON.stringify(view);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    let tries = 0;
    let timer: ReturnType<typeof setTimeout>;
    // Lazy views (editor, settings) render their heading a little later.
    const place = () => {
      const main = document.querySelector('.app-main');
      if (view.name === 'jobs') {
        const row = document.querySelector<HTMLElement>('.job-row.selected .job-name');
        if (row) return row.focus();
      }
      const heading = main?.querySelector<HTMLElement>('h1');
      if (heading) {
        if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
        heading.focus();
      } else if (tries++ < 20) timer = setTimeout(place, 50);
    };
    timer = setTimeout(place, 0);
    // The retries too: a window closed (or a test ended) meanwhile has no document to look in.
    return () => clearTimeout(timer);
  }, [key, view.name]);
}

function ChecksBadge() {
  const checks = useAppStore((state) => state.checks);
  if (checks.length === 0) return null;
  const down = checks.filter((check) => check.state === 'down' || check.state === 'late').length;
  return (
    <span
      className={`tab-badge${down > 0 ? ' tab-badge-down' : ''}`}
      aria-label={down > 0 ? `${checks.length} checks, ${down} late or down` : `${checks.length} checks`}
    >
      {down > 0 ? `${down}/${checks.length}` : checks.length}
    </span>
  );
}

function SchedulerSummary() {
  const status = useAppStore((state) => state.status);
  const pauseAll = useAppStore((state) => state.pauseAll);
  const resumeAll = useAppStore((state) => state.resumeAll);
  const [asking, setAsking] = useState(false);
  if (!status) return null;
  return (
    <div className="summary-bar">
      <span className="muted" aria-live="polite">
        {status.running} running · {status.queued} queued · {status.jobCount} {status.jobCount === 1 ? 'job' : 'jobs'}
      </span>
      {status.pausedAll ? (
        <span className="paused-state" role="status">
          <strong>Everything paused</strong>{' '}
          {status.pausedAllUntil ? `until ${formatWhen(status.pausedAllUntil, Date.now())}` : 'until you resume'}
          <button type="button" onClick={() => void resumeAll()}>
            Resume all
          </button>
        </span>
      ) : (
        <button type="button" onClick={() => setAsking(true)}>
          Pause all…
        </button>
      )}
      {asking ? (
        <PauseAllDialog
          onCancel={() => setAsking(false)}
          onPause={(until) => {
            setAsking(false);
            void pauseAll(until);
          }}
        />
      ) : null}
    </div>
  );
}

function Banners() {
  const status = useAppStore((state) => state.status);
  const issues = useAppStore((state) => state.configIssues);
  const navigate = useAppStore((state) => state.navigate);
  return (
    <>
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
