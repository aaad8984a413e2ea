/** Crash recovery against the real store, with a second connection standing in for another `cronbar` process. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../../shared/model';
import { STOPPED_WHILE_RUNNING, recoverCrashedRuns } from '../../../electron/core/engine/crash-recovery';
import type { Store } from '../../../electron/core/ports';
import { openStore } from '../../../electron/core/store/open-store';
import { T0, newRun, tempDir, track } from '../../core/store/store-fixtures';

/** The pid of a process that has exited: its runs' owner is gone. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

function recover(store: Store): RunRecord[] {
  const finished: RunRecord[] = [];
  recoverCrashedRuns(
    {
      store,
      emit: (event, payload) => {
        if (event === 'run:finished') finished.push(payload as RunRecord);
      },
      log: () => {},
      isOwnRun: () => false,
      othersLive: () => {},
    },
    T0 + 5_000,
  );
  return finished;
}

describe('crash recovery on the SQLite store', () => {
  it('a run its owner finished after recovery read the live rows stays succeeded', () => {
    const dbPath = path.join(tempDir(), 'cronbar.db');
    const recovering = track(openStore(dbPath));
    const owner = track(openStore(dbPath));
    const owned = { status: 'running' as const, ownerPid: deadPid(), startedAt: T0 };
    const finishing = owner.insertRun(newRun({ jobId: 'quick', ...owned }));
    const abandoned = owner.insertRun(newRun({ jobId: 'crashed', ...owned }));

    // Recovery reads both rows live; then the owner records its exit 0 and exits before recovery writes.
    const readEarlier = recovering.liveRuns();
    owner.updateRun(finishing.id, { status: 'succeeded', exitCode: 0, finishedAt: T0 + 1_000 });
    const staleRead = new Proxy(recovering, {
      get: (target, key) =>
        key === 'liveRuns' ? () => readEarlier : (Reflect.get(target, key) as () => unknown).bind(target),
    });

    const finished = recover(staleRead);
    expect(owner.getRun(finishing.id)).toMatchObject({ status: 'succeeded', exitCode: 0, finishedAt: T0 + 1_000 });
    expect(owner.getRun(abandoned.id)).toMatchObject({ status: 'interrupted', reason: STOPPED_WHILE_RUNNING });
    expect(finished.map((run) => run.id)).toEqual([abandoned.id]);
  });

  it('updateLiveRuns leaves finished rows as they are and returns only the rows it changed', () => {
    const store = track(openStore(':memory:'));
    const live = store.insertRun(newRun({ status: 'queued' }));
    const done = store.insertRun(newRun({ status: 'failed' }));
    const changed = store.updateLiveRuns([
      { id: live.id, patch: { status: 'interrupted', output: Buffer.from('cut') } },
      { id: done.id, patch: { status: 'interrupted', output: Buffer.from('cut') } },
    ]);
    expect(changed.map((run) => [run.id, run.status])).toEqual([[live.id, 'interrupted']]);
    expect(store.getRun(done.id)?.status).toBe('failed');
    expect(store.getRunOutput(done.id)?.text).toBe('');
  });
});
