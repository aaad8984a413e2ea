/**
 * Which buttons a desktop notification carries, per platform. Electron shows `actions` of type `button` on macOS and
 * Windows only (https://www.electronjs.org/docs/latest/api/structures/notification-action, "Platform / Action
 * Support": button — macOS, Windows); on Linux a notification has no buttons and a click opens the run.
 * A failed run gets Retry (runs the job now), Open log and Snooze 1 h (this job's desktop alerts); a job that is
 * overdue, slow or flapping gets Open and Snooze 1 h; a summary or a check none (a click opens the list).
 */
import type { Notice } from '../core/notify/notify-policy';

export type ToastActionId = 'retry' | 'open-log' | 'snooze';

export interface ToastAction {
  id: ToastActionId;
  text: string;
}

export const SNOOZE_MS = 3_600_000;

export function toastActions(platform: string, notice: Notice): ToastAction[] {
  if (platform !== 'darwin' && platform !== 'win32') return [];
  const target = notice.target;
  if (target.view === 'run' && (notice.kind === 'failure' || notice.kind === 'timeout'))
    return [
      { id: 'retry', text: 'Retry' },
      { id: 'open-log', text: 'Open log' },
      { id: 'snooze', text: 'Snooze 1 h' },
    ];
  if (target.view === 'run' || target.view === 'job')
    return [
      { id: 'open-log', text: target.view === 'run' ? 'Open log' : 'Open' },
      { id: 'snooze', text: 'Snooze 1 h' },
    ];
  return [];
}

/** The job a notice is about (null: a summary or a check). */
export function noticeJobId(notice: Notice): string | null {
  return 'jobId' in notice.target ? notice.target.jobId : null;
}
