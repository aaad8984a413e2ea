/**
 * The job form with every setting the jobs file has, on the realistic jobs file plus a `notifications:` section and a
 * job that sets everything, at the app's default size (1100×720) and its minimum (640×420). Screenshots in
 * test-results/browser/form-full-*.png; axe over the whole form in light and dark.
 */
import AxeBuilder from '@axe-core/playwright';
import fs from 'node:fs';
import { describe, expect, test } from 'vitest';
import { realisticJobsYaml } from '../fixtures/window/seed-realistic-history';
import { type OpenOptions, type WindowSession, useWindowRig } from './helpers/window-harness';

const open = useWindowRig();
const SIZES = [
  { width: 1100, height: 720 },
  { width: 640, height: 420 },
];

const NOTIFICATIONS = `notifications:
  ops-mail:
    email: { to: ops@example.org, smtp: { host: mail.example.org } }
  phone:
    ntfy: { urlEnv: NTFY_URL }
`;

// Every setting a job has; the comment must survive a save from the form.
const FULL_JOB = `
  # The NAS backup: keep this comment.
  - id: nas-restic
    name: Back up to the NAS
    description: restic, after the NAS is mounted
    tags: [backup, nas]
    cron: "0 2 * * *"
    timezone: America/New_York
    jitter: 5m
    catchUp: { policy: all, window: 12h, max: 3 }
    after: { job: restic-home, on: failure, delay: 2m }
    command: restic backup ~/
    retry: { attempts: 3, delay: 1m, backoff: 2, maxDelay: 30m }
    timeout: 2h
    overlap: queue
    cwd: ~/
    shell: /bin/sh
    env: { RESTIC_REPOSITORY: /mnt/nas/restic }
    path: [/opt/restic/bin]
    envFile: ~/.config/restic.env
    notify: { failure: true, success: false, alertAfter: 2, channels: [ops-mail] }
    expect: { succeededWithin: 26h }
    warnAfter: 90m
`;

function formJobsYaml(): string {
  const text = realisticJobsYaml();
  const checksAt = text.indexOf('\nchecks:');
  return `${NOTIFICATIONS}${text.slice(0, checksAt)}${FULL_JOB}${text.slice(checksAt)}`;
}

async function openForm(options: OpenOptions): Promise<WindowSession> {
  const s = await open(formJobsYaml(), options);
  const jobs = s.page.getByRole('table', { name: 'Jobs' });
  await jobs.getByRole('row').filter({ hasText: 'Back up to the NAS' }).waitFor();
  await jobs.getByRole('button', { name: 'More actions for Back up to the NAS' }).click();
  await s.page.getByRole('menuitem', { name: 'Edit…' }).click();
  await s.page.getByRole('form', { name: 'Edit job nas-restic' }).waitFor();
  await s.page.getByLabel('Slow after', { exact: true }).waitFor();
  return s;
}

describe('the job form edits the whole job', () => {
  test.each(SIZES)(
    'at $width×$height every group shows the job’s values, nothing spills sideways, and a save keeps the comments',
    async (size) => {
      const s = await openForm({ viewport: size });
      const { page } = s;
      for (const legend of ['Schedule', 'Action', 'When it fails', 'Limits', 'Environment', 'Alerts'])
        await expect.poll(() => page.locator('legend', { hasText: legend }).count()).toBe(1);
      expect(await page.getByLabel('Catch up fires within', { exact: true }).inputValue()).toBe('12h');
      expect(await page.getByLabel('Parent job 1', { exact: true }).inputValue()).toBe('restic-home');
      expect(await page.getByLabel('Variables file', { exact: true }).inputValue()).toBe('~/.config/restic.env');
      const channels = page.getByRole('group', { name: 'Also send to' });
      expect(await channels.getByLabel('ops-mail', { exact: true }).isChecked()).toBe(true);
      expect(await channels.getByLabel('phone', { exact: true }).isChecked()).toBe(false);
      // The form fits the window's width: no field is cut off or needs a sideways scroll.
      const overflow = await page
        .getByRole('form', { name: 'Edit job nas-restic' })
        .evaluate((form: { scrollWidth: number; clientWidth: number }) => form.scrollWidth - form.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);

      const name = `form-full-${size.width}x${size.height}`;
      await s.screenshot(`${name}-top`);
      // The whole form, top to bottom, in one picture: the window made as tall as the form at the same width (the
      // form scrolls inside the window, so a picture of the element alone stops at the window's bottom).
      const formHeight = await page
        .getByRole('form', { name: 'Edit job nas-restic' })
        .evaluate((form: { scrollHeight: number }) => form.scrollHeight);
      await page.setViewportSize({ width: size.width, height: formHeight + 200 });
      await s.screenshot(name);
      await page.setViewportSize(size);

      await page.getByLabel('Stop a run after', { exact: true }).fill('3h');
      await channels.getByLabel('phone', { exact: true }).check();
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.getByRole('heading', { name: 'Back up to the NAS' }).waitFor();
      const text = fs.readFileSync(s.configPath, 'utf8');
      expect(text).toContain('# The NAS backup: keep this comment.');
      const { source } = await s.service.getJob({ id: 'nas-restic', fireCount: 1 });
      expect(source).toMatchObject({
        timeout: '3h',
        notify: { failure: true, success: false, alertAfter: 2, channels: ['ops-mail', 'phone'] },
        retry: { attempts: 3, delay: '1m', backoff: 2, maxDelay: '30m' },
        after: { job: 'restic-home', on: 'failure', delay: '2m' },
        envFile: '~/.config/restic.env',
      });
    },
    90_000,
  );

  test('axe finds nothing serious in the full form, light and dark', async () => {
    const problems: string[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      const s = await openForm({ viewport: SIZES[0]!, colorScheme });
      // The HTTP and built-in fields too: each action kind once.
      for (const kind of ['command', 'http', 'builtin']) {
        await s.page.getByLabel('Action', { exact: true }).selectOption(kind);
        const result = await new AxeBuilder({ page: s.page }).include('form').analyze();
        for (const violation of result.violations)
          if (violation.impact === 'serious' || violation.impact === 'critical')
            problems.push(
              `${colorScheme} ${kind}: ${violation.id} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
            );
      }
      await s.screenshot(`form-full-${colorScheme}`);
      await s.close();
    }
    expect(problems).toEqual([]);
  }, 150_000);
});
