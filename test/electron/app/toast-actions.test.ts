/**
 * A failure's desktop toast acts: Retry runs the job now, Open log opens the run, Snooze 1 h silences this job's
 * toasts — with buttons where Electron shows them (macOS, Windows), and a click that opens the run on Linux. The fake
 * Notification shows buttons only where the Electron documentation says they exist.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SETTLE_MS } from '../../../electron/core/notify/notify-policy';
import { makeJob, makeRun } from '../../helpers/model-builders';

vi.mock('electron', () => import('../../mocks/electron'));

const electron = await import('../../mocks/electron');
const { ElectronNotifier } = await import('../../../electron/app/notifier');
const { NotificationFeed } = await import('../../../electron/app/notification-feed');

const HOUR = 3_600_000;

function setup(platform: string) {
  electron.Notification.platform = platform;
  let now = 1_000_000;
  const timers: Array<{ fn: () => void; at: number }> = [];
  const opened: unknown[] = [];
  const ranNow: string[] = [];
  const notify = { failure: true, success: false, missed: false };
  const feed = new NotificationFeed({
    listJobs: async () => [
      makeJob({ id: 'backup-home', name: 'Back up home', notify }),
      makeJob({ id: 'tidy', name: 'Tidy downloads', notify }),
    ],
    runOutput: async () => ({ text: 'Fatal: unable to open repository\n' }),
    notifier: new ElectronNotifier({ platform }),
    open: (target) => opened.push(target),
    runNow: async (jobId) => ranNow.push(jobId),
    now: () => now,
    setTimer: (fn, ms) => timers.push({ fn, at: now + ms }),
    clearTimer: () => timers.splice(0),
  });
  const advance = (ms: number) => {
    now += ms;
    const due = timers.filter((entry) => entry.at <= now);
    timers.splice(0, timers.length, ...timers.filter((entry) => entry.at > now));
    for (const timer of due) timer.fn();
  };
  const fail = async (id: number, jobId = 'backup-home') => {
    await feed.onRunFinished(makeRun({ id, jobId, status: 'failed', exitCode: 1, outputBytes: 30 }));
    advance(SETTLE_MS);
    return electron.Notification.instances.at(-1)!;
  };
  return {
    feed,
    opened,
    ranNow,
    advance,
    fail,
    shown: () => electron.Notification.instances.map((n) => n.options.title),
  };
}

describe('desktop toast actions', () => {
  beforeEach(() => electron.resetElectronMock());
  afterEach(() => vi.useRealTimers());

  it('macOS: a failure has Retry, Open log and Snooze 1 h; Retry runs the job now, Open log opens the run', async () => {
    const { feed, opened, ranNow, fail } = setup('darwin');
    await feed.start();
    const toast = await fail(12);
    expect(toast.visibleActions).toEqual(['Retry', 'Open log', 'Snooze 1 h']);
    toast.pressAction('Retry');
    expect(ranNow).toEqual(['backup-home']);
    (await fail(13, 'tidy')).pressAction('Open log');
    expect(opened).toEqual([{ view: 'run', runId: 13, jobId: 'tidy' }]);
  });

  it('Windows: the buttons still act from the Action Center after the toast timed out', async () => {
    vi.useFakeTimers();
    const { feed, ranNow, fail } = setup('win32');
    await feed.start();
    const toast = await fail(12);
    vi.advanceTimersByTime(electron.Notification.autoCloseMs);
    expect(toast.closed).toBe(true);
    toast.pressAction('Retry');
    expect(ranNow).toEqual(['backup-home']);
  });

  it('Linux: no buttons (Electron shows none there); a click opens the run', async () => {
    const { feed, opened, fail } = setup('linux');
    await feed.start();
    const toast = await fail(12);
    expect(toast.visibleActions).toEqual([]);
    expect(toast.options.actions).toBeUndefined();
    expect(() => toast.pressAction('Retry')).toThrow(/no button "Retry" on a linux notification/);
    toast.clickInActionCenter();
    expect(opened).toEqual([{ view: 'run', runId: 12, jobId: 'backup-home' }]);
  });

  it('Snooze 1 h silences that job’s toasts for an hour, not other jobs’', async () => {
    const { feed, fail, advance, shown } = setup('darwin');
    await feed.start();
    (await fail(12)).pressAction('Snooze 1 h');
    // Past the policy's hourly limit for a failing job, but inside the snooze.
    advance(30 * 60_000);
    await fail(13, 'tidy');
    await fail(14);
    advance(HOUR);
    await fail(15);
    expect(shown()).toEqual(['Back up home failed', 'Tidy downloads failed', 'Back up home failed']);
    expect(electron.Notification.instances.at(-1)!.options.body).toContain('Fatal');
  });
});
