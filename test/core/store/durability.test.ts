import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../electron/core/store/open-store';
import { MINUTE, T0, newRun, tempDir, track } from './store-fixtures';

const OPEN_STORE_MODULE = path.resolve(__dirname, '../../../electron/core/store/open-store.ts');

describe('crash recovery', () => {
  it('a run left running by a process killed mid-job comes back from liveRuns with its process group', () => {
    const dbPath = path.join(tempDir(), 'cronbar.db');
    // A real process writes through the store and dies by SIGKILL: no close(), no checkpoint, only what SQLite made durable.
    const script = `
      import { openStore } from ${JSON.stringify(OPEN_STORE_MODULE)};
      const store = openStore(${JSON.stringify(dbPath)});
      store.insertRun({ jobId: 'done', trigger: 'schedule', status: 'succeeded', scheduledFor: ${T0}, createdAt: ${T0} });
      const run = store.insertRun({ jobId: 'backup', trigger: 'schedule', status: 'queued', scheduledFor: ${T0}, createdAt: ${T0} });
      store.updateRun(run.id, { status: 'running', startedAt: ${T0 + 10}, pid: 4242, pgid: 4242 });
      process.kill(process.pid, 'SIGKILL');
    `;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: path.resolve(__dirname, '../../..'),
      encoding: 'utf8',
    });
    expect(child.signal, child.stderr).toBe('SIGKILL');
    expect(fs.existsSync(`${dbPath}-wal`)).toBe(true);

    const store = track(openStore(dbPath));
    expect(store.liveRuns()).toEqual([
      expect.objectContaining({ jobId: 'backup', status: 'running', startedAt: T0 + 10, pid: 4242, pgid: 4242 }),
    ]);
    expect(store.history({ limit: 10 }).runs.map((run) => run.jobId)).toEqual(['backup', 'done']);
  });

  it('a second handle opened while the first is still open sees the live runs (the files as a crash leaves them)', () => {
    const dbPath = path.join(tempDir(), 'cronbar.db');
    const daemon = track(openStore(dbPath));
    const run = daemon.insertRun(newRun({ status: 'running' }));
    daemon.updateRun(run.id, { pid: 5150, pgid: 5150 });
    const copyDir = tempDir();
    for (const suffix of ['', '-wal', '-shm'])
      fs.copyFileSync(`${dbPath}${suffix}`, path.join(copyDir, `cronbar.db${suffix}`));
    const recovered = track(openStore(path.join(copyDir, 'cronbar.db')));
    expect(recovered.liveRuns().map((live) => [live.id, live.pgid])).toEqual([[run.id, 5150]]);
  });
});

describe('a second connection (the CLI while the daemon writes)', () => {
  it('sees committed rows, not uncommitted ones, and is not blocked by an open write', () => {
    const dbPath = path.join(tempDir(), 'cronbar.db');
    const daemon = track(openStore(dbPath));
    const cli = track(openStore(dbPath, { readonly: true }));
    const first = daemon.insertRun(newRun());
    expect(cli.getRun(first.id)?.jobId).toBe('backup');

    daemon.transaction(() => {
      daemon.insertRun(newRun({ jobId: 'sync', createdAt: T0 + MINUTE }));
      // WAL: the reader keeps reading the last committed state while the writer holds its transaction.
      expect(cli.history({ limit: 10 }).runs.map((run) => run.jobId)).toEqual(['backup']);
    });
    expect(cli.history({ limit: 10 }).runs.map((run) => run.jobId)).toEqual(['sync', 'backup']);
    expect(cli.history({ limit: 10, jobId: 'sync' }).runs).toHaveLength(1);
  });

  it('two writers share the file: each sees the other after commit', () => {
    const dbPath = path.join(tempDir(), 'cronbar.db');
    const one = track(openStore(dbPath));
    const two = track(openStore(dbPath));
    one.setSetting('pausedAll', 'true');
    const run = two.insertRun(newRun({ jobId: 'from-two' }));
    expect(two.getSetting('pausedAll')).toBe('true');
    expect(one.getRun(run.id)?.jobId).toBe('from-two');
  });
});

describe('backup', () => {
  it('writes a DB that opens and holds the runs, output and state, creating the directory', async () => {
    const dir = tempDir();
    const store = track(openStore(path.join(dir, 'cronbar.db')));
    const runs = store.insertRuns([newRun(), newRun({ jobId: 'sync', status: 'failed' })]);
    store.updateRun(runs[1]!.id, { output: Buffer.from('disk full\n'), outputBytes: 10, exitCode: 1 });
    store.saveJobState({
      jobId: 'backup',
      lastFireAt: T0,
      nextFireAt: null,
      paused: true,
      pausedUntil: null,
      scheduleKey: null,
      anchorAt: null,
    });

    const dest = path.join(dir, 'backups', '2026-03-01', 'cronbar.db');
    await store.backup(dest);
    // Writes after the backup do not reach it.
    store.insertRun(newRun({ jobId: 'later' }));

    const copy = track(openStore(dest, { readonly: true }));
    expect(copy.history({ limit: 10 }).runs).toEqual(
      [...runs].reverse().map((run) => expect.objectContaining({ id: run.id, jobId: run.jobId })),
    );
    expect(copy.getRun(runs[1]!.id)).toMatchObject({ status: 'failed', exitCode: 1 });
    expect(copy.getRunOutput(runs[1]!.id)?.text).toBe('disk full\n');
    expect(copy.getJobState('backup')?.paused).toBe(true);
  });

  it('backs up a :memory: store too', async () => {
    const store = track(openStore(':memory:'));
    const run = store.insertRun(newRun());
    const dest = path.join(tempDir(), 'memory-copy.db');
    await store.backup(dest);
    expect(track(openStore(dest)).getRun(run.id)?.jobId).toBe('backup');
  });

  it('names both files when the backup cannot be written', async () => {
    const dir = tempDir();
    const blocker = path.join(dir, 'not-a-dir');
    fs.writeFileSync(blocker, '');
    const store = track(openStore(path.join(dir, 'cronbar.db')));
    await expect(store.backup(path.join(blocker, 'cronbar.db'))).rejects.toThrow(
      `${path.join(dir, 'cronbar.db')}: backup to ${path.join(blocker, 'cronbar.db')} failed`,
    );
  });
});
