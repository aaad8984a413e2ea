/**
 * An in-memory Store for tests and benchmarks of the parts above the database. It keeps the same observable
 * behaviour as the SQLite store (ids increase, history newest first, live rows for crash recovery) and counts
 * writes and transactions so tests can check batching.
 */
import type { HistoryQuery, JobStateRow, LiveRunRow, NewRun, RunPatch, Store } from '../../electron/core/ports';
import type { RunOutput, RunRecord } from '../../shared/model';

interface StoredRun extends RunRecord {
  pgid: number | null;
  ownerPid: number | null;
  output: Buffer | null;
}

export class MemoryStore implements Store {
  readonly path = ':memory:';
  readonly runs = new Map<number, StoredRun>();
  readonly states = new Map<string, JobStateRow>();
  readonly settings = new Map<string, string>();
  private nextId = 1;
  /** How many transactions ran, and how many row writes happened outside any transaction. */
  transactions = 0;
  writesOutsideTransaction = 0;
  private depth = 0;

  getJobState(jobId: string): JobStateRow | null {
    const row = this.states.get(jobId);
    return row ? { ...row } : null;
  }

  allJobStates(): JobStateRow[] {
    return [...this.states.values()].map((row) => ({ ...row }));
  }

  saveJobState(row: JobStateRow): void {
    this.wrote();
    this.states.set(row.jobId, { ...row });
  }

  deleteJobState(jobId: string): void {
    this.wrote();
    this.states.delete(jobId);
  }

  getSetting(key: string): string | null {
    return this.settings.get(key) ?? null;
  }

  setSetting(key: string, value: string | null): void {
    if (value === null) this.settings.delete(key);
    else this.settings.set(key, value);
  }

  insertRun(run: NewRun): RunRecord {
    this.wrote();
    if (run.id !== undefined && this.runs.has(run.id)) throw new Error(`run ${run.id} already exists`);
    const id = run.id ?? this.nextId;
    this.nextId = Math.max(this.nextId, id + 1);
    const stored: StoredRun = {
      id,
      jobId: run.jobId,
      trigger: run.trigger,
      status: run.status,
      scheduledFor: run.scheduledFor,
      createdAt: run.createdAt,
      startedAt: run.startedAt ?? null,
      finishedAt: run.finishedAt ?? null,
      reason: run.reason ?? null,
      exitCode: null,
      signal: null,
      outputBytes: 0,
      attempt: run.attempt ?? 1,
      retryOf: run.retryOf ?? null,
      pid: run.pid ?? null,
      parentRunId: run.parentRunId ?? null,
      pgid: run.pgid ?? null,
      ownerPid: run.ownerPid ?? null,
      output: null,
    };
    this.runs.set(stored.id, stored);
    return toRecord(stored);
  }

  insertRuns(runs: NewRun[]): RunRecord[] {
    return this.transaction(() => runs.map((run) => this.insertRun(run)));
  }

  reserveRunIds(count: number): number {
    return this.transaction(() => {
      const first = this.nextId;
      this.nextId += count;
      return first;
    });
  }

  lastRunId(): number {
    return this.nextId - 1;
  }

  updateRuns(updates: Array<{ id: number; patch: RunPatch }>): RunRecord[] {
    return this.transaction(() => updates.map(({ id, patch }) => this.updateRun(id, patch)));
  }

  updateLiveRuns(updates: Array<{ id: number; patch: RunPatch }>): RunRecord[] {
    return this.transaction(() =>
      updates.flatMap(({ id, patch }) => {
        const status = this.runs.get(id)?.status;
        return status === 'queued' || status === 'running' ? [this.updateRun(id, patch)] : [];
      }),
    );
  }

  updateRun(id: number, patch: RunPatch): RunRecord {
    this.wrote();
    const run = this.runs.get(id);
    if (!run) throw new Error(`no run ${id}`);
    for (const [key, value] of Object.entries(patch))
      if (value !== undefined) (run as unknown as Record<string, unknown>)[key] = value;
    return toRecord(run);
  }

