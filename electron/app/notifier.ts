/**
 * Shows notices. The Electron notifier keeps a reference to every shown notification until it is clicked or closed:
 * otherwise V8 may collect the wrapper and the click handler never fires
 * (https://github.com/electron/electron/issues/16922). The recording notifier stands in for it in e2e runs.
 */
import { Notification } from 'electron';
import type { Notice } from '../policy/notify-policy';

export interface Notifier {
  show(notice: Notice, onClick: () => void): void;
}

export class ElectronNotifier implements Notifier {
  private readonly live = new Set<Notification>();

  get liveCount(): number {
    return this.live.size;
  }

  show(notice: Notice, onClick: () => void): void {
    if (!Notification.isSupported()) return;
    const notification = new Notification({ title: notice.title, body: notice.body });
    this.live.add(notification);
    const forget = () => this.live.delete(notification);
    notification.on('click', () => {
      forget();
      onClick();
    });
    notification.on('close', forget);
    notification.on('failed', forget);
    notification.show();
  }
}

export interface RecordedNotice extends Notice {
  shownAt: number;
}

export class RecordingNotifier implements Notifier {
  readonly notifications: RecordedNotice[] = [];
  private readonly clicks: Array<() => void> = [];

  constructor(private readonly now: () => number = Date.now) {}

  show(notice: Notice, onClick: () => void): void {
    this.notifications.push({ ...notice, shownAt: this.now() });
    this.clicks.push(onClick);
  }

  /** Simulates clicking the `index`-th recorded notification. */
  click(index: number): boolean {
    const onClick = this.clicks[index];
    if (!onClick) return false;
    onClick();
    return true;
  }
}
