/** The builtins against the real SQLite store: the backup opens as a Cronbar DB with the runs in it; prune deletes. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Store } from '../../../electron/core/ports';
import { createActionRunner } from '../../../electron/core/runner/action-runner';
import { openStore } from '../../../electron/core/store/open-store';
import { jobWith, manualRun } from './runner-fixtures';

const DAY = 86_400_000;
const NOW = Date.UTC(2027, 5, 1, 2, 0, 0);

let dataDir: string;
let store: Store;
const opened: Store[] = [];
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-builtin-store-'));
  store = openStore(path.join(dataDir, 'cronbar.db'));
  opened.push(store);
  for (const daysAgo of [90, 60, 2, 1]) {
    const at = NOW - daysAgo * DAY;
    store.insertRun({
      jobId: 'backup-home',
      trigger: 'schedule',
      status: 'succeeded',
      scheduledFor: at,
      createdAt: at,
      startedAt: at,
      finishedAt: at + 1000,
    });
  }
});
afterEach(() => {
  for (const each of opened.splice(0)) each.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('backup-database writes a copy that opens as a Cronbar database with the same history', async () => {
  const runner = createActionRunner({ dataDir, store, now: () => NOW });
  const result = await runner.start(jobWith({ kind: 'builtin', name: 'backup-database', keep: 3 }), manualRun).done;

  expect(result.status).toBe('succeeded');
  const [name, ...rest] = fs.readdirSync(path.join(dataDir, 'backups'));
  expect(rest).toEqual([]);
  expect(name).toMatch(/^cronbar-\d{8}-\d{6}\.db$/);
  const copy = openStore(path.join(dataDir, 'backups', name!), { readonly: true });
  opened.push(copy);
  expect(copy.recentRuns('backup-home', 10)).toHaveLength(4);
});

it('prune-history deletes the runs both older than keepDays and beyond keepRuns, and says how many', async () => {
  const runner = createActionRunner({ dataDir, store, now: () => NOW });
  const result = await runner.start(
    jobWith({ kind: 'builtin', name: 'prune-history', keepDays: 30, keepRuns: 1 }),
    manualRun,
  ).done;

  expect(result.status).toBe('succeeded');
  expect(result.outputTail.toString()).toMatch(/^deleted 2 runs /);
  expect(store.recentRuns('backup-home', 10)).toHaveLength(2);
});
