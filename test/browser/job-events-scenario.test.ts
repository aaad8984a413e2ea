/**
 * Event triggers and conditions in the real window, against the real core: a job started by events (no schedule)
 * shows them in the jobs table's schedule column, and its detail says what starts it, when only it may run and that
 * it keeps the computer awake. Screenshots in test-results/browser/job-events-*.png at 1100×720 and 640×420.
 */
import { describe, expect, test } from 'vitest';
import { type WindowSession, useWindowRig } from './helpers/window-harness';

const open = useWindowRig();

const JOBS = `jobs:
  - id: sync-mail
    name: Sync mail
    on:
      - { resume, delay: 2m }
      - network
    when: { power: ac, unmet: wait, within: 4h }
    keepAwake: true
    command: echo synced
  - id: backup
    name: Back up home
    cron: "0 2 * * *"
    command: echo backed up
`;

const jobsRow = (s: WindowSession, name: string) =>
  s.page.getByRole('table', { name: 'Jobs' }).getByRole('row').filter({ hasText: name });

describe('event triggers in the window', () => {
  for (const size of [
    { width: 1100, height: 720 },
    { width: 640, height: 420 },
  ])
    test(`the jobs table and the job detail show a job's events and conditions at ${size.width}×${size.height}`, async () => {
      const s = await open(JOBS, { viewport: size });
      const { page } = s;
      const row = jobsRow(s, 'Sync mail');
      await row.waitFor();
      await expect
        .poll(() => row.locator('.cell-schedule').textContent())
        .toBe('After the computer wakes from sleep, after 2m; when the network comes up');
      await s.screenshot(`job-events-table-${size.width}x${size.height}`);

      await row.getByRole('button', { name: 'Sync mail', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Sync mail' }).waitFor();
      const fact = (term: string) =>
        page.locator('.facts > div').filter({ has: page.getByText(term, { exact: true }) });
      expect(await fact('Runs on').locator('dd').textContent()).toBe(
        'after the computer wakes from sleep, after 2m; when the network comes up',
      );
      expect(await fact('Only when').locator('dd').textContent()).toBe('only on AC power; otherwise waits up to 4h');
      await page.getByText('Keeps the computer awake while it runs').waitFor();
      await page.getByText('Runs on', { exact: true }).scrollIntoViewIfNeeded();
      await s.screenshot(`job-events-${size.width}x${size.height}`);
    }, 60_000);
});
