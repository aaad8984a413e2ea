/**
 * The window end to end: Debian's Chromium on the built renderer, `window.api` bridged to a real core (engine, store,
 * runner) whose jobs file lives in a temp directory. Each scenario leaves a screenshot in test-results/browser/.
 */
import fs from 'node:fs';
import { Cron } from 'croner';
import { describe, expect, test } from 'vitest';
import { type WindowSession, useWindowRig } from './helpers/window-harness';

const open = useWindowRig();

const jobsRow = (s: WindowSession, name: string) =>
  s.page.getByRole('table', { name: 'Jobs' }).getByRole('row').filter({ hasText: name });

describe('the window on a real core', () => {
  test('a job created from the form appears in the list with the right next fire', async () => {
    const s = await open('jobs: []\n');
    const { page } = s;
    await page.getByRole('heading', { name: 'Welcome to Cronbar' }).waitFor();
    await page.getByRole('button', { name: 'Add a job' }).click();
    await page.getByLabel('Id', { exact: true }).fill('nightly-report');
    await page.getByLabel('Name', { exact: true }).fill('Nightly report');
    await page.getByLabel('Schedule', { exact: true }).fill('15 4 * * *');
    await page.getByLabel('Command', { exact: true }).fill('echo report');
    // The schedule in words and its next fires come back from the core while typing.
    await page.getByTestId('schedule-preview').getByText('At 04:15').waitFor();
    await s.screenshot('create-job-form');
    await page.getByRole('button', { name: 'Add job' }).click();

    await page.getByRole('heading', { name: 'Nightly report' }).waitFor();
    expect(fs.readFileSync(s.configPath, 'utf8')).toContain('nightly-report');
    await page.getByRole('button', { name: 'Jobs', exact: true }).click();
    const row = jobsRow(s, 'Nightly report');
    await row.waitFor();
    const expected = new Cron('15 4 * * *', { paused: true }).nextRun()!;
    expect(await row.locator('time').getAttribute('datetime')).toBe(expected.toISOString());
    await s.screenshot('create-job-listed');
  });

  test('Run now adds a history row and shows its log with colours', async () => {
    const s = await open(
      `jobs:\n  - id: greet\n    name: Greet the world\n    cron: "0 3 * * *"\n    command: printf '\\033[32mhello-green\\033[0m\\nsecond line\\n'\n`,
    );
    const { page } = s;
    await jobsRow(s, 'Greet the world').getByRole('button', { name: 'Greet the world', exact: true }).click();
    await page.getByRole('heading', { name: 'Greet the world' }).waitFor();
    await page.getByText('No runs yet. Run now, or wait for the next fire.').waitFor();
    await page.getByRole('button', { name: 'Run Greet the world now' }).click();

    const historyRow = page.locator('.history-table tbody tr').first();
    await historyRow.locator('.badge', { hasText: 'ok' }).waitFor();
    await expect.poll(() => historyRow.locator('td').nth(2).textContent()).toContain('manual');
    const log = page.getByLabel(/^Output of run \d+$/);
    await log.locator('.ansi-green-fg', { hasText: 'hello-green' }).waitFor();
    expect(await log.textContent()).toContain('second line');
    await s.screenshot('run-now-history-and-log');
  });

  test('a failing job shows failed with its exit code and output', async () => {
    const s = await open(
      `jobs:\n  - id: disk-check\n    name: Disk check\n    every: 1d\n    command: echo "disk is full" >&2; exit 3\n`,
    );
    const { page } = s;
    await jobsRow(s, 'Disk check').getByRole('button', { name: 'Run Disk check now' }).click();
    await jobsRow(s, 'Disk check').locator('.badge.status-failed', { hasText: 'exit 3' }).waitFor();
    await s.screenshot('failed-job-in-list');

    await jobsRow(s, 'Disk check').getByRole('button', { name: 'Disk check', exact: true }).click();
    const historyRow = page.locator('.history-table tbody tr').first();
    await historyRow.locator('.badge.status-failed').waitFor();
    expect(await historyRow.locator('.badge.status-failed').textContent()).toBe('failed· exit 3');
    await page
      .getByLabel(/^Output of run \d+$/)
      .getByText('disk is full')
      .waitFor();
    await s.screenshot('failed-job-detail');
  });

  test('an invalid cron shows an inline error and writes nothing', async () => {
    const yaml = `jobs:\n  - id: keep\n    cron: "0 3 * * *"\n    command: "true"\n`;
    const s = await open(yaml);
    const { page } = s;
    await jobsRow(s, 'keep').waitFor();
    await page.getByRole('button', { name: '+ New job' }).click();
    await page.getByLabel('Id', { exact: true }).fill('bad-cron');
    await page.getByLabel('Schedule', { exact: true }).fill('0 25 * * *');
    await page.getByLabel('Command', { exact: true }).fill('true');
    const error = page.locator('#job-schedule-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/25/);
    expect(await page.getByLabel('Schedule', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('button', { name: 'Add job' }).click();
    await page.getByText('Fix the marked fields; nothing was saved.').waitFor();
    await s.screenshot('invalid-cron-inline-error');
    expect(fs.readFileSync(s.configPath, 'utf8')).toBe(yaml);
    expect((await s.service.listJobs({})).map((job) => job.id)).toEqual(['keep']);
  });

  test('a YAML edit with an error is marked on its line and not applied', async () => {
    const yaml = `jobs:\n  - id: keep\n    cron: "0 3 * * *"\n    command: "true"\n`;
    const s = await open(yaml);
    const { page } = s;
    await jobsRow(s, 'keep').waitFor();
    await page.getByRole('button', { name: 'Editor', exact: true }).click();
    const editor = page.getByRole('textbox', { name: 'Jobs file (YAML)' });
    await editor.waitFor();
    await page.locator('.cm-line', { hasText: 'command' }).waitFor();
    await editor.click();
    await page.keyboard.press('ControlOrMeta+a');
    // Line 6 carries the mistake (hour 99).
    await page.keyboard.insertText(
      `jobs:\n  - id: keep\n    cron: "0 3 * * *"\n    command: "true"\n  - id: broken\n    cron: "0 99 * * *"\n    command: "true"\n`,
    );
    const marker = page.locator('.cm-lint-marker-error').first();
    await marker.waitFor();
    const markerBox = (await marker.boundingBox())!;
    const lineBox = (await page.locator('.cm-line').nth(5).boundingBox())!;
    expect(Math.abs(markerBox.y + markerBox.height / 2 - (lineBox.y + lineBox.height / 2))).toBeLessThan(
      lineBox.height / 2,
    );
    await page
      .getByRole('list', { name: 'Problems in the jobs file' })
      .getByText(/jobs\.yaml:6:/)
      .waitFor();

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Not saved' }).waitFor();
    await s.screenshot('yaml-error-marked');
    expect(fs.readFileSync(s.configPath, 'utf8')).toBe(yaml);
    expect((await s.service.listJobs({})).map((job) => job.id)).toEqual(['keep']);
  });

  test('a jobs file edited outside the app appears in the list within 2 s', async () => {
    const yaml = `jobs:\n  - id: first\n    name: First job\n    cron: "0 3 * * *"\n    command: "true"\n`;
    const s = await open(yaml);
    await jobsRow(s, 'First job').waitFor();
    const edited = `${yaml}  - id: second\n    name: Added in another editor\n    every: 1h\n    command: "true"\n`;
    const started = Date.now();
    fs.writeFileSync(s.configPath, edited);
    await jobsRow(s, 'Added in another editor').waitFor({ timeout: 2000 });
    expect(Date.now() - started).toBeLessThan(2000);
    await s.screenshot('outside-edit-listed');
  });
});
