import { afterAll, beforeAll, expect, test } from 'vitest';
import { type WindowRig, startWindowRig } from './helpers/window-harness';

let rig: WindowRig;
beforeAll(async () => {
  rig = await startWindowRig();
}, 120_000);
afterAll(async () => rig?.close());

test('smoke', async () => {
  const session = await rig.open(`jobs:\n  - id: hello\n    name: Say hello\n    cron: "0 3 * * *"\n    command: echo hello\n`);
  await session.page.getByRole('list', { name: 'Jobs' }).getByText('Say hello').waitFor();
  await session.screenshot('smoke');
  expect(session.pageErrors).toEqual([]);
  await session.close();
});
