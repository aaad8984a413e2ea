/**
 * Shows notices. The Electron notifier keeps a reference to every shown notification until it is clicked or replaced
 * by newer ones: otherwise V8 may collect the wrapper and the click handler never fires
 * (https://github.com/electron/electron/issues/16922). Not until `close`: on Windows `close` also comes when the
 * toast times out into the Action Center, where the user can still click it later
 * (https://www.electronjs.org/docs/latest/api/notification#event-close). The recording notifier stands in for it in
 * e2e runs.
 */
import { Notification } from 'electron';
import { notificationBody } from '../policy/notification-text';
import type { Notice } from '../core/notify/notify-policy';
import { type ToastActionId, toastActions } from '../policy/toast-actions';

export interface Notifier {
  /** `onAction`: a button of toast-actions.ts was pressed (macOS, Windows). */
  show(notice: Notice, onClick: () => void, onAction?: (action: ToastActionId) => void): void;
}

/** How many unclicked notifications stay clickable; older ones are long gone from any notification centre. */
export const KEEP_NOTIFICATIONS = 20;

export interface ElectronNotifierOptions {
  platform?: string;
  /** An icon file (Linux shows none otherwise). */
  icon?: string;
}

export class ElectronNotifier implements Notifier {
  private readonly live: Notification[] = [];

  constructor(private readonly options: ElectronNotifierOptions = {}) {}

  get liveCount(): number {
    return this.live.length;
  }

  show(notice: Notice, onClick: () => void, onAction?: (action: ToastActionId) => void): void {
    if (!Notification.isSupported()) return;
    const platform = this.options.platform ?? process.platform;
    const actions = onAction ? toastActions(platform, notice) : [];
    const notification = new Notification({
      title: notice.title,
      body: notificationBody(platform, notice.body),
      ...(this.options.icon ? { icon: this.options.icon } : {}),
      ...(actions.length > 0
        ? { actions: actions.map((action) => ({ type: 'button' as const, text: action.text })) }
        : {}),
    });
    this.live.push(notification);
    while (this.live.length > KEEP_NOTIFICATIONS) this.live.shift();
    const forget = () => {
      const index = this.live.indexOf(notification);
      if (index >= 0) this.live.splice(index, 1);
    };
    notification.on('click', () => {
      forget();
      onClick();
    });
    notification.on('action', (details, index) => {
      const action = actions[details.actionIndex ?? index];
      if (!action) return;
      forget();
      onAction!(action.id);
    });
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
  private readonly actions: Array<((action: ToastActionId) => void) | undefined> = [];

  constructor(private readonly now: () => number = Date.now) {}

  show(notice: Notice, onClick: () => void, onAction?: (action: ToastActionId) => void): void {
    this.notifications.push({ ...notice, shownAt: this.now() });
    this.clicks.push(onClick);
    this.actions.push(onAction);
  }

  /** Simulates pressing a button of the `index`-th recorded notification. */
  press(index: number, action: ToastActionId): boolean {
    const onAction = this.actions[index];
    if (!onAction) return false;
    onAction(action);
    return true;
  }

  /** Simulates clicking the `index`-th recorded notification. */
  click(index: number): boolean {
    const onClick = this.clicks[index];
    if (!onClick) return false;
    onClick();
    return true;
  }
}
