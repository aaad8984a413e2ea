import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SETTLE_MS } from '../../../electron/core/notify/notify-policy';
import { makeCheck, makeJob, makeRun } from '../../helpers/model-builders';

vi.mock('electron', () => import('../../mocks/electron'));

const electron = await import('../../mocks/electron');
const { ElectronNotifier, KEEP_NOTIFICATIONS, RecordingNotifier } = await import('../../../electron/app/notifier');
const { NotificationFeed } = await import('../../../electron/app/notification-feed');

const notice = { kind: 'failure', title: 'backup-home failed', body: 'exit code 1', target: { view: 'jobs' } } as const;

describe('ElectronNotifier', () => {
  beforeEach(() => electron.resetElectronMock());
  afterEach(() => vi.useRealTimers());

  it('keeps a reference to each shown notification until it is clicked', () => {
    const notifier = new ElectronNotifier();
    const onClick = vi.fn();
    notifier.show(notice, onClick);
    notifier.show(notice, vi.fn());
    expect(electron.Notification.instances.map((shown) => shown.shown)).toEqual([true, true]);
    expect(notifier.liveCount).toBe(2);
    electron.Notification.instances[0]!.emit('click');
    expect(onClick).toHaveBeenCalledTimes(1);
    expect(notifier.liveCount).toBe(1);
  });

  it('Windows: a toast that timed out into the Action Center still opens the run when clicked there later', () => {
    vi.useFakeTimers();
    const notifier = new ElectronNotifier({ platform: 'win32' });
    const onClick = vi.fn();
    notifier.show(notice, onClick);
    const toast = electron.Notification.instances[0]!;
    vi.advanceTimersByTime(electron.Notification.autoCloseMs);
    expect(toast.closed).toBe(true);
    expect(notifier.liveCount).toBe(1);
    vi.advanceTimersByTime(60 * 60_000);
    toast.clickInActionCenter();
    expect(onClick).toHaveBeenCalledTimes(1);
  });

  it('keeps at most KEEP_NOTIFICATIONS unclicked ones (the oldest are replaced)', () => {
    const notifier = new ElectronNotifier();
    for (let i = 0; i < KEEP_NOTIFICATIONS + 5; i++) notifier.show(notice, vi.fn());
    expect(notifier.liveCount).toBe(KEEP_NOTIFICATIONS);
  });

  it('Linux: the body is escaped (notification servers read it as markup) and the notification has the app icon', () => {
    const icon = path.resolve('resources/icon.png');
    new ElectronNotifier({ platform: 'linux', icon }).show(
      { ...notice, body: 'exit code 1: cp: a & b <dest>' },
      vi.fn(),
    );
    expect(electron.Notification.instances[0]!.options).toMatchObject({
      body: 'exit code 1: cp: a &amp; b &lt;dest&gt;',
      icon,
    });
    expect(electron.openedFiles).toEqual([{ api: 'Notification icon', file: icon, exists: true }]);
    new ElectronNotifier({ platform: 'darwin' }).show({ ...notice, body: 'a & b' }, vi.fn());
    expect(electron.Notification.instances[1]!.options.body).toBe('a & b');
  });

  it('shows nothing where notifications are unsupported', () => {
    electron.Notification.supported = false;
    new ElectronNotifier().show(notice, vi.fn());
    expect(electron.Notification.instances).toHaveLength(0);
  });
});

