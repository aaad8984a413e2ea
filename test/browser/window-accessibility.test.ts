/** Every view passes an axe check with no serious or critical violations, in light and dark. */
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type WindowRig, startWindowRig } from './helpers/window-harness';

let rig: WindowRig;
beforeAll(async () => {
  rig = await startWindowRig();
}, 120_000);
afterAll(async () => rig?.close());

const JOBS = `jobs:\n  - id: backup\n    name: Back up home\n    tags: [backup]\n    cron: "0 2 * * *"\n    command: echo done\n  - id: broken\n    name: Always fails\n    every: 1d\n    command: echo nope >&2; exit 2\n`;

test.each(['light', 'dark'] as const)('no serious axe violations in any view (%s)', async (colorScheme) => {
  const session = await rig.open(JOBS, { colorScheme });
  const { page } = session;
  const serious = async (view: string) => {
    const result = await new AxeBuilder({ page }).analyze();
    const found = result.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
    return found.map((violation) => `${view}: ${violation.id} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
  };
  const problems: string[] = [];
  const list = page.getByRole('list', { name: 'Jobs' });
  await list.getByText('Always fails').waitFor();
  await list.getByRole('button', { name: 'Run Always fails now' }).click();
  await list.locator('.badge.status-failed').waitFor();
  problems.push(...(await serious('jobs')));
  await session.screenshot(`jobs-${colorScheme}`);

  await list.getByRole('button', { name: 'Always fails', exact: true }).click();
  await page.getByLabel(/^Output of run \d+$/).waitFor();
  problems.push(...(await serious('job detail')));
  await session.screenshot(`job-detail-${colorScheme}`);

  await page.getByRole('button', { name: 'Timeline', exact: true }).click();
  await page.getByRole('img', { name: /^Timeline of/ }).waitFor();
  problems.push(...(await serious('timeline')));
  await session.screenshot(`timeline-${colorScheme}`);

  await page.getByRole('button', { name: 'Editor', exact: true }).click();
  await page.getByRole('textbox', { name: 'Jobs file (YAML)' }).waitFor();
  problems.push(...(await serious('yaml editor')));
  await page.getByRole('button', { name: 'Form', exact: true }).click();
  await page.getByRole('form', { name: 'New job' }).waitFor();
  problems.push(...(await serious('job form')));
  await session.screenshot(`job-form-${colorScheme}`);

  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByRole('heading', { name: 'Running and history' }).waitFor();
  await page.getByLabel('Jobs running at once').waitFor();
  problems.push(...(await serious('settings')));
  await session.screenshot(`settings-${colorScheme}`);

  expect(problems).toEqual([]);
  expect(session.pageErrors).toEqual([]);
  await session.close();
});
