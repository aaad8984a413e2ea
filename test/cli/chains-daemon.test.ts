/**
 * A chain end to end in a real daemon: build succeeds → deploy runs with its parent run id in its environment; a
 * failing parent holds its child back (recorded skipped, naming the parent run) and the channel gets one alert, the
 * parent's, which names the child.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Daemon, cronbar, jobHistory as history, tempHome, waitUntil } from './cli-helpers';

const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe.skipIf(process.platform === 'win32')('chains in a running daemon', () => {
  it('runs the child after its parent succeeds, and holds it back with one alert when the parent fails', async () => {
    const home = tempHome();
    cleanups.push(() => fs.rmSync(home, { recursive: true, force: true }));
    const alerts = path.join(home, 'alerts.jsonl');
    fs.writeFileSync(
      path.join(home, 'jobs.yaml'),
      `notifications:
  hook:
    command:
      run: ["/bin/sh", "-c", "tr -d '\\\\n' >> '${alerts}'; echo >> '${alerts}'"]
defaults:
  notify: { channels: [hook] }
jobs:
  - id: build
    every: 2s
    command: echo built
  - id: deploy
    after: { job: build }
    command: echo "parent=$CRONBAR_PARENT_RUN_ID job=$CRONBAR_PARENT_JOB"
  - id: broken
    every: 2s
    command: echo "compile error" && exit 3
  - id: ship
    after: { job: broken }
    command: echo shipped
`,
    );
    const daemon = new Daemon(home);
    cleanups.push(() => daemon.stop());
    await daemon.waitFor(/scheduling|started|listening|jobs/i, 15_000);

    const deploy = await waitUntil('a finished deploy run', async () => {
      const runs = await history(home, 'deploy');
      return runs.find((run) => run.status === 'succeeded') ?? null;
    });
    expect(deploy.trigger).toBe('chain');
    const parent = (await history(home, 'build')).find((run) => run.id === deploy.parentRunId);
    expect(parent).toMatchObject({ status: 'succeeded', jobId: 'build' });
    const logs = await cronbar(['logs', String(deploy.id)], { home });
    expect(logs.stdout).toContain(`parent=${deploy.parentRunId} job=build`);

    const skipped = await waitUntil('ship held back', async () => {
      const runs = await history(home, 'ship');
      return runs.length > 0 ? runs : null;
    });
    const brokenRun = (await history(home, 'broken')).find((run) => run.id === skipped.at(-1)!.parentRunId)!;
    expect(skipped.at(-1)).toMatchObject({
      status: 'skipped',
      trigger: 'chain',
      reason: `parent broken run ${brokenRun.id} failed`,
    });
    expect(skipped.every((run) => run.status === 'skipped')).toBe(true);

    const sent = await waitUntil('the alert for broken', async () => {
      const lines = fs.existsSync(alerts) ? fs.readFileSync(alerts, 'utf8').trim().split('\n').filter(Boolean) : [];
      return lines.length > 0
        ? lines.map((line) => JSON.parse(line) as { job: { id: string } | null; text: string })
        : null;
    });
    // Let a few more parent failures (and skipped children) pass: still the one alert, the parent's.
    await waitUntil('more held-back runs', async () => ((await history(home, 'ship')).length >= 3 ? true : null));
    const all = fs
      .readFileSync(alerts, 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    expect(all.map((message: { job: { id: string } | null }) => message.job?.id)).toEqual(['broken']);
    expect(sent[0]!.text).toMatch(/^exit code 3: compile error; held back: ship$/);
  }, 60_000);
});
