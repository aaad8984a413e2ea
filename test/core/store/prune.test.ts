import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Store } from '../../../electron/core/ports';
import { openStore } from '../../../electron/core/store/open-store';
import type { RunRecord } from '../../../shared/model';
import { DAY, T0, newRun, tempDir, track } from './store-fixtures';

const NOW = T0 + 10 * DAY;

/** Finished runs of one job, one a day, created on the given days after T0. */
function runsOnDays(
  store: Store,
  jobId: string,
  days: number[],
  status: RunRecord['status'] = 'succeeded',
): RunRecord[] {
  return store.insertRuns(
    days.map((day) => newRun({ jobId, status, createdAt: T0 + day * DAY, scheduledFor: T0 + day * DAY })),
  );
}

const idsOf = (runs: RunRecord[]) => runs.map((run) => run.id);
const remaining = (store: Store, jobId: string) =>
  store
    .history({ jobId, limit: 1000 })
    .runs.map((run) => run.id)
    .reverse();

describe('prune', () => {
  it('deletes only runs that are both older than keepDays and beyond the newest keepRuns, in a DB opened again', () => {
    const dbPath = path.join(tempDir(), 'cronbar.db');
    const writer = openStore(dbPath);
    const backup = runsOnDays(writer, 'backup', [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const rare = runsOnDays(writer, 'rare', [0, 1, 2]);
    const busy = runsOnDays(
      writer,
      'busy',
      Array.from({ length: 20 }, () => 9.5),
    );
    writer.close();

    const store = track(openStore(dbPath));
    // Older than 3 days: days 0-6. Beyond the newest 5: days 0-4. Both: days 0-4.
    expect(store.prune({ keepDays: 3, keepRuns: 5, now: NOW })).toEqual({ deleted: 5 });
    expect(remaining(store, 'backup')).toEqual(idsOf(backup.slice(5)));
    // Old but among the newest 5 of their job: kept.
    expect(remaining(store, 'rare')).toEqual(idsOf(rare));
    // Beyond 5 but recent: kept.
    expect(remaining(store, 'busy')).toEqual(idsOf(busy));
    expect(store.prune({ keepDays: 3, keepRuns: 5, now: NOW })).toEqual({ deleted: 0 });
  });

  it('never deletes queued or running runs, and does not count them among the kept ones', () => {
    const store = track(openStore(':memory:'));
    const stuck = store.insertRun(newRun({ status: 'running', createdAt: T0 }));
    store.updateRun(stuck.id, { pid: 99, pgid: 99 });
    const waiting = store.insertRun(newRun({ status: 'queued', createdAt: T0 }));
    const finished = runsOnDays(store, 'backup', [1, 2, 3]);
    const newerLive = store.insertRun(newRun({ status: 'running', createdAt: T0 + 3 * DAY }));

    expect(store.prune({ keepDays: 0, keepRuns: 1, now: NOW })).toEqual({ deleted: 2 });
    expect(remaining(store, 'backup')).toEqual([stuck.id, waiting.id, finished[2]!.id, newerLive.id]);
    expect(store.liveRuns().map((run) => [run.id, run.pgid])).toEqual([
      [stuck.id, 99],
      [waiting.id, null],
      [newerLive.id, null],
    ]);
  });

  it('with keepRuns 0 deletes every finished run older than keepDays, of every status', () => {
    const store = track(openStore(':memory:'));
    runsOnDays(store, 'backup', [1], 'failed');
    runsOnDays(store, 'backup', [2], 'skipped');
    runsOnDays(store, 'sync', [3], 'missed');
    runsOnDays(store, 'sync', [4], 'timed-out');
    runsOnDays(store, 'sync', [5], 'interrupted');
    const recent = runsOnDays(store, 'sync', [9.9]);
    expect(store.prune({ keepDays: 1, keepRuns: 0, now: NOW })).toEqual({ deleted: 5 });
    expect(store.history({ limit: 10 }).runs.map((run) => run.id)).toEqual(idsOf(recent));
  });

  it('removes the output of pruned runs with them', () => {
    const dbPath = path.join(tempDir(), 'cronbar.db');
    const store = track(openStore(dbPath));
    const [old, kept] = runsOnDays(store, 'backup', [0, 9]);
    store.updateRun(old!.id, { output: Buffer.from('old log'), outputBytes: 7 });
    store.updateRun(kept!.id, { output: Buffer.from('new log'), outputBytes: 7 });
    store.prune({ keepDays: 1, keepRuns: 1, now: NOW });
    expect(store.getRunOutput(old!.id)).toBeNull();
    expect(store.getRunOutput(kept!.id)?.text).toBe('new log');
    const raw = new Database(dbPath, { readonly: true });
    expect(raw.prepare('SELECT run_id FROM run_output').pluck().all()).toEqual([kept!.id]);
    raw.close();
  });

  it('never hands out a pruned run id again', () => {
    const store = track(openStore(':memory:'));
    const [, newest] = runsOnDays(store, 'backup', [0, 1]);
    store.prune({ keepDays: 0, keepRuns: 0, now: NOW });
    expect(store.history({ limit: 10 }).runs).toEqual([]);
    expect(store.insertRun(newRun()).id).toBeGreaterThan(newest!.id);
  });

  it('rejects bad limits with a message naming the field, deleting nothing', () => {
    const store = track(openStore(':memory:'));
    runsOnDays(store, 'backup', [0, 1]);
    expect(() => store.prune({ keepDays: -1, keepRuns: 0, now: NOW })).toThrow(
      ':memory:: prune: keepDays must be a number ≥ 0',
    );
    expect(() => store.prune({ keepDays: 1, keepRuns: 2.5, now: NOW })).toThrow(
      'prune: keepRuns must be a whole number ≥ 0',
    );
    expect(() => store.prune({ keepDays: 1, keepRuns: 1, now: Number.NaN })).toThrow(
      'prune: now must be a time in epoch ms',
    );
    expect(store.history({ limit: 10 }).runs).toHaveLength(2);
  });
});
