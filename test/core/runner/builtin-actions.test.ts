import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActionRunner } from '../../../electron/core/runner/action-runner';
import { backupFileName } from '../../../electron/core/runner/builtin-actions';
import type { ActionSpec, JobSpec } from '../../../shared/config/schema';
import { jobWith, manualClock, manualRun } from './runner-fixtures';

let dataDir: string;
let backups: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-builtin-'));
  backups = path.join(dataDir, 'backups');
});
afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Stands in for the SQLite store: `backup` writes a small file, `prune` reports a count. */
function fakeStore(options: { backup?: (dest: string) => Promise<void>; deleted?: number } = {}) {
  const calls = { backup: [] as string[], prune: [] as Array<{ keepDays: number; keepRuns: number; now: number }> };
  return {
    calls,
    path: path.join(dataDir, 'cronbar.db'),
    backup: async (dest: string) => {
      calls.backup.push(dest);
      if (options.backup) return options.backup(dest);
      fs.writeFileSync(dest, 'SQLite format 3\0 copy');
    },
    prune: (query: { keepDays: number; keepRuns: number; now: number }) => {
      calls.prune.push(query);
      return { deleted: options.deleted ?? 0 };
    },
  };
}

const backupJob = (keep: number, overrides: Partial<JobSpec> = {}) =>
  jobWith({ kind: 'builtin', name: 'backup-database', keep }, overrides);
const pruneJob = (keepDays: number, keepRuns: number) =>
  jobWith({ kind: 'builtin', name: 'prune-history', keepDays, keepRuns } satisfies ActionSpec);
const text = (buffer: Buffer) => buffer.toString('utf8');
const listBackups = () => fs.readdirSync(backups).sort();

