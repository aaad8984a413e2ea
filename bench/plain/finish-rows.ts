/** Plain stand-in for engine/finish-rows.ts: each run's end row written (and committed) when the run ends. */
import type { RunPatch, Store } from '../../electron/core/ports';
import type { Emit } from '../../electron/core/engine/engine-types';

export interface FinishRowsHost {
  store: Store;
  emit: Emit;
  log(line: string): void;
  writeHeldRows(): boolean;
}

export class FinishRows {
  private rows: Array<{ id: number; patch: RunPatch }> = [];

  constructor(private readonly host: FinishRowsHost) {}

  get pending(): boolean {
    return this.rows.length > 0;
  }

  add(runId: number, patch: RunPatch): void {
    this.rows.push({ id: runId, patch });
    this.flush();
  }

  flushSoon(): void {
    this.flush();
  }

  flush(): void {
    if (!this.host.writeHeldRows()) return;
    const rows = this.rows;
    this.rows = [];
    for (const { id, patch } of rows) {
      try {
        const record = this.host.store.updateRun(id, patch);
        if (record) this.host.emit('run:finished', record);
      } catch (error) {
        this.host.log(`could not record the end of run ${id}: ${String(error)}`);
      }
    }
  }
}
