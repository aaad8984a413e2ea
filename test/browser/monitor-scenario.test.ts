/**
 * Issue 12 in the window on a real core: an overdue job and a down check in the jobs list and the timeline (with
 * recorded downtime), and the job's duration chart. Screenshots in test-results/browser/monitor-*.png.
 */
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openMonitorStore } from '../../electron/core/store/monitor-sqlite';
import { openStore } from '../../electron/core/store/open-store';
import { type WindowRig, startWindowRig } from './helpers/window-harness';

let rig: WindowRig;
beforeAll(async () => {
  rig = await startWindowRig();
}, 120_000);
afterAll(async () => rig?.close());

const HOUR = 3_600_000;
const JOBS = `jobs:
  - id: backup-home
    name: Back up home
    cron: "0 * * * *"
    command: "exit 1"
    expect: { succeededWithin: 26h }
  - id: notes-sync
    name: Sync notes
    every: 1d
    command: "true"
checks:
  - id: nas-backup
    name: NAS backup
    every: 1h
    grace: 30m
`;

/** History as a day on a laptop leaves it: hourly successes (one slow) ending 27 h ago, a failure, a missed run while asleep. */
function seed(dbPath: string, now: number) {
  const runs = openStore(dbPath);
  const monitor = openMonitorStore(dbPath);
  try {
    for (let hour = 40; hour >= 27; hour--) {
      const start = now - hour * HOUR;
      const seconds = hour === 31 ? 140 : 20 + ((hour * 7) % 11);
      runs.insertRun({
        jobId: 'backup-home',
        trigger: 'schedule',
        status: 'succeeded',
        scheduledFor: start,
        createdAt: start,
        startedAt: start,
        finishedAt: start + seconds * 1000,
      });
    }
    const failedAt = now - 20 * HOUR;
    runs.insertRun({
      jobId: 'backup-home',
      trigger: 'schedule',
      status: 'failed',
      scheduledFor: failedAt,
      createdAt: failedAt,
      startedAt: failedAt,
      finishedAt: failedAt + 4_000,
    });
    runs.insertRun({
      jobId: 'backup-home',
      trigger: 'schedule',
      status: 'missed',
      scheduledFor: now - 10 * HOUR,
      createdAt: now - 9 * HOUR,
      reason: 'the computer was asleep',
    });
    monitor.recordClockEvent({
      kind: 'suspend',
      from: now - 11 * HOUR,
      to: now - 9 * HOUR,
      reason: 'the machine was asleep',
    });
    const old = monitor.startSession({ pid: 1, kind: 'app', now: now - 30 * HOUR });
    monitor.stopSession(old, now - 16 * HOUR);
    const crashed = monitor.startSession({ pid: 2, kind: 'daemon', now: now - 15 * HOUR });
    monitor.touchSession(crashed, now - 14 * HOUR);
    monitor.markCrashed(crashed);
    // The app ran through the night (and the suspend), until it was restarted a minute ago for this window.
    const night = monitor.startSession({ pid: 3, kind: 'app', now: now - 12 * HOUR });
    monitor.stopSession(night, now - 60_000);
    for (let hour = 8; hour >= 3; hour--)
      monitor.insertPing({ checkId: 'nas-backup', kind: 'success', at: now - hour * HOUR, source: 'http' });
  } finally {
    monitor.close();
    runs.close();
  }
}

test('an overdue job and a down check in the list and the timeline, and the duration chart', async () => {
  const s = await rig.open(JOBS);
  const { page, service } = s;
  try {
    seed(path.join(s.dataDir, 'cronbar.db'), Date.now());
    // The NAS job reports its own failure; the running scheduler turns the check down at once.
    await service.ping({
      check: 'nas-backup',
      kind: 'exit',
      exitCode: 2,
      message: 'rsync: connection refused',
      source: 'http',
    });
    // A jobs-file touch makes the window reload its jobs (the seeded history landed behind its back).
    const { text, version } = await service.readConfig({});
    await service.writeConfig({ text: `${text}# seeded\n`, baseVersion: version });

    const row = page.getByRole('table', { name: 'Jobs' }).getByRole('row').filter({ hasText: 'Back up home' });
    await row.locator('.overdue-badge').waitFor();
    await page
      .getByRole('combobox', { name: 'Show' })
      .getByRole('option', { name: 'overdue (1)' })
      .waitFor({ state: 'attached' });
    await page
      .getByRole('button', { name: /^Checks/ })
      .getByLabel('1 checks, 1 late or down')
      .waitFor();
    await s.screenshot('monitor-jobs-list');
    await page.getByRole('button', { name: /^Checks/ }).click();
    const checkRow = page.getByRole('row', { name: /NAS backup/ });
    await checkRow.locator('.check-state', { hasText: 'down' }).waitFor();
    await expect.poll(() => checkRow.textContent()).toContain('failed (exit 2)');
    await s.screenshot('monitor-checks');

    await page.getByRole('button', { name: 'Timeline', exact: true }).click();
    const chart = page.getByRole('group', { name: /^Timeline of \d+ jobs and 1 checks: .* recorded downtime spans$/ });
    await chart.waitFor();
    expect(await page.locator('.timeline .overdue-band').count()).toBe(1);
    expect(await page.locator('.timeline .check-row.state-down .check-band.band-down').count()).toBe(1);
    expect(await page.locator('.timeline .ping').count()).toBe(7);
    expect(await page.locator('.timeline .downtime').count()).toBeGreaterThanOrEqual(2);
    await s.screenshot('monitor-timeline');

    await page.getByRole('button', { name: 'Jobs', exact: true }).click();
    await row.getByRole('button', { name: 'Back up home', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Overdue since' }).waitFor();
    const durations = page.getByRole('img', {
      name: /^Durations of the last 15 runs: median .* over 14 successful runs; 1 failed, 1 slow$/,
    });
    await durations.waitFor();
    expect(await page.locator('.duration-chart circle.failed').count()).toBe(1);
    await page.locator('.history-table .story', { hasText: /^\d\d:\d\d — the machine was asleep \(/ }).waitFor();
    await page.locator('.detail-durations').scrollIntoViewIfNeeded();
    await s.screenshot('monitor-job-durations');
    expect(s.pageErrors).toEqual([]);
  } finally {
    await s.close();
  }
}, 120_000);
