import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Store } from '../../../electron/core/ports';
import { historyBindings, historySql } from '../../../electron/core/store/history-sql';
import { openStore } from '../../../electron/core/store/open-store';
import type { RunStatus } from '../../../shared/model';
import { MINUTE, T0, newRun, tempDir, track } from './store-fixtures';

/** 30 runs alternating between two jobs; every third one failed; the last one of each job still running. */
function seed(store: Store) {
  const statuses: RunStatus[] = [];
  for (let i = 0; i < 30; i += 1) statuses.push(i >= 28 ? 'running' : i % 3 === 0 ? 'failed' : 'succeeded');
  return store.insertRuns(
    statuses.map((status, i) =>
      newRun({
        jobId: i % 2 === 0 ? 'backup' : 'sync',
        status,
        createdAt: T0 + i * MINUTE,
        scheduledFor: T0 + i * MINUTE,
      }),
    ),
  );
}

/** Every page of a query, following nextBefore. */
function allPages(store: Store, query: Omit<Parameters<Store['history']>[0], 'before'>) {
  const pages: number[][] = [];
  let before: number | undefined;
  for (;;) {
    const page = store.history({ ...query, before });
    pages.push(page.runs.map((run) => run.id));
    if (page.nextBefore === null) return pages;
    before = page.nextBefore;
  }
}

describe('history', () => {
  it('pages newest first by id until nextBefore is null', () => {
    const store = track(openStore(':memory:'));
    const ids = seed(store).map((run) => run.id);
    const pages = allPages(store, { limit: 8 });
    expect(pages.map((page) => page.length)).toEqual([8, 8, 8, 6]);
    expect(pages.flat()).toEqual([...ids].reverse());
  });

  it('returns nextBefore null when the page is exactly the last rows', () => {
    const store = track(openStore(':memory:'));
    seed(store);
    expect(store.history({ limit: 30 }).nextBefore).toBeNull();
    expect(store.history({ limit: 29 }).nextBefore).not.toBeNull();
  });

  it('filters by job, by statuses, and by both, across pages', () => {
    const store = track(openStore(':memory:'));
    const runs = seed(store);
    const expected = (keep: (run: (typeof runs)[number]) => boolean) =>
      runs
        .filter(keep)
        .map((run) => run.id)
        .reverse();

    expect(allPages(store, { limit: 4, jobId: 'sync' }).flat()).toEqual(expected((run) => run.jobId === 'sync'));
    expect(allPages(store, { limit: 4, statuses: ['failed'] }).flat()).toEqual(
      expected((run) => run.status === 'failed'),
    );
    expect(allPages(store, { limit: 3, statuses: ['failed', 'running'] }).flat()).toEqual(
      expected((run) => run.status === 'failed' || run.status === 'running'),
    );
    expect(allPages(store, { limit: 2, jobId: 'backup', statuses: ['failed', 'running'] }).flat()).toEqual(
      expected((run) => run.jobId === 'backup' && (run.status === 'failed' || run.status === 'running')),
    );
    // No status chip selected means no filter, as in the window.
    expect(allPages(store, { limit: 7, statuses: [] }).flat()).toEqual(expected(() => true));
  });

  it('filters by since (created at or after)', () => {
    const store = track(openStore(':memory:'));
    const runs = seed(store);
    const since = T0 + 25 * MINUTE;
    expect(allPages(store, { limit: 2, since }).flat()).toEqual(
      runs
        .filter((run) => run.createdAt >= since)
        .map((run) => run.id)
        .reverse(),
    );
    expect(
      store.history({ limit: 50, since, jobId: 'backup', statuses: ['succeeded'] }).runs.map((run) => run.createdAt),
    ).toEqual([T0 + 26 * MINUTE]);
  });

  it('is empty for a job with no runs', () => {
    const store = track(openStore(':memory:'));
    seed(store);
    expect(store.history({ limit: 10, jobId: 'nobody' })).toEqual({ runs: [], nextBefore: null });
  });

  it('rejects a bad page request with a message naming the field', () => {
    const store = track(openStore(':memory:'));
    expect(() => store.history({ limit: 0 })).toThrow(':memory:: history: limit must be a whole number ≥ 1');
    expect(() => store.history({ limit: 10, statuses: ['done' as RunStatus] })).toThrow(
      'history: status "done" is not one of',
    );
  });
});