  getRun(id: number): RunRecord | null {
    const run = this.runs.get(id);
    return run ? toRecord(run) : null;
  }

  getRunOutput(id: number): RunOutput | null {
    const run = this.runs.get(id);
    if (!run) return null;
    const text = run.output?.toString('utf8') ?? '';
    return { runId: id, text, totalBytes: run.outputBytes, truncated: run.outputBytes > (run.output?.length ?? 0) };
  }

  liveRuns(options: { notOwnedBy?: number } = {}): LiveRunRow[] {
    return [...this.runs.values()]
      .filter(
        (run) =>
          (run.status === 'queued' || run.status === 'running') &&
          (options.notOwnedBy === undefined || run.ownerPid !== options.notOwnedBy),
      )
      .map((run) => ({ ...toRecord(run), pgid: run.pgid, ownerPid: run.ownerPid }));
  }

  history(query: HistoryQuery): { runs: RunRecord[]; nextBefore: number | null } {
    const matching = [...this.runs.values()]
      .filter(
        (run) =>
          (query.jobId === undefined || run.jobId === query.jobId) &&
          (query.statuses === undefined || query.statuses.includes(run.status)) &&
          (query.before === undefined || run.id < query.before) &&
          (query.since === undefined || run.createdAt >= query.since),
      )
      .sort((a, b) => b.id - a.id);
    const page = matching.slice(0, query.limit);
    return { runs: page.map(toRecord), nextBefore: matching.length > query.limit ? page[page.length - 1]!.id : null };
  }

  recentRuns(jobId: string, limit: number): RunRecord[] {
    return [...this.runs.values()]
      .filter((run) => run.jobId === jobId && run.status !== 'queued' && run.status !== 'running')
      .sort((a, b) => b.id - a.id)
      .slice(0, limit)
      .map(toRecord);
  }

  runsScheduledFrom(jobId: string, from: number, limit: number): RunRecord[] {
    return [...this.runs.values()]
      .filter((run) => run.jobId === jobId && run.scheduledFor !== null && run.scheduledFor >= from)
      .sort((a, b) => a.scheduledFor! - b.scheduledFor! || a.id - b.id)
      .slice(0, limit)
      .map(toRecord);
  }

  newestRunPerJob(): Map<string, RunRecord> {
    const newest = new Map<string, RunRecord>();
    for (const run of [...this.runs.values()].sort((a, b) => a.id - b.id)) newest.set(run.jobId, toRecord(run));
    return newest;
  }

  transaction<T>(fn: () => T): T {
    if (this.depth === 0) this.transactions++;
    this.depth++;
    try {
      return fn();
    } finally {
      this.depth--;
    }
  }

  async backup(_destPath: string): Promise<void> {}

  prune(options: { keepDays: number; keepRuns: number; now: number }): { deleted: number } {
    let deleted = 0;
    const cutoff = options.now - options.keepDays * 86_400_000;
    for (const [id, run] of this.runs) {
      if (run.status !== 'queued' && run.status !== 'running' && run.createdAt < cutoff) {
        this.runs.delete(id);
        deleted++;
      }
    }
    return { deleted };
  }

  close(): void {}

  /** Every run, oldest first: what a test asserts on. */
  allRuns(jobId?: string): RunRecord[] {
    return [...this.runs.values()].filter((run) => jobId === undefined || run.jobId === jobId).map(toRecord);
  }

  /** Test setup: a row a crashed Cronbar left behind. */
  seedLiveRun(run: NewRun & { pgid?: number | null; pid?: number | null }): RunRecord {
    const record = this.insertRun(run);
    const stored = this.runs.get(record.id)!;
    stored.pgid = run.pgid ?? null;
    stored.pid = run.pid ?? null;
    return toRecord(stored);
  }

  private wrote(): void {
    if (this.depth === 0) this.writesOutsideTransaction++;
  }
}

function toRecord(run: StoredRun): RunRecord {
  const { pgid: _pgid, ownerPid: _ownerPid, output: _output, ...record } = run;
  return { ...record };
}
