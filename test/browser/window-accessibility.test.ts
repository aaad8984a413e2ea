/** Every view passes an axe check with no serious or critical violations, in light and dark. */
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type WindowRig, startWindowRig } from './helpers/window-harness';

let rig: WindowRig;
beforeAll(async () => {
  rig = await startWindowRig();
}, 120_000);
afterAll(async () => rig?.close());

const JOBS =
  `jobs:\n  - id: backup\n    name: Back up home\n    tags: [backup]\n    cron: "0 2 * * *"\n    command: echo done\n  - id: broken\n    name: Always fails\n    every: 1d\n    command: echo nope >&2; exit 2\n` +
  `  - id: slow\n    name: Too slow\n    every: 1d\n    timeout: 1s\n    command: sleep 30\n`;

// Walks every view twice over (an axe pass each); on a loaded 2-core machine that takes over a minute.
test.each(['light', 'dark'] as const)(
  'no serious axe violations in any view (%s)',
  async (colorScheme) => {
    const session = await rig.open(JOBS, { colorScheme });
    const { page } = session;
    const serious = async (view: string) => {
      const result = await new AxeBuilder({ page }).analyze();
      const found = result.violations.filter(
        (violation) => violation.impact === 'serious' || violation.impact === 'critical',
      );
      return found.map(
        (violation) => `${view}: ${violation.id} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
      );
    };
    const problems: string[] = [];
    const list = page.getByRole('table', { name: 'Jobs' });
    await list.getByText('Always fails').waitFor();
    await list.getByRole('button', { name: 'Run Always fails now' }).click();
    await list.locator('.badge.status-failed').waitFor();
    await list.getByRole('button', { name: 'Run Too slow now' }).click();
    const timedOut = list.locator('.badge.status-timed-out');
    await timedOut.waitFor();
    // Timed out reads differently from failed, in its word and its colour (axe below checks both are legible).
    expect(await timedOut.textContent()).toMatch(/^timed out/);
    const colours = async (selector: string) =>
      list
        .locator(selector)
        .first()
        .evaluate((element) => {
          // The test's tsconfig has no DOM types; this runs in the page.
          const style = (
            globalThis as unknown as { getComputedStyle(node: unknown): { color: string; backgroundColor: string } }
          ).getComputedStyle(element);
          return [style.color, style.backgroundColor];
        });
    expect(await colours('.badge.status-timed-out')).not.toEqual(await colours('.badge.status-failed'));
    expect(await colours('.tick.status-timed-out')).not.toEqual(await colours('.tick.status-failed'));
    problems.push(...(await serious('jobs')));
    await session.screenshot(`jobs-${colorScheme}`);

    await list.getByRole('button', { name: 'Always fails', exact: true }).click();
    await page.getByLabel(/^Output of run \d+$/).waitFor();
    problems.push(...(await serious('job detail')));
    await session.screenshot(`job-detail-${colorScheme}`);

    await page.getByRole('button', { name: 'Timeline', exact: true }).click();
    const chart = page.getByRole('group', { name: /^Timeline of/ });
    await chart.waitFor();
    // By keyboard: Tab lands on one mark in the chart, the arrows move, focus shows the hover card, Enter opens a run.
    for (let step = 0; step < 30 && (await chart.locator(':focus').count()) === 0; step++)
      await page.keyboard.press('Tab');
    const focusedName = async () => (await page.locator(':focus').getAttribute('aria-label')) ?? '';
    await page.keyboard.press('Home');
    expect(await focusedName()).toMatch(/^Always fails · run #\d+ failed · /);
    expect(await page.locator('.timeline-hover').textContent()).toBe(await focusedName());
    problems.push(...(await serious('timeline')));
    await session.screenshot(`timeline-${colorScheme}`);
    // Rows are by name: Always fails, Back up home (its next fire), Too slow.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Home');
    expect(await focusedName()).toMatch(/^Too slow · run #\d+ timed out · /);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Too slow' }).waitFor();

    await page.getByRole('button', { name: 'Editor', exact: true }).click();
    await page.getByRole('textbox', { name: 'Jobs file (YAML)' }).waitFor();
    problems.push(...(await serious('yaml editor')));
    await page.getByRole('button', { name: 'Form', exact: true }).click();
    await page.getByRole('form', { name: 'New job' }).waitFor();
    problems.push(...(await serious('job form')));
    await session.screenshot(`job-form-${colorScheme}`);
    // Leaving with edits asks in a modal dialog: focus starts on Keep editing and Tab stays inside it.
    await page.getByLabel('Name', { exact: true }).fill('Half-typed');
    await page.getByRole('button', { name: 'Cancel' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Discard your changes?' });
    await dialog.waitFor();
    expect(await page.locator(':focus').textContent()).toBe('Keep editing');
    for (let step = 0; step < 3; step++) await page.keyboard.press('Tab');
    expect(await dialog.locator(':focus').count()).toBe(1);
    problems.push(...(await serious('discard dialog')));
    await session.screenshot(`job-form-discard-${colorScheme}`);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Half-typed');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await dialog.getByRole('button', { name: 'Discard changes' }).click();
    await page.getByRole('table', { name: 'Jobs' }).waitFor();

    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('heading', { name: 'Running and history' }).waitFor();
    await page.getByLabel('Jobs running at once').waitFor();
    problems.push(...(await serious('settings')));
    await session.screenshot(`settings-${colorScheme}`);

    expect(problems).toEqual([]);
    expect(session.pageErrors).toEqual([]);
    await session.close();
  },
  120_000,
);
