/** Plain stand-in for engine/foreign-runs.ts: other processes' live runs read from the store on every tick. */
import type { LiveRunRow, Store } from '../../electron/core/ports';
import { isRunOwnerGone } from '../../electron/core/engine/process-group-reaper';

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

  othersTookIds(): void {}

  track(rows: LiveRunRow[]): void {
    this.byJob.clear();
    for (const row of rows) {
      if (row.ownerPid !== null && !this.byJob.has(row.jobId))
        this.byJob.set(row.jobId, { id: row.id, ownerPid: row.ownerPid, createdAt: row.createdAt });
    }
  }

  update(): void {
    const rows = this.store.liveRuns({ notOwnedBy: this.ownPid });
    this.track(rows.filter((row) => !isRunOwnerGone(row.ownerPid, row.createdAt)));
  }
}
