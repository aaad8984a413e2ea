/**
 * The admin's daily loop on a realistic jobs file (test/fixtures/window: 15 jobs, Cronbar's 2 upkeep jobs, 2 checks,
 * two weeks of history with a night asleep and a job failing for 9 days), at the app's default size (1100×720) and
 * its minimum (640×420). Screenshots in test-results/browser/daily-*.png.
 */
import AxeBuilder from '@axe-core/playwright';
import fs from 'node:fs';
import { describe, expect, test } from 'vitest';
import { DEFAULT_JOBS_FILE } from '../../electron/core/config/default-jobs-file';
import { realisticJobsYaml, seedRealisticHistory } from '../fixtures/window/seed-realistic-history';
import { type OpenOptions, type WindowSession, useWindowRig } from './helpers/window-harness';

const open = useWindowRig();
const DEFAULT_SIZE = { width: 1100, height: 720 };
const MIN_SIZE = { width: 640, height: 420 };

const openRealistic = (options: OpenOptions = {}) =>
  open(realisticJobsYaml(), {
    viewport: DEFAULT_SIZE,
    seed: (dbPath) => seedRealisticHistory(dbPath, Date.now()),
    ...options,
  });

// The test's tsconfig has no DOM types: the little of the page's DOM these checks read.
interface PageElement {
  getBoundingClientRect(): { top: number; bottom: number };
  closest(selector: string): PageElement | null;
  getAttribute(name: string): string | null;
  tagName: string;
  textContent: string | null;
}
interface PageDocument {
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
  activeElement: PageElement | null;
}

const table = (s: WindowSession) => s.page.getByRole('table', { name: 'Jobs' });
const row = (s: WindowSession, name: string) => table(s).getByRole('row').filter({ hasText: name });
const rowNames = async (s: WindowSession) => table(s).locator('.job-row .job-name').allTextContents();

/** Rows whose whole box is inside the visible part of the list. */
async function fullyVisibleRows(s: WindowSession): Promise<number> {
  return s.page.evaluate(() => {
    const { document: doc, innerHeight: viewportHeight } = globalThis as unknown as {
      document: PageDocument;
      innerHeight: number;
    };
    const scroller = doc.querySelector('[data-testid="job-scroll"]')!.getBoundingClientRect();
    const bottom = Math.min(scroller.bottom, viewportHeight);
    return [...doc.querySelectorAll('[data-testid="job-scroll"] .job-row')].filter((element) => {
      const box = element.getBoundingClientRect();
      return box.top >= scroller.top - 0.5 && box.bottom <= bottom + 0.5;
    }).length;
  });
}

