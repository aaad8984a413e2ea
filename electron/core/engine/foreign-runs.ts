/**
 * Runs that another Cronbar process is executing right now (a `cronbar run` beside the daemon, sharing its history),
 * by job: the scheduler's overlap check must see them, or a scheduled fire starts a second copy of a job that is
 * already running. Read from the store once per tick that starts runs (one indexed query); "alive" is crash
 * recovery's own test (process-group-reaper.ts): a run whose owner is gone is nobody's.
 */
import type { LiveRunRow, Store } from '../ports';
import { isRunOwnerGone } from './process-group-reaper';

export interface ForeignRun {
  id: number;
  ownerPid: number;
  createdAt: number;
}

export class ForeignRuns {
  private readonly byJob = new Map<string, ForeignRun>();

  constructor(
    private readonly store: Store,
    private readonly ownPid = process.pid,
  ) {}

  get size(): number {
    return this.byJob.size;
  }

  get(jobId: string): ForeignRun | undefined {
    return this.byJob.get(jobId);
  }

  /** Replaces the map with `rows` already known to be live runs of other, living processes (crash recovery's leftovers). */
  track(rows: LiveRunRow[]): void {
    this.byJob.clear();
    for (const row of rows) {
      if (row.ownerPid !== null && !this.byJob.has(row.jobId))
        this.byJob.set(row.jobId, { id: row.id, ownerPid: row.ownerPid, createdAt: row.createdAt });
    }
  }

  /** Once per tick, before its starts. */
  update(): void {
    const rows = this.store.liveRuns({ notOwnedBy: this.ownPid });
    this.track(rows.filter((row) => !isRunOwnerGone(row.ownerPid, row.createdAt)));
  }
}