describe('backup-database', () => {
  it('names backups by local date and time', () => {
    expect(backupFileName(new Date(2027, 0, 5, 2, 3, 4).getTime())).toBe('cronbar-20270105-020304.db');
  });

  it('writes a dated copy into <dataDir>/backups and says where', async () => {
    const at = new Date(2027, 0, 1, 2, 0, 0).getTime();
    const store = fakeStore();
    const result = await createActionRunner({ dataDir, store, now: () => at }).start(backupJob(7), manualRun).done;
    const expected = path.join(backups, 'cronbar-20270101-020000.db');
    expect(result).toMatchObject({ status: 'succeeded', reason: null, exitCode: null });
    expect(listBackups()).toEqual(['cronbar-20270101-020000.db']);
    expect(text(result.outputTail)).toContain(`wrote ${expected} (21 B)`);
    // The store wrote under a temporary name that was renamed into place.
    expect(store.calls.backup).toEqual([`${expected}.partial`]);
  });

  it.skipIf(process.platform === 'win32')(
    'creates the backups directory 0700: a backup holds all run output',
    async () => {
      const store = fakeStore();
      await createActionRunner({ dataDir, store, now: () => Date.UTC(2027, 0, 1) }).start(backupJob(7), manualRun).done;
      expect((fs.statSync(backups).mode & 0o777).toString(8)).toBe('700');
    },
  );

  it('keeps only the newest `keep` backups and never touches other files', async () => {
    fs.mkdirSync(backups);
    const old = ['cronbar-20261229-020000.db', 'cronbar-20261230-020000.db', 'cronbar-20261231-020000.db'];
    const others = ['notes.txt', 'cronbar-manual.db', 'cronbar-20200101-000000.db.bak', 'other-20200101-000000.db'];
    for (const name of [...old, ...others]) fs.writeFileSync(path.join(backups, name), name);

    const at = new Date(2027, 0, 1, 2, 0, 0).getTime();
    const result = await createActionRunner({ dataDir, store: fakeStore(), now: () => at }).start(
      backupJob(2),
      manualRun,
    ).done;

    expect(result.status).toBe('succeeded');
    expect(listBackups()).toEqual([...others, 'cronbar-20261231-020000.db', 'cronbar-20270101-020000.db'].sort());
    const output = text(result.outputTail);
    expect(output).toContain('deleted cronbar-20261230-020000.db\n');
    expect(output).toContain('deleted cronbar-20261229-020000.db\n');
    expect(output).toContain('kept the newest 2 of 4 backups');
  });

  it('fails with the store error and leaves no file behind', async () => {
    const store = fakeStore({
      backup: async (dest) => {
        fs.writeFileSync(dest, 'half');
        throw new Error('SQLITE_FULL: database or disk is full');
      },
    });
    const result = await createActionRunner({ dataDir, store, now: () => Date.UTC(2027, 0, 1) }).start(
      backupJob(7),
      manualRun,
    ).done;
    expect(result.status).toBe('failed');
    expect(result.reason).toMatch(
      /^backup to .*cronbar-\d{8}-\d{6}\.db failed: SQLITE_FULL: database or disk is full$/,
    );
    // The half-written file is removed asynchronously: wait for it (a loaded machine takes more than a few ms).
    await vi.waitFor(() => expect(listBackups()).toEqual([]), { timeout: 5_000 });
  });

  it('times out on a backup that does not finish, and throws its half-written file away when it does', async () => {
    let finish!: () => void;
    const store = fakeStore({
      backup: (dest) =>
        new Promise<void>((resolve) => {
          fs.writeFileSync(dest, 'partial');
          finish = resolve;
        }),
    });
    const clock = manualClock();
    const running = createActionRunner({ dataDir, store, clock }).start(
      backupJob(7, { timeoutMs: 30 * 60_000 }),
      manualRun,
    );
    await Promise.resolve();
    clock.advance(30 * 60_000);
    const result = await running.done;

    expect(result).toMatchObject({ status: 'timed-out', reason: 'timed out after 30m' });
    expect(text(result.outputTail)).toContain('abandoned: timed out after 30m');
    finish();
    await vi.waitFor(() => expect(listBackups()).toEqual([]), { timeout: 5_000 });
    expect(clock.pendingTimers()).toBe(0);
  });

  it('stops on cancel with the given reason', async () => {
    const store = fakeStore({ backup: () => new Promise<void>(() => {}) });
    const running = createActionRunner({ dataDir, store, clock: manualClock() }).start(backupJob(7), manualRun);
    running.cancel('shutting down');
    expect(await running.done).toMatchObject({ status: 'interrupted', reason: 'shutting down' });
  });

  it('fails clearly when the runner has no store', async () => {
    const result = await createActionRunner({ dataDir }).start(backupJob(7), manualRun).done;
    expect(result).toMatchObject({
      status: 'failed',
      reason: "backup-database needs Cronbar's database, which this runner was not given",
    });
  });
});

describe('prune-history', () => {
  it('prunes with the job settings and the current time, and reports the count', async () => {
    const store = fakeStore({ deleted: 42 });
    const clock = manualClock();
    const result = await createActionRunner({ dataDir, store, clock }).start(pruneJob(30, 1000), manualRun).done;
    expect(store.calls.prune).toEqual([{ keepDays: 30, keepRuns: 1000, now: clock.now() }]);
    expect(result).toMatchObject({ status: 'succeeded', reason: null });
    expect(text(result.outputTail)).toBe(
      'deleted 42 runs (older than 30 days and beyond the newest 1000 of their job)\n',
    );
  });

  it('does not prune when cancelled before it started', async () => {
    const store = fakeStore({ deleted: 3 });
    const running = createActionRunner({ dataDir, store, clock: manualClock() }).start(pruneJob(30, 1000), manualRun);
    running.cancel('shutting down');
    expect(await running.done).toMatchObject({ status: 'interrupted', reason: 'shutting down' });
    expect(store.calls.prune).toEqual([]);
  });

  it('fails with the store error', async () => {
    const store = {
      ...fakeStore(),
      prune: () => {
        throw new Error('database is locked');
      },
    };
    const result = await createActionRunner({ dataDir, store }).start(pruneJob(30, 1000), manualRun).done;
    expect(result).toMatchObject({ status: 'failed', reason: 'prune failed: database is locked' });
  });
});