describe('the daily loop on a realistic jobs file', () => {
  test('see every job: dense rows, failing first, checks on their own tab, sort, filter and search', async () => {
    const s = await openRealistic();
    const { page } = s;
    await row(s, 'Renew certificates').waitFor();
    expect(await fullyVisibleRows(s)).toBeGreaterThanOrEqual(15);
    // Failing first: the certificate renewal has failed 9 nights in a row.
    expect((await rowNames(s))[0]).toBe('Renew certificates');
    await expect.poll(() => row(s, 'Renew certificates').getByRole('cell').nth(4).textContent()).toMatch(/^[1-9]\d*$/);
    expect(await row(s, 'Renew certificates').getByTitle('9 failures in a row').count()).toBe(1);
    // Checks live on their tab only, counted on it.
    expect(await page.getByRole('row', { name: /NAS Hyper Backup/ }).count()).toBe(0);
    await page
      .getByRole('button', { name: /^Checks/ })
      .getByLabel(/^2 checks/)
      .waitFor();
    // Cronbar's own upkeep is listed apart.
    expect(await rowNames(s)).not.toContain("Back up Cronbar's database");
    await page.getByText('Cronbar’s own upkeep: 2 jobs').waitFor();
    await s.screenshot('daily-jobs-1100x720');

    const sort = page.getByRole('combobox', { name: 'Sort jobs by' });
    await sort.selectOption('name');
    const byName = await rowNames(s);
    expect(byName.indexOf('Rotate logs 2')).toBeLessThan(byName.indexOf('Rotate logs 10'));
    await sort.selectOption('failures');
    expect((await rowNames(s))[0]).toBe('Renew certificates');
    await sort.selectOption('failing');

    const search = page.getByRole('searchbox', { name: /Search jobs/ });
    await search.fill('rsync');
    await expect.poll(() => rowNames(s)).toEqual(['Sync photos to NAS']);
    await search.fill('failed');
    await expect
      .poll(() => rowNames(s))
      .toEqual(expect.arrayContaining(['Renew certificates', 'Back up home (restic)', 'Weekly report mail']));
    await search.fill('');

    const show = page.getByRole('combobox', { name: 'Show' });
    await show.selectOption('tag:backup');
    await expect.poll(() => rowNames(s)).toEqual(['Back up home (restic)', 'Dump Postgres']);
    await show.selectOption('disabled');
    await expect.poll(() => rowNames(s)).toEqual(['Check VPN tunnel (old)']);
    await show.selectOption('all');
    await page.getByRole('button', { name: /^Failing \(\d+\)$/ }).click();
    const failing = await rowNames(s);
    expect(failing).toContain('Renew certificates');
    expect(failing).not.toContain('Pull notes repository');
    await s.screenshot('daily-jobs-failing-filter');
  }, 90_000);

  test('at the 640×420 minimum at least 8 job rows show', async () => {
    const s = await openRealistic({ viewport: MIN_SIZE });
    await row(s, 'Renew certificates').waitFor();
    await s.screenshot('daily-jobs-640x420');
    expect(await fullyVisibleRows(s)).toBeGreaterThanOrEqual(8);
  }, 60_000);

  test('act on a job: run with live output in a drawer, stop, retry, pause with an end, duplicate, delete', async () => {
    const s = await openRealistic();
    const { page, service } = s;
    await service.saveJob({
      job: {
        id: 'export-archive',
        name: 'Export archive',
        every: '1d',
        command: 'echo "exporting 1 of 3"; sleep 30',
      },
    });
    await row(s, 'Export archive').waitFor();
    await row(s, 'Export archive').getByRole('button', { name: 'Run Export archive now' }).click();
    const drawer = page.getByRole('complementary', { name: /^Run #\d+ of Export archive$/ });
    await drawer.getByText('exporting 1 of 3').waitFor();
    const box = (await drawer.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(DEFAULT_SIZE.height + 1);
    const stop = row(s, 'Export archive').getByRole('button', { name: /^Stop Export archive \(run \d+\)$/ });
    await stop.waitFor();
    await s.screenshot('daily-run-now-live-drawer');
    await stop.click();
    await drawer.locator('.badge.status-interrupted, .badge.status-failed').waitFor();
    await row(s, 'Export archive').getByRole('button', { name: 'Run Export archive now' }).waitFor();
    await drawer.getByRole('button', { name: 'Close the output' }).click();

    // Retry the failing renewal from its row's menu.
    await row(s, 'Renew certificates').getByRole('button', { name: 'More actions for Renew certificates' }).click();
    await page.getByRole('menuitem', { name: /^Retry \(run #\d+ failed\)$/ }).click();
    await page.getByRole('complementary', { name: /^Run #\d+ of Renew certificates$/ }).waitFor();
    await page.getByRole('button', { name: 'Close the output' }).click();

    // Pause one job for an hour: its row says until when.
    await row(s, 'Mirror the wiki').getByRole('button', { name: 'More actions for Mirror the wiki' }).click();
    await s.screenshot('daily-row-actions-menu');
    await page.getByRole('menuitem', { name: 'Pause for 1 h' }).click();
    await expect.poll(() => row(s, 'Mirror the wiki').textContent()).toMatch(/paused until \d\d:\d\d/);

    // Duplicate: the copy lands disabled, so it never doubles the original's runs; then delete it (asked first).
    await row(s, 'Dump Postgres').getByRole('button', { name: 'More actions for Dump Postgres' }).click();
    await page.getByRole('menuitem', { name: 'Duplicate' }).click();
    await row(s, 'Dump Postgres (copy)').waitFor();
    expect(fs.readFileSync(s.configPath, 'utf8')).toMatch(/id: pg-dump-copy[\s\S]*enabled: false/);
    await row(s, 'Dump Postgres (copy)').getByRole('button', { name: 'More actions for Dump Postgres (copy)' }).click();
    await page.getByRole('menuitem', { name: 'Delete…' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Delete Dump Postgres (copy)?' });
    await confirm.waitFor();
    await s.screenshot('daily-delete-confirm');
    await confirm.getByRole('button', { name: 'Delete job' }).click();
    await row(s, 'Dump Postgres (copy)').waitFor({ state: 'detached' });
    expect(fs.readFileSync(s.configPath, 'utf8')).not.toContain('pg-dump-copy');

    // Pause all asks, offers an end, and the header keeps saying until when.
    await page.getByRole('button', { name: 'Pause all…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Pause every job?' });
    await expect
      .poll(() => dialog.getByRole('radio', { checked: true }).locator('..').textContent())
      .toMatch(/until (tomorrow )?08:00/);
    await dialog.getByRole('button', { name: 'Pause all' }).click();
    await page.locator('.paused-state', { hasText: /Everything paused until (tomorrow )?08:00/ }).waitFor();
    expect((await service.status({})).pausedAllUntil).toBeGreaterThan(Date.now());
    await expect.poll(() => row(s, 'Dump Postgres').textContent()).toMatch(/paused until (tomorrow )?08:00/);
    await s.screenshot('daily-pause-all-until-morning');
  }, 120_000);

  test('what happened last night: the catch-up and its retry say why, history filters by status and time', async () => {
    const s = await openRealistic();
    const { page } = s;
    await row(s, 'Back up home (restic)').getByRole('button', { name: 'Back up home (restic)', exact: true }).click();
    await page.getByRole('heading', { name: 'Back up home (restic)' }).waitFor();
    const recent = page.getByRole('region', { name: 'Last 10 runs' });
    const catchUp = recent.getByText(
      /^02:00 — the machine was asleep \(00:40 → 05:34\); ran at 05:34 as a catch-up; failed: exit 1$/,
    );
    await catchUp.waitFor();
    await recent
      .getByText(/^02:00 — the machine was asleep .*; retry \(try 2\) of run #\d+ at 05:39; failed: exit 1$/)
      .waitFor();
    await page.getByRole('region', { name: 'Next 10 runs' }).waitFor();
    await s.screenshot('daily-last-night-story');

    const history = page.getByRole('region', { name: 'History' });
    await history.getByRole('combobox', { name: 'Show runs with status' }).selectOption('problems');
    await history.getByRole('combobox', { name: 'Show runs from' }).selectOption('day');
    // Both counts in one poll: under load the table can show two rows of the filter before last for a moment.
    await expect
      .poll(async () => [
        await history.locator('tr.run-line').count(),
        await history.locator('tr.run-line .badge.status-failed').count(),
      ])
      .toEqual([2, 2]);
    await history.locator('.story', { hasText: 'as a catch-up' }).first().scrollIntoViewIfNeeded();
    await s.screenshot('daily-history-filtered');
  }, 60_000);

  test('first start: a welcome that says where things are, the upkeep jobs apart', async () => {
    const s = await open(DEFAULT_JOBS_FILE, { viewport: DEFAULT_SIZE });
    const { page } = s;
    await page.getByRole('heading', { name: 'Welcome to Cronbar' }).waitFor();
    await page.getByText(s.configPath).waitFor();
    await page.getByText(/desktop notification/).waitFor();
    await page.getByRole('button', { name: 'Add a job' }).waitFor();
    await page.getByRole('button', { name: /^Import from crontab/ }).waitFor();
    await page.getByText('Cronbar’s own upkeep: 2 jobs').waitFor();
    await s.screenshot('daily-welcome-1100x720');
    await page.setViewportSize(MIN_SIZE);
    await s.screenshot('daily-welcome-640x420');
    await page.getByRole('button', { name: /^Import from crontab/ }).click();
    await page.getByRole('heading', { name: 'Import jobs' }).waitFor();
  }, 60_000);

  test('keyboard: j/k move focus, Enter opens with focus on the heading, Esc returns to the row, ? lists the keys', async () => {
    const s = await openRealistic();
    const { page } = s;
    await row(s, 'Renew certificates').waitFor();
    const focusedJob = () =>
      page.evaluate(() => {
        const doc = (globalThis as unknown as { document: PageDocument }).document;
        return doc.activeElement?.closest('.job-row')?.getAttribute('data-job-id') ?? doc.activeElement?.tagName;
      });
    await page.keyboard.press('j');
    await expect.poll(focusedJob).toBe('certbot-renew');
    await page.keyboard.press('j');
    const second = await focusedJob();
    expect(second).not.toBe('certbot-renew');
    await page.keyboard.press('k');
    await expect.poll(focusedJob).toBe('certbot-renew');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Renew certificates' }).waitFor();
    await expect
      .poll(() =>
        page.evaluate(() => (globalThis as unknown as { document: PageDocument }).document.activeElement?.textContent),
      )
      .toBe('Renew certificates');
    await page.keyboard.press('Escape');
    await expect.poll(focusedJob).toBe('certbot-renew');
    await s.screenshot('daily-keyboard-focus');
    // The cells carry their column names.
    expect(await table(s).getByRole('columnheader', { name: 'Next run' }).count()).toBe(1);
    await page.keyboard.press('?');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await sheet.waitFor();
    await s.screenshot('daily-keyboard-shortcuts');
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'detached' });
  }, 60_000);
});

describe('accessibility on the realistic file', () => {
  test.each(['light', 'dark'] as const)(
    'axe finds nothing serious in any view, menu or dialog (%s)',
    async (colorScheme) => {
      const s = await openRealistic({ colorScheme });
      const { page } = s;
      const problems: string[] = [];
      const check = async (view: string) => {
        const result = await new AxeBuilder({ page }).analyze();
        for (const violation of result.violations)
          if (violation.impact === 'serious' || violation.impact === 'critical')
            problems.push(
              `${view}: ${violation.id} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
            );
      };
      await row(s, 'Renew certificates').waitFor();
      await check('jobs');
      await row(s, 'Dump Postgres').getByRole('button', { name: 'More actions for Dump Postgres' }).click();
      await page.getByRole('menu').waitFor();
      await check('row menu');
      await page.keyboard.press('Escape');
      await page.getByText('Cronbar’s own upkeep').click();
      await check('upkeep');
      await page.getByRole('button', { name: 'Pause all…' }).click();
      await page.getByRole('dialog', { name: 'Pause every job?' }).waitFor();
      await check('pause all dialog');
      await page.getByRole('button', { name: 'Cancel' }).click();
      await page.keyboard.press('?');
      await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
      await check('shortcuts');
      await page.keyboard.press('Escape');
      await row(s, 'Back up home (restic)').getByRole('button', { name: 'Back up home (restic)', exact: true }).click();
      await page
        .getByRole('region', { name: 'Last 10 runs' })
        .getByText(/as a catch-up/)
        .first()
        .waitFor();
      await page.getByLabel(/^Output of run \d+$/).waitFor();
      await check('job page');
      await page.getByRole('button', { name: /^Checks/ }).click();
      await page.getByRole('row', { name: /NAS Hyper Backup/ }).waitFor();
      await check('checks');
      await page.getByRole('button', { name: 'Timeline', exact: true }).click();
      await page.getByRole('group', { name: /^Timeline of/ }).waitFor();
      await check('timeline');
      await page.getByRole('button', { name: 'Editor', exact: true }).click();
      await page.locator('.cm-line', { hasText: 'restic-home' }).waitFor();
      await check('yaml editor');
      await page.getByRole('button', { name: 'Settings', exact: true }).click();
      await page.getByLabel('Jobs running at once').waitFor();
      await check('settings');
      await s.screenshot(`daily-settings-${colorScheme}`);
      expect(problems).toEqual([]);
    },
    // Eleven axe passes over a 17-job page: about 50 s alone, more on a loaded 2-core machine.
    180_000,
  );

  test('the welcome state passes axe in light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const s = await open(DEFAULT_JOBS_FILE, { viewport: DEFAULT_SIZE, colorScheme });
      await s.page.getByRole('heading', { name: 'Welcome to Cronbar' }).waitFor();
      const result = await new AxeBuilder({ page: s.page }).analyze();
      expect(
        result.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical'),
      ).toEqual([]);
      await s.screenshot(`daily-welcome-${colorScheme}`);
      await s.close();
    }
  }, 90_000);
});
