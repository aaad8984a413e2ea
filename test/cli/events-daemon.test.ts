/**
 * Event triggers end to end in a real daemon: an `on: start` job runs once when the daemon starts, and an
 * `on: path` job runs each time a file lands in the watched folder; both recorded with their trigger in history.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Daemon, cronbar, jobHistory as history, tempHome, waitUntil } from './cli-helpers';

const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe.skipIf(process.platform === 'win32')('event triggers in a running daemon', () => {
  it('runs an on: start job once at start, and an on: path job for each file that lands', async () => {
    const home = tempHome();
    cleanups.push(() => fs.rmSync(home, { recursive: true, force: true }));
    const inbox = path.join(home, 'inbox');
    fs.mkdirSync(inbox);
    fs.writeFileSync(
      path.join(home, 'jobs.yaml'),
      `jobs:
  - id: warm-up
    on: start
    command: echo started
  - id: file-inbox
    on:
      - path: ${inbox}/*.txt
    command: ls '${inbox}'
`,
    );
    const daemon = new Daemon(home);
    cleanups.push(() => daemon.stop());
    await daemon.waitFor(/scheduling|started|listening|jobs/i, 15_000);

    const started = await waitUntil('the on: start run', async () => {
      const runs = await history(home, 'warm-up');
      return runs.some((run) => run.status === 'succeeded') ? runs : null;
    });
    expect(started).toHaveLength(1);
    expect(started[0]).toMatchObject({ trigger: 'start', status: 'succeeded' });

    // Nothing landed yet: the path job has not run.
    expect(await history(home, 'file-inbox')).toEqual([]);

    fs.writeFileSync(path.join(inbox, 'first.txt'), 'one');
    const first = await waitUntil('a run for the first file', async () => {
      const runs = await history(home, 'file-inbox');
      return runs.find((run) => run.status === 'succeeded') ?? null;
    });
    expect(first.trigger).toBe('path');
    expect((await cronbar(['logs', String(first.id)], { home })).stdout).toContain('first.txt');

    fs.writeFileSync(path.join(inbox, 'second.txt'), 'two');
    const second = await waitUntil('a second run for the second file', async () => {
      const runs = await history(home, 'file-inbox');
      return runs.find((run) => run.id !== first.id && run.status === 'succeeded') ?? null;
    });
    expect(second.trigger).toBe('path');
    expect((await cronbar(['logs', String(second.id)], { home })).stdout).toContain('second.txt');

    // Two files later, the start job still ran only once.
    expect((await history(home, 'warm-up')).length).toBe(1);
  }, 60_000);
});
