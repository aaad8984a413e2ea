/**
 * The running core as the CLI and the desktop shell see it: the service API from the contract, plus events and
 * lifecycle. `openCronbar()` (./open-cronbar.ts) builds one from a data directory.
 */
import type { CronbarApi, EventName, EventPayload } from '../../../shared/api/contract';
import type { ActionRunner, Clock } from '../ports';

export interface OpenCronbarOptions {
  /** Where the DB, backups and (by default) the jobs file live. */
  dataDir: string;
  /** Default: `<dataDir>/jobs.yaml`, created with commented examples on first start. */
  configPath?: string;
  /** Default: `<dataDir>/cronbar.db`; `':memory:'` for a throwaway store. */
  dbPath?: string;
  /** Schedule jobs (take the data directory's lock). False for read-only commands (list, next, history). */
  schedule?: boolean;
  /** Who takes the lock, named to a second process that finds it held (`daemon`, `app`). */
  lockKind?: string;
  /** Watch the jobs file even when not scheduling (a read-only window that still shows edits). */
  watch?: boolean;
  clock?: Clock;
  /** Replaces the real runner (benchmarks, tests). */
  runner?: ActionRunner;
  /** better-sqlite3 native binding to load (the desktop app passes the Electron-ABI build). */
  nativeBinding?: string;
  /** One line per event, for `cronbar daemon` and the app log. */
  log?: (line: string) => void;
  /** Kill grace after SIGTERM on timeout (default 10 s). */
  killGraceMs?: number;
  /** Lets `importJobs` read the files a source refers to (EnvironmentFile=); the CLI sets it, the window does not. */
  importReadFile?: (file: string) => string | null;
}

export interface CronbarService extends CronbarApi {
  readonly dataDir: string;
  readonly configPath: string;
  readonly dbPath: string;
  /** Subscribes to an event; returns the unsubscribe. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /**
   * Marks runs left `queued`/`running` by a Cronbar process that died as interrupted and kills what their jobs left
   * running; runs of live processes are left alone. A scheduling service does this when it starts; `cronbar run` calls
   * it so that crashed runs are cleaned up even where no daemon or app ever starts.
   */
  recoverAbandonedRuns(): void;
  /** Recomputes every timer and runs catch-up: after suspend/resume or a clock change. */
  resync(reason: string): void;
  /**
   * Stops scheduling, lets running jobs finish within `graceMs`, then stops them and marks them interrupted.
   * `onProgress` reports how many are still running, for the quit dialog.
   */
  shutdown(options?: { graceMs?: number; onProgress?: (running: number) => void }): Promise<{ interrupted: number }>;
}
