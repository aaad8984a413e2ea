import { describe, expect, it } from 'vitest';
import { openStore } from '../../../electron/core/store/open-store';
import { OUTPUT_TAIL_BYTES } from '../../../electron/core/store/run-rows';
import { MINUTE, T0, newRun, track } from './store-fixtures';

const memoryStore = () => track(openStore(':memory:'));

describe('runs', () => {
  it('inserts a run with defaults and reads it back the same', () => {
    const store = memoryStore();
    const run = store.insertRun(newRun({ status: 'queued', trigger: 'manual', scheduledFor: null }));
    expect(run).toEqual({
      id: run.id,
      jobId: 'backup',
      trigger: 'manual',
      status: 'queued',
      scheduledFor: null,
      createdAt: T0,
      startedAt: null,
      finishedAt: null,
      reason: null,
      exitCode: null,
      signal: null,
      outputBytes: 0,
      attempt: 1,
      retryOf: null,
      pid: null,
      parentRunId: null,
    });
    expect(store.getRun(run.id)).toEqual(run);
    expect(store.getRun(run.id + 1000)).toBeNull();
  });

  it("keeps a chain run's trigger and parent run through insert, read and history", () => {
    const store = memoryStore();
    const parent = store.insertRun(newRun({ status: 'failed', trigger: 'schedule', scheduledFor: T0 }));
    const child = store.insertRun(
      newRun({ status: 'skipped', trigger: 'chain', scheduledFor: null, parentRunId: parent.id }),
    );
    expect(child).toMatchObject({ trigger: 'chain', parentRunId: parent.id });
    expect(store.getRun(child.id)).toEqual(child);
    expect(store.history({ limit: 10 }).runs[0]).toEqual(child);
  });

  it('records a run through its life: start, finish, exit code, signal', () => {
    const store = memoryStore();
    const run = store.insertRun(newRun({ status: 'queued' }));
    const started = store.updateRun(run.id, { status: 'running', startedAt: T0 + 5, pid: 4242, pgid: 4242 });
    expect(started).toMatchObject({ status: 'running', startedAt: T0 + 5, pid: 4242 });
    const done = store.updateRun(run.id, {
      status: 'timed-out',
      finishedAt: T0 + MINUTE,
      exitCode: null,
      signal: 'SIGKILL',
      reason: 'timed out after 1m',
    });
    expect(done).toMatchObject({
      status: 'timed-out',
      startedAt: T0 + 5,
      finishedAt: T0 + MINUTE,
      signal: 'SIGKILL',
      reason: 'timed out after 1m',
      pid: 4242,
    });
    expect(store.getRun(run.id)).toEqual(done);
  });

  it('keeps retry chains and attempts', () => {
    const store = memoryStore();
    const first = store.insertRun(newRun({ status: 'failed' }));
    const retry = store.insertRun(newRun({ trigger: 'retry', status: 'queued', attempt: 2, retryOf: first.id }));
    expect(store.getRun(retry.id)).toMatchObject({ trigger: 'retry', attempt: 2, retryOf: first.id });
  });

  it('insertRuns writes all rows with increasing ids, or none when one is bad', () => {
    const store = memoryStore();
    const missed = [0, 1, 2].map((i) =>
      newRun({ status: 'missed', trigger: 'catch-up', scheduledFor: T0 + i * MINUTE, reason: 'missed while asleep' }),
    );
    const rows = store.insertRuns(missed);
    expect(rows.map((row) => row.scheduledFor)).toEqual([T0, T0 + MINUTE, T0 + 2 * MINUTE]);
    expect(rows[1]!.id).toBeGreaterThan(rows[0]!.id);

    const bad = [newRun({ jobId: 'new-job' }), newRun({ status: 'exploded' as never })];
    expect(() => store.insertRuns(bad)).toThrow(
      ':memory:: insertRuns: runs[1]: status "exploded" is not one of queued, running',
    );
    expect(store.history({ limit: 10 }).runs).toHaveLength(3);
    expect(store.history({ limit: 10, jobId: 'new-job' }).runs).toEqual([]);
  });

  it('rejects bad input with a message naming the field, and changes nothing', () => {
    const store = memoryStore();
    const run = store.insertRun(newRun({ status: 'running' }));
    expect(() => store.insertRun(newRun({ jobId: '' }))).toThrow('insertRun: jobId must be non-empty text');
    expect(() => store.insertRun(newRun({ createdAt: Number.NaN }))).toThrow(
      'insertRun: createdAt must be a time in epoch ms',
    );
    expect(() => store.insertRun(newRun({ attempt: 0 }))).toThrow('insertRun: attempt must be a whole number ≥ 1');
    expect(() => store.updateRun(run.id, { status: 'succeeded', exitCode: 1.5 })).toThrow(
      `updateRun(${run.id}): exitCode must be an integer or null`,
    );
    expect(() => store.updateRun(run.id, { outputBytes: -1 })).toThrow('outputBytes must be a whole number ≥ 0');
    expect(store.getRun(run.id)?.status).toBe('running');
    expect(store.history({ limit: 10 }).runs).toHaveLength(1);
  });

  it('says which run is missing on update', () => {
    const store = memoryStore();
    expect(() => store.updateRun(99, { status: 'failed' })).toThrow(':memory:: updateRun: no run 99');
  });

  it('transaction commits together or not at all, and refuses async work', () => {
    const store = memoryStore();
    expect(() =>
      store.transaction(() => {
        store.insertRun(newRun({ jobId: 'rolled-back' }));
        throw new Error('engine changed its mind');
      }),
    ).toThrow('engine changed its mind');
    expect(store.history({ limit: 10 }).runs).toEqual([]);
    // The job key written inside the rolled-back transaction must not linger in a cache either.
    const kept = store.transaction(() => store.insertRun(newRun({ jobId: 'rolled-back' })));
    expect(store.getRun(kept.id)?.jobId).toBe('rolled-back');
    expect(() => store.transaction(() => Promise.resolve(1))).toThrow('fn must be synchronous');
  });
});

