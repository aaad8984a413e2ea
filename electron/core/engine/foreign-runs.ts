/**
 * Runs that another Cronbar process is executing right now (a `cronbar run` beside the daemon, sharing its
 * history). The scheduler's overlap check must see them, or a scheduled fire starts a second copy of a job that is
 * already running; but the firing path may not read the database per job. So this is a small map, jobId → one such
 * run, kept fresh cheaply:
 *
 * - it is read from the store only when another process took run ids (run-ids.ts notices that with the read it makes
 *   anyway), on that tick and the next: the other process takes its id a moment before it writes its row;
 * - while it holds runs, just those rows are re-read by id once per tick, so it empties when they end (or their
 *   process dies); when one ends, the map is read again, in case another process runs the same job.
 *
 * "Alive" is crash recovery's own test (process-group-reaper.ts): a run whose owner is gone is nobody's.
 */
import type { LiveRunRow, Store } from '../ports';
import { isRunOwnerGone } from './process-group-reaper';

export interface ForeignRun {
  id: number;
  ownerPid: number;
  createdAt: number;
}

/** Reads after a signal: the tick that saw it, and the next one (their row may not be written yet). */
const READS_AFTER_SIGNAL = 2;

export class ForeignRuns {
  private readonly byJob = new Map<string, ForeignRun>();
  private readsDue = 0;

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

  /** Another process took run ids: it is starting runs this process does not know about. */
  othersTookIds(): void {
    this.readsDue = READS_AFTER_SIGNAL;
  }

  /** Replaces the map with `rows` already known to be live runs of other, living processes (crash recovery's leftovers). */
  track(rows: LiveRunRow[]): void {
    this.byJob.clear();
    for (const row of rows) {
      if (row.ownerPid !== null && !this.byJob.has(row.jobId))
        this.byJob.set(row.jobId, { id: row.id, ownerPid: row.ownerPid, createdAt: row.createdAt });
    }
  }

  /** Once per tick, before its starts: nothing at all unless there was a signal or the map holds runs. */
  update(): void {
    if (this.readsDue > 0) {
      this.readsDue--;
      this.read();
      return;
    }
    if (this.byJob.size === 0) return;
    for (const run of this.byJob.values()) {
      if (!this.stillLive(run)) {
        this.read();
        return;
      }
    }
  }

  private read(): void {
    const rows = this.store.liveRuns({ notOwnedBy: this.ownPid });
    this.track(rows.filter((row) => !isRunOwnerGone(row.ownerPid, row.createdAt)));
  }

  private stillLive(run: ForeignRun): boolean {
    const row = this.store.getRun(run.id);
    return (
      row !== null &&
      (row.status === 'running' || row.status === 'queued') &&
      !isRunOwnerGone(run.ownerPid, run.createdAt)
    );
  }
}
