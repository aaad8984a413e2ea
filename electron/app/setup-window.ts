/**
 * The one window and what opens it at a place (a notification or tray click on a run, a job, the checks view): a
 * navigation asked for before the page has loaded waits for it, then goes out on `app:navigate`.
 */
import { type EventPayload, eventChannelFor } from '../../shared/api/contract';
import type { Notice } from '../core/notify/notify-policy';
import { MainWindow, type MainWindowOptions } from './main-window';

export type OpenTarget = (target: Notice['target']) => void;

export function setupWindow(options: Omit<MainWindowOptions, 'onLoaded'>): {
  window: MainWindow;
  openTarget: OpenTarget;
} {
  let pendingNavigation: EventPayload<'app:navigate'> | null = null;
  const window = new MainWindow({ ...options, onLoaded: () => deliverNavigation() });

  function deliverNavigation(): void {
    if (!pendingNavigation || !window.isLoaded) return;
    window.send(eventChannelFor('app:navigate'), pendingNavigation);
    pendingNavigation = null;
  }

  const openTarget: OpenTarget = (target) => {
    window.show();
    pendingNavigation =
      target.view === 'run'
        ? { view: 'run', runId: target.runId, jobId: target.jobId }
        : target.view === 'job'
          ? { view: 'job', jobId: target.jobId }
          : { view: target.view };
    deliverNavigation();
  };
  return { window, openTarget };
}
