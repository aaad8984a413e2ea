/**
 * End-of-run rows of the runs that end in the same turn of the event loop, written in one transaction (a microtask
 * behind those runs' completions): one commit per run makes p99 lateness at 10 000 jobs a second ~40× as large
 * (bench/README.md, "Speed tricks"). Decides nothing about a run's outcome: run-lifecycle.ts hands over the patch.
 */ import type { RunRecord } from '../../../shared/model';
import type { RunPatch, Store } from '../ports';
import type { Emit } from './engine-types';

export interface FinishRowsHost {
  store: Store;
  emit: Emit;
  log(line: string): void;
  /** Writes start rows still held back by a failing store; false while they cannot be written (the patches wait). */
  writeHeldRows(): boolean;
}

export class FinishRows {
  private rows: Array<{ id: number; patch: RunPatch }> = [];
  private queued = false;

  constructor(private readonly host: FinishRowsHost) {}

  get pending(): boolean {
    return this.rows.length > 0;
  }

  add(runId: number, patch: RunPatch): void {
    this.rows.push({ id: runId, patch });
    this.flushSoon();
  }

  flushSoon(): void {
    if (this.queued) return;
    this.queued = true;
    queueMicrotask(() => this.flush());
  }

  flush(): void {
    this.queued = false;
    // The rows these patches update must exist first.
    if (!this.host.writeHeldRows()) return;
    const batch = this.rows;
    if (batch.length === 0) return;
    this.rows = [];
    const { store } = this.host;
    let records: Array<RunRecord | null>;
    try {
      records = store.updateRuns(batch);
    } catch {
      // One row the store refuses must not cost the others theirs: write them one by one.
      records = batch.map(({ id, patch }) => {
        try {
          return store.updateRun(id, patch);
        } catch (error) {
          this.host.log(`could not record the end of run ${id}: ${String(error)}`);
          return null;
        }
      });
    }
    for (const record of records) if (record) this.host.emit('run:finished', record);
  }
}
