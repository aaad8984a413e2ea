/**
 * Import… end to end: a crontab pasted into the window on a real core is previewed (schedule in words, next fires,
 * what is not carried over) and imported; the jobs file gets the jobs and the list shows them.
 */
import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { describe, expect, test } from 'vitest';
import { useWindowRig } from './helpers/window-harness';

const open = useWindowRig();

const CRONTAB = [
  'MAILTO=ops@example.org',
  '# Nightly backup to the NAS',
  '30 2 * * * /usr/local/bin/backup.sh --full',
  '# Payroll: the 1st, the 15th and every Friday',
  '0 9 1,15 * 5 /usr/local/bin/payroll-check',
  '*/15 9-17 * * 1-5 /usr/local/bin/check-queue',
  '0 6 L * * /usr/local/bin/month-end',
  '',
].join('\n');

describe('Import… on a real core', () => {
  test('a pasted crontab is previewed and imported', { timeout: 90_000 }, async () => {
    const yaml = '# my jobs\njobs:\n  - id: keep\n    name: Kept as it was\n    every: 1h\n    command: "true"\n';
    const session = await open(yaml);
    const { page } = session;
    await page.getByRole('table', { name: 'Jobs' }).getByText('Kept as it was').waitFor();
    await page.getByRole('button', { name: 'Editor', exact: true }).click();
    await page.getByRole('button', { name: 'Import…' }).click();
    await page.getByLabel('Crontab to import').fill(CRONTAB);
    await page.getByRole('button', { name: 'Preview' }).click();

    const jobs = page.getByRole('list', { name: 'Jobs to import' });
    await jobs.getByText('backup', { exact: true }).waitFor();
    expect(await jobs.getByRole('listitem').count()).toBe(3);
    await jobs
      .getByRole('listitem')
      .filter({ hasText: 'payroll-check' })
      .getByText(/0 9 1,15 \* 5/)
      .waitFor();
    expect(await jobs.getByRole('listitem').filter({ hasText: 'backup.sh' }).textContent()).toMatch(/At 02:30/);
    // The core's next fires (three per job) appear as times.
    expect(await jobs.getByRole('listitem').first().locator('time').count()).toBe(3);
    const losses = page.getByRole('list', { name: 'Not carried over' });
    await losses.getByText(/"L" is not a day of month/).waitFor();
    await losses.getByText(/MAILTO=ops@example.org/).waitFor();
    expect(fs.readFileSync(session.configPath, 'utf8')).toBe(yaml);
    await session.screenshot('import-crontab-preview');
    const axe = await new AxeBuilder({ page }).analyze();
    expect(
      axe.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map((violation) => violation.id),
    ).toEqual([]);

    await page.getByRole('button', { name: 'Add 3 jobs' }).click();
    await page.getByText('Added 3 jobs: backup, payroll-check, check-queue').waitFor();
    const text = fs.readFileSync(session.configPath, 'utf8');
    expect(text.startsWith(yaml)).toBe(true);
    expect(text).toContain(
      '  - id: payroll-check\n    description: "Payroll: the 1st, the 15th and every Friday"\n    cron: "0 9 1,15 * 5"\n',
    );
    expect((await session.service.listJobs({})).map((job) => job.id)).toEqual([
      'keep',
      'backup',
      'payroll-check',
      'check-queue',
    ]);
    await session.screenshot('import-crontab-added');

    await page.getByRole('button', { name: 'Jobs', exact: true }).click();
    await page.getByRole('table', { name: 'Jobs' }).getByText('payroll-check').first().waitFor();
    await session.screenshot('import-crontab-listed');
  });
});
