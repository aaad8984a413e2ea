/**
 * Notifications: finished runs and the monitor's events (overdue jobs, checks down and up, slow runs) go to the
 * notification feed, which shows what the notify policy decides; a toast's buttons (macOS, Windows: Retry, Open log,
 * Snooze 1 h) act through the service. In e2e runs a recorder stands in for the system's
 * notification centre. Returns the recorder (null otherwise) and the dispose.
 */
import type { CronbarService } from '../core/service/types';
import { NotificationFeed } from './notification-feed';
import { ElectronNotifier, type Notifier, RecordingNotifier } from './notifier';
import type { OpenTarget } from './setup-window';

export async function setupNotifications(
  service: CronbarService,
  options: { platform: string; icon: string; record: boolean; open: OpenTarget; log: (line: string) => void },
): Promise<{ recorder: RecordingNotifier | null; dispose(): void }> {
  const { platform } = options;
  const recorder = options.record ? new RecordingNotifier() : null;
  const notifier: Notifier =
    recorder ?? new ElectronNotifier({ platform, ...(platform === 'linux' ? { icon: options.icon } : {}) });
  const feed = new NotificationFeed({
    listJobs: () => service.listJobs({}),
    runOutput: (runId) => service.runOutput({ runId }),
    notifier,
    open: options.open,
    runNow: (jobId) => service.runNow({ id: jobId, force: false }),
    log: options.log,
  });
  await feed.start();
  const unsubscribers = [
    service.on('run:finished', (run) => void feed.onRunFinished(run)),
    service.on('jobs:changed', () => void feed.reloadJobs()),
    service.on('job:overdue', (payload) => feed.onOverdue(payload)),
    service.on('check:changed', (payload) => feed.onCheckChanged(payload)),
    service.on('run:slow', (payload) => void feed.onRunSlow(payload)),
  ];
  return {
    recorder,
    dispose() {
      unsubscribers.forEach((unsubscribe) => unsubscribe());
      feed.dispose();
    },
  };
}