describe('NotificationFeed', () => {
  function setup() {
    let now = 1_000_000;
    const timers: Array<{ fn: () => void; at: number }> = [];
    const notifier = new RecordingNotifier(() => now);
    const opened: unknown[] = [];
    const feed = new NotificationFeed({
      listJobs: async () => [
        makeJob({ id: 'backup-home', name: 'Back up home', notify: { failure: true, success: false, missed: false } }),
      ],
      runOutput: async () => ({ text: 'snapshot started\nFatal: unable to open repository\n' }),
      notifier,
      open: (target) => opened.push(target),
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
    return { feed, notifier, opened, advance };
  }

  it('turns a failed run into a notification with the last output line, after the settle delay; a click opens that run', async () => {
    const { feed, notifier, opened, advance } = setup();
    await feed.start();
    await feed.onRunFinished(makeRun({ id: 12, status: 'failed', exitCode: 1, outputBytes: 40 }));
    expect(notifier.notifications).toHaveLength(0);
    advance(SETTLE_MS);
    expect(notifier.notifications).toEqual([
      expect.objectContaining({
        title: 'Back up home failed',
        body: 'exit code 1: Fatal: unable to open repository',
        target: { view: 'run', runId: 12, jobId: 'backup-home' },
      }),
    ]);
    notifier.click(0);
    expect(opened).toEqual([{ view: 'run', runId: 12, jobId: 'backup-home' }]);
  });

  it('a job becoming overdue and recovering: one notification each, a click opens the job', async () => {
    const { feed, notifier, opened, advance } = setup();
    await feed.start();
    const overdue = { since: 1, lastSuccessAt: null, reason: 'no success yet (expected within 26h)' };
    feed.onOverdue({ jobId: 'backup-home', name: 'Back up home', overdue });
    advance(SETTLE_MS);
    feed.onOverdue({ jobId: 'backup-home', name: 'Back up home', overdue: null });
    advance(SETTLE_MS);
    expect(notifier.notifications.map((shown) => [shown.title, shown.body])).toEqual([
      ['Back up home is overdue', 'no success yet (expected within 26h)'],
      ['Back up home succeeded again', 'Its last success is within its expectation again.'],
    ]);
    notifier.click(0);
    expect(opened).toEqual([{ view: 'job', jobId: 'backup-home' }]);
  });

  it('a check: down once (late before it is no news), up once when it comes back, nothing for a first ping; clicks open the checks', async () => {
    const { feed, notifier, opened, advance } = setup();
    await feed.start();
    const nas = (state: 'new' | 'up' | 'late' | 'down', reason: string | null = null) =>
      makeCheck({ id: 'nas', name: 'NAS backup', state, reason });
    feed.onCheckChanged({ check: nas('up'), previous: 'new' });
    feed.onCheckChanged({ check: nas('late'), previous: 'up' });
    advance(SETTLE_MS);
    expect(notifier.notifications).toEqual([]);
    feed.onCheckChanged({ check: nas('down', 'no ping since 03:30'), previous: 'late' });
    advance(SETTLE_MS);
    feed.onCheckChanged({ check: nas('up'), previous: 'down' });
    advance(SETTLE_MS);
    expect(notifier.notifications.map((shown) => [shown.title, shown.body])).toEqual([
      ['NAS backup is down', 'no ping since 03:30'],
      ['NAS backup is up again', 'It pinged Cronbar again (runs elsewhere).'],
    ]);
    notifier.click(0);
    notifier.click(1);
    expect(opened).toEqual([{ view: 'checks' }, { view: 'checks' }]);
  });

  it('a check whose notify turns down or up off stays quiet about that change', async () => {
    const { feed, notifier, advance } = setup();
    await feed.start();
    feed.onCheckChanged({
      check: makeCheck({ id: 'ci', name: 'CI', state: 'down', notify: { down: false, up: true } }),
      previous: 'up',
    });
    advance(SETTLE_MS);
    expect(notifier.notifications).toEqual([]);
  });

  it('a slow run: one notification named after its job, a click opens the run', async () => {
    const { feed, notifier, opened, advance } = setup();
    await feed.start();
    const run = makeRun({ id: 31, jobId: 'backup-home', status: 'running' });
    await feed.onRunSlow({ run, warnAfterMs: 1_800_000 });
    await feed.onRunSlow({ run, warnAfterMs: 1_800_000 });
    advance(SETTLE_MS);
    expect(notifier.notifications.map((shown) => [shown.title, shown.body])).toEqual([
      ['Back up home is slow', 'Still running after 30m (its warnAfter).'],
    ]);
    notifier.click(0);
    expect(opened).toEqual([{ view: 'run', runId: 31, jobId: 'backup-home' }]);
  });

  it('a job overdue again within the hour is not announced twice', async () => {
    const { feed, notifier, advance } = setup();
    await feed.start();
    const overdue = { since: 1, lastSuccessAt: null, reason: 'no success yet' };
    feed.onOverdue({ jobId: 'backup-home', name: 'Back up home', overdue });
    advance(SETTLE_MS);
    feed.onOverdue({ jobId: 'backup-home', name: 'Back up home', overdue });
    advance(10 * 60_000);
    expect(notifier.notifications.map((shown) => shown.title)).toEqual(['Back up home is overdue']);
  });
});