describe('recentRuns', () => {
  it('gives the newest finished runs of one job, never the live ones', () => {
    const store = track(openStore(':memory:'));
    const runs = seed(store);
    const recent = store.recentRuns('backup', 3);
    const finishedBackups = runs.filter((run) => run.jobId === 'backup' && run.status !== 'running');
    expect(recent.map((run) => run.id)).toEqual(
      finishedBackups
        .slice(-3)
        .map((run) => run.id)
        .reverse(),
    );
    expect(store.recentRuns('nobody', 3)).toEqual([]);
  });
});

describe('liveRuns', () => {
  it('lists queued and running runs with their process group', () => {
    const store = track(openStore(':memory:'));
    const running = store.insertRun(newRun({ status: 'running' }));
    store.updateRun(running.id, { pid: 777, pgid: 777 });
    const queued = store.insertRun(newRun({ jobId: 'sync', status: 'queued' }));
    store.insertRun(newRun({ status: 'succeeded' }));
    expect(store.liveRuns().map((run) => [run.id, run.status, run.pgid])).toEqual([
      [running.id, 'running', 777],
      [queued.id, 'queued', null],
    ]);
  });

  it('gives each live run the process that executes it, so recovery can leave a live one alone', () => {
    const store = track(openStore(':memory:'));
    const mine = store.insertRun(newRun({ status: 'running', ownerPid: 4321 }));
    const unknown = store.insertRun(newRun({ status: 'queued' }));
    expect(store.liveRuns().map((run) => [run.id, run.ownerPid])).toEqual([
      [mine.id, 4321],
      [unknown.id, null],
    ]);
    expect(() => store.insertRun(newRun({ ownerPid: 0 }))).toThrow(
      ':memory:: insertRun: ownerPid must be a process id (a whole number ≥ 1) or null, got 0',
    );
    expect(() => store.insertRuns([newRun(), newRun({ ownerPid: 1.5 })])).toThrow(
      'insertRuns: runs[1]: ownerPid must be a process id',
    );
    expect(store.history({ limit: 10 }).runs).toHaveLength(2);
  });
});

describe('history query plans', () => {
  // A page must not cost more as history grows: every shape walks an index newest-first from the cursor (SEARCH with
  // `id<?`), so it stops after the page. A plain scan, or `status IN (…)` (which collects every match, then sorts),
  // would not bound the work.
  const shapes = [
    { byJob: false, statusCount: 0, since: false },
    { byJob: false, statusCount: 0, since: true },
    { byJob: false, statusCount: 1, since: false },
    { byJob: false, statusCount: 3, since: true },
    { byJob: true, statusCount: 1, since: false },
    { byJob: true, statusCount: 8, since: false },
    { byJob: true, statusCount: 2, since: true },
  ];

  it.each(shapes)('walks an index for %o', (shape) => {
    const dbPath = path.join(tempDir(), 'cronbar.db');
    const store = openStore(dbPath);
    seed(store);
    store.close();
    const db = new Database(dbPath, { readonly: true });
    try {
      const codes = Array.from({ length: shape.statusCount }, (_, i) => i);
      const bindings = historyBindings({
        jobKey: shape.byJob ? 1 : null,
        statusCodes: codes,
        before: 1e9,
        since: shape.since ? 0 : null,
        limit: 51,
      });
      const plan = (
        db.prepare(`EXPLAIN QUERY PLAN ${historySql(shape)}`).all(...bindings) as Array<{ detail: string }>
      ).map((row) => row.detail);
      const touchesRuns = plan.filter((line) => /\bruns\b/.test(line));
      expect(touchesRuns.length).toBeGreaterThan(0);
      for (const line of touchesRuns)
        expect(line).toMatch(/^SEARCH runs USING (INDEX runs_by_\w+ \(.*\bid<\?\)|INTEGER PRIMARY KEY \(rowid<\?\))/);
    } finally {
      db.close();
    }
  });
});
