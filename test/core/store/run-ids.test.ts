/** Reserved run ids: the engine names a run before its row exists; no other connection may ever get that id. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../electron/core/store/open-store';
import { T0, newRun, tempDir, track } from './store-fixtures';

describe('reserved run ids', () => {
  it('two connections get disjoint blocks, and plain inserts land after every block', () => {
    const dbPath = path.join(tempDir(), 'cronbar.db');
    const daemon = track(openStore(dbPath));
    const cli = track(openStore(dbPath));
    const first = daemon.reserveRunIds(100);
    const manual = cli.insertRun(newRun({ trigger: 'manual', scheduledFor: null }));
    const second = cli.reserveRunIds(10);
    expect(first).toBe(1);
    expect(manual.id).toBe(101);
    expect(second).toBe(102);
    expect(daemon.lastRunId()).toBe(111);
    // A reserved id is written as given, and does not move the high-water mark.
    const reserved = daemon.insertRuns([newRun({ id: first + 5, pid: 77, pgid: 77, status: 'running' })]);
    expect(reserved[0]).toMatchObject({ id: 6, pid: 77 });
    expect(daemon.getRun(6)).toMatchObject({ status: 'running', pid: 77 });
    expect(daemon.liveRuns()[0]).toMatchObject({ id: 6, pgid: 77 });
    expect(cli.lastRunId()).toBe(111);
    expect(cli.insertRun(newRun()).id).toBe(112);
  });

  it('keeps ids unique after pruning and reopening: a reservation never reuses an id', () => {
    const dbPath = path.join(tempDir(), 'cronbar.db');
    let store = openStore(dbPath);
    const block = store.reserveRunIds(5);
    store.insertRuns([newRun({ id: block }), newRun({ id: block + 1 })]);
    expect(store.prune({ keepDays: 0, keepRuns: 0, now: T0 + 1 }).deleted).toBe(2);
    store.close();
    store = track(openStore(dbPath));
    expect(store.lastRunId()).toBe(5);
    expect(store.reserveRunIds(1)).toBe(6);
  });

  it('refuses a taken id, a bad id or a bad count, naming it, and writes nothing', () => {
    const store = track(openStore(':memory:'));
    const block = store.reserveRunIds(2);
    store.insertRun(newRun({ id: block }));
    expect(() => store.insertRuns([newRun({ id: block + 1 }), newRun({ id: block })])).toThrow(/insertRuns failed/);
    expect(store.getRun(block + 1)).toBeNull();
    expect(() => store.insertRun(newRun({ id: 0 }))).toThrow('insertRun: id must be a whole number ≥ 1, got 0');
    expect(() => store.reserveRunIds(0)).toThrow('reserveRunIds(0): count must be a whole number ≥ 1, got 0');
  });

  it('updateRuns applies every patch in one transaction, or none when one is bad', () => {
    const store = track(openStore(':memory:'));
    const [a, b] = store.insertRuns([newRun({ status: 'running' }), newRun({ status: 'running' })]);
    expect(() =>
      store.updateRuns([
        { id: a!.id, patch: { status: 'succeeded' } },
        { id: b!.id, patch: { status: 'nope' as never } },
      ]),
    ).toThrow('updateRuns: updates[1] (run 2): status "nope" is not one of');
    expect(store.getRun(a!.id)!.status).toBe('running');
    const done = store.updateRuns([
      { id: a!.id, patch: { status: 'succeeded', output: Buffer.from('ok') } },
      { id: b!.id, patch: { status: 'failed', output: Buffer.alloc(0), exitCode: 2 } },
    ]);
    expect(done.map((run) => run.status)).toEqual(['succeeded', 'failed']);
    expect(store.getRunOutput(a!.id)).toMatchObject({ text: 'ok', totalBytes: 2 });
    expect(store.getRunOutput(b!.id)).toMatchObject({ text: '', totalBytes: 0, truncated: false });
  });
});
