/**
 * The timeline on the realistic fixture (test/fixtures/window: two weeks of history with a night asleep, 15 jobs) in
 * Chromium on a real core, at the app's default size (1100×720) and its minimum (640×420): the week range with every
 * fire counted, the tag filter, the day × hour heatmap, and axe over it in light and dark. Screenshots in
 * test-results/browser/timeline-week-<size>.png and heatmap-<size>.png.
 */
import AxeBuilder from '@axe-core/playwright';
import { describe, expect, test } from 'vitest';
import { realisticJobsYaml, seedRealisticHistory } from '../fixtures/window/seed-realistic-history';
import { useWindowRig } from './helpers/window-harness';

const open = useWindowRig();

// The test's tsconfig has no DOM types: the little of the page's DOM these checks read.
interface PageElement {
  getAttribute(name: string): string | null;
  scrollLeft: number;
  scrollWidth: number;
  clientWidth: number;
}

const SIZES = [
  { width: 1100, height: 720 },
  { width: 640, height: 420 },
];

describe('the timeline on a realistic jobs file', () => {
  for (const viewport of SIZES) {
    const size = `${viewport.width}x${viewport.height}`;
    test(`a week of fires, a tag, the heatmap, at ${size}; axe in light and dark`, async () => {
      for (const colorScheme of ['light', 'dark'] as const) {
        const s = await open(realisticJobsYaml(), {
          viewport,
          colorScheme,
          seed: (dbPath) => seedRealisticHistory(dbPath, Date.now()),
        });
        const { page } = s;
        await page.getByRole('button', { name: 'Timeline', exact: true }).click();
        await page.getByRole('group', { name: /fires in the next 24 hours/ }).waitFor();
        await page.getByRole('button', { name: 'Week', exact: true }).click();
        const chart = page.getByRole('group', { name: /fires in the next week/ });
        await chart.waitFor();
        // The core counted the whole week: the chart's count is the sum of the rows' counts, and more than a day's.
        const weekFires = Number(/, (\d+) fires in the next week/.exec((await chart.getAttribute('aria-label'))!)![1]);
        const rowCounts = await page
          .locator('path.fire-ticks')
          .evaluateAll((paths) =>
            paths.map((element) =>
              Number(
                / · (\d+) upcoming fires/.exec(
                  (element as unknown as PageElement).getAttribute('aria-label') ?? '',
                )?.[1],
              ),
            ),
          );
        expect(rowCounts.reduce((sum, count) => sum + count, 0)).toBe(weekFires);
        expect(weekFires).toBeGreaterThan(7);
        // Scrollable sideways, opened on now.
        const scroll = page.getByRole('region', { name: /Timeline chart, week each side of now/ });
        const { scrollLeft, scrollWidth, clientWidth } = await scroll.evaluate((node) => {
          const element = node as unknown as PageElement;
          return {
            scrollLeft: element.scrollLeft,
            scrollWidth: element.scrollWidth,
            clientWidth: element.clientWidth,
          };
        });
        expect(scrollWidth).toBeGreaterThan(clientWidth * 2);
        expect(scrollLeft).toBeGreaterThan(0);
        // The recorded night asleep shows as a band.
        expect(await page.locator('.timeline .downtime').count()).toBeGreaterThanOrEqual(1);
        if (colorScheme === 'light') await s.screenshot(`timeline-week-${size}`);

        const heatmap = page.getByRole('table', { name: 'Runs and fires per day and hour' });
        await heatmap.scrollIntoViewIfNeeded();
        expect(await heatmap.getByRole('columnheader').count()).toBe(25);
        expect(await heatmap.getByRole('rowheader').count()).toBeGreaterThanOrEqual(8);
        expect(await heatmap.getByRole('cell', { name: /failed/ }).count()).toBeGreaterThan(0);
        expect(await heatmap.getByRole('cell', { name: /due/ }).count()).toBeGreaterThan(0);
        if (colorScheme === 'light') await s.screenshot(`heatmap-${size}`);

        const result = await new AxeBuilder({ page }).include('.timeline-view').analyze();
        const serious = result.violations
          .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
          .map(
            (violation) => `${colorScheme}: ${violation.id}: ${violation.nodes.map((node) => node.target).join(' ')}`,
          );
        expect(serious).toEqual([]);

        // One tag: only its jobs' rows and fires.
        await page.getByRole('combobox', { name: 'Tag' }).selectOption('backup');
        await expect
          .poll(async () => (await chart.getAttribute('aria-label')) ?? '', { timeout: 15_000 })
          .toMatch(/^Timeline of [1-9] jobs:/);
        const names = await page
          .locator('path.fire-ticks')
          .evaluateAll((paths) =>
            paths.map((element) => (element as unknown as PageElement).getAttribute('aria-label') ?? ''),
          );
        expect(names.length).toBeGreaterThan(0);
        expect(names.every((name) => /^(Back up home \(restic\)|Dump Postgres) · /.test(name))).toBe(true);
        await s.close();
      }
    }, 240_000); // two sessions with two axe passes each: ~90 s on a loaded 2-core machine
  }
});