describe('run output', () => {
  it('round-trips a short output', () => {
    const store = memoryStore();
    const run = store.insertRun(newRun({ status: 'running' }));
    const text = 'backing up ~/ …\nsnapshot 1a2b3c saved ✓\n';
    store.updateRun(run.id, { output: Buffer.from(text), outputBytes: Buffer.byteLength(text) });
    expect(store.getRunOutput(run.id)).toEqual({
      runId: run.id,
      text,
      totalBytes: Buffer.byteLength(text),
      truncated: false,
    });
  });

  it('keeps only the last 256 KiB, and says how much was printed', () => {
    const store = memoryStore();
    const run = store.insertRun(newRun({ status: 'running' }));
    const lines = Array.from({ length: 40_000 }, (_, i) => `line ${i}\n`).join('');
    const bytes = Buffer.from(lines);
    expect(bytes.length).toBeGreaterThan(OUTPUT_TAIL_BYTES);
    store.updateRun(run.id, { output: bytes, outputBytes: bytes.length });
    const output = store.getRunOutput(run.id)!;
    expect(output.truncated).toBe(true);
    expect(output.totalBytes).toBe(bytes.length);
    expect(Buffer.byteLength(output.text)).toBe(OUTPUT_TAIL_BYTES);
    expect(output.text.endsWith('line 39999\n')).toBe(true);
    expect(lines.endsWith(output.text)).toBe(true);
  });

  it('drops a multi-byte character cut in half at the start of the tail', () => {
    const store = memoryStore();
    const run = store.insertRun(newRun({ status: 'running' }));
    // "é" is 2 bytes and "€" is 3: cutting 1 byte into them leaves orphan continuation bytes at the start.
    const euro = Buffer.from('€ok\n');
    const tail = euro.subarray(1);
    store.updateRun(run.id, { output: tail, outputBytes: 10_000 });
    expect(store.getRunOutput(run.id)).toMatchObject({ text: 'ok\n', truncated: true, totalBytes: 10_000 });
    const whole = store.insertRun(newRun({ status: 'running' }));
    store.updateRun(whole.id, { output: Buffer.from('é€\n'), outputBytes: 6 });
    expect(store.getRunOutput(whole.id)?.text).toBe('é€\n');
  });

  it('replaces the tail on each update and clears it with null', () => {
    const store = memoryStore();
    const run = store.insertRun(newRun({ status: 'running' }));
    store.updateRun(run.id, { output: Buffer.from('first\n'), outputBytes: 6 });
    store.updateRun(run.id, { output: Buffer.from('first\nsecond\n'), outputBytes: 13 });
    expect(store.getRunOutput(run.id)?.text).toBe('first\nsecond\n');
    store.updateRun(run.id, { output: null });
    expect(store.getRunOutput(run.id)).toEqual({ runId: run.id, text: '', totalBytes: 13, truncated: true });
  });

  it('is empty for a run that printed nothing and null for no run', () => {
    const store = memoryStore();
    const run = store.insertRun(newRun({ status: 'skipped', reason: 'paused' }));
    expect(store.getRunOutput(run.id)).toEqual({ runId: run.id, text: '', totalBytes: 0, truncated: false });
    expect(store.getRunOutput(run.id + 1)).toBeNull();
  });

  it('does not put output into history rows', () => {
    const store = memoryStore();
    const run = store.insertRun(newRun({ status: 'running' }));
    store.updateRun(run.id, { output: Buffer.from('secret-looking text'), outputBytes: 19 });
    expect(JSON.stringify(store.history({ limit: 5 }))).not.toContain('secret-looking');
  });
});

describe('job state and settings', () => {
  it('saves, replaces, lists and deletes job state', () => {
    const store = memoryStore();
    const row = {
      jobId: 'backup',
      lastFireAt: T0,
      nextFireAt: T0 + MINUTE,
      paused: false,
      pausedUntil: null,
      scheduleKey: 'cron|0 2 * * *|UTC',
      anchorAt: null,
    };
    store.saveJobState(row);
    store.saveJobState({ ...row, jobId: 'alpha', paused: true, pausedUntil: T0 + 60 * MINUTE });
    expect(store.getJobState('backup')).toEqual(row);
    store.saveJobState({ ...row, lastFireAt: T0 + MINUTE, nextFireAt: T0 + 2 * MINUTE });
    expect(store.getJobState('backup')?.lastFireAt).toBe(T0 + MINUTE);
    expect(store.allJobStates().map((state) => [state.jobId, state.paused])).toEqual([
      ['alpha', true],
      ['backup', false],
    ]);
    store.deleteJobState('alpha');
    expect(store.getJobState('alpha')).toBeNull();
    expect(() => store.saveJobState({ ...row, paused: 'yes' as never })).toThrow(
      'saveJobState("backup"): paused must be true or false',
    );
  });

  it('sets, overwrites and clears settings', () => {
    const store = memoryStore();
    expect(store.getSetting('pausedAll')).toBeNull();
    store.setSetting('pausedAll', 'until:123');
    store.setSetting('pausedAll', 'forever');
    expect(store.getSetting('pausedAll')).toBe('forever');
    store.setSetting('pausedAll', null);
    expect(store.getSetting('pausedAll')).toBeNull();
  });
});
