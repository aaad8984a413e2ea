/** A failed parent's notice lists the chain children it held back; their skipped rows raise nothing of their own. */
import { describe, expect, it, vi } from 'vitest';
import { SETTLE_MS } from '../../../electron/core/notify/notify-policy';
import type { JobView } from '../../../shared/model';
import { makeJob, makeRun } from '../../helpers/model-builders';

vi.mock('electron', () => import('../../mocks/electron'));

const { RecordingNotifier } = await import('../../../electron/app/notifier');
const { NotificationFeed } = await import('../../../electron/app/notification-feed');

const link = (jobId: string, name: string, on: 'success' | 'failure' | 'always') => ({ jobId, name, on, delayMs: 0 });

function setup(retryAttempts: number) {
  let now = 1_000_000;
  const timers: Array<{ fn: () => void; at: number }> = [];
  const notifier = new RecordingNotifier(() => now);
  const jobs: JobView[] = [
    makeJob({
      id: 'build',
      name: 'Build',
      retryAttempts,
      children: [
        link('deploy', 'Deploy', 'success'),
        link('report', 'Report', 'success'),
        link('page', 'Page me', 'failure'),
      ],
    }),
    makeJob({ id: 'deploy', name: 'Deploy', parents: [link('build', 'Build', 'success')], children: [] }),
  ];
  const feed = new NotificationFeed({
    listJobs: async () => jobs,
    runOutput: async () => ({ text: 'make: *** [all] Error 2\n' }),
    notifier,
    open: () => {},
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
  return { feed, notifier, advance };
}

describe('desktop notices for chains', () => {
  it("a parent's final failure names the on-success children it held back; their skipped rows show nothing", async () => {
    const { feed, notifier, advance } = setup(1);
    await feed.start();
    await feed.onRunFinished(
      makeRun({ id: 12, jobId: 'build', status: 'failed', exitCode: 2, attempt: 2, retryOf: 11, outputBytes: 24 }),
    );
    for (const [id, jobId] of [
      [13, 'deploy'],
      [14, 'report'],
    ] as const)
      await feed.onRunFinished(
        makeRun({
          id,
          jobId,
          trigger: 'chain',
          status: 'skipped',
          reason: 'parent build run 12 failed',
          parentRunId: 12,
        }),
      );
    advance(SETTLE_MS);
    expect(notifier.notifications.map((shown) => [shown.title, shown.body])).toEqual([
      ['Build failed', 'exit code 2: make: *** [all] Error 2; held back: Deploy, Report'],
    ]);
  });

  it('a failure that will be retried holds nothing back yet', async () => {
    const { feed, notifier, advance } = setup(1);
    await feed.start();
    await feed.onRunFinished(makeRun({ id: 11, jobId: 'build', status: 'failed', exitCode: 2, attempt: 1 }));
    advance(SETTLE_MS);
    expect(notifier.notifications.map((shown) => shown.body)).toEqual(['exit code 2']);
  });
});
