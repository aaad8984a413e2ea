/**
 * The running core as the CLI and the desktop shell see it: the service API from the contract, plus events and
 * lifecycle. `openCronbar()` (./open-cronbar.ts) builds one from a data directory.
 */
import type { CronbarApi, EventName, EventPayload, MethodOutput, ParsedInput } from '../../../shared/api/contract';
import type { ActionRunner, Clock } from '../ports';
import type { PlatformProbes } from '../engine/platform-probes';
import type { JobSummary } from './job-views';
import type { JobScheduleState } from './schedule-snapshot';
import type { JobSpec } from '../../../shared/config/schema';
import type { RoutedControl } from './routed-control';
import type { BaseEnvironment } from '../runner/job-environment';
import type { ConfigOrigin } from '../../../shared/config-history';

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
  /**
   * False for `cronbar ping` and `exec` without a scheduler to send to: the jobs file (for its checks), the store and
   * the monitor only, no engine, lock or runner; the result answers only `ping`. Default true.
   */
  engine?: boolean;
  /** False for a process that runs no job (read-only CLI commands): the runner is not even loaded. Default true. */
  runs?: boolean;
  /** better-sqlite3 native binding to load (the desktop app passes the Electron-ABI build). */
  nativeBinding?: string;
  /** One line per event, for `cronbar daemon` and the app log. */
  log?: (line: string) => void;
  /** Kill grace after SIGTERM on timeout (default 10 s). */
  killGraceMs?: number;
  /** Who this process's config writes are recorded as in the jobs file's history (default `cli`; the app: `app`). */
  origin?: ConfigOrigin;
  /** The machine's power, network, idle, login and file events; default: the OS's as a daemon sees them. */
  probes?: PlatformProbes;
  /** Lets `importJobs` read the files a source refers to (EnvironmentFile=); the CLI sets it, the window does not. */
  importReadFile?: (file: string) => string | null;
  /**
   * What jobs run here start from (runner/job-environment.ts). The desktop app passes its login-shell capture as a
   * promise: the engine starts once it settles. Default: this process's own environment.
   */
  baseEnvironment?: BaseEnvironment | Promise<BaseEnvironment>;
}

/** What `openCronbar({ engine: false })` opens: enough to store a ping. */
export type PingService = Pick<CronbarService, 'ping' | 'dataDir' | 'shutdown'>;

export interface CronbarService extends CronbarApi {
  /** As in the contract; `cronbar exec` also hands over the command's kept output (not on IPC or HTTP). */
  ping(input: ParsedInput<'ping'> & { output?: Buffer; outputBytes?: number }): Promise<MethodOutput<'ping'>>;
  /**
   * The same service, its jobs-file writes recorded as `origin`'s in the history: each transport serves its own
   * (HTTP: `api`, the control socket: `cli`, the window's IPC: `app`, MCP: `mcp`).
   */
  forOrigin(origin: ConfigOrigin): CronbarService;
  readonly dataDir: string;
  readonly configPath: string;
  readonly dbPath: string;
  /** Pause, resume and cancel across processes, saying who applied them; who schedules; who runs a run. */
  readonly control: RoutedControl;
  /** Subscribes to an event; returns the unsubscribe. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /**
   * Marks runs left `queued`/`running` by a Cronbar process that died as interrupted and kills what their jobs left
   * running; runs of live processes are left alone. A scheduling service does this when it starts; `cronbar run` calls
   * it so that crashed runs are cleaned up even where no daemon or app ever starts.
   */
  recoverAbandonedRuns(): void;
  /** Every job's newest run, overdue state and slow runs in a constant number of queries (the tray's refresh). */
  jobSummaries(): JobSummary[];
  /** Subscribes to the engine's resyncs (a sleep or clock change noticed, or a resume); returns the unsubscribe. */
  onResync(listener: (reason: string) => void): () => void;
  /** Every job's next fire and pause, without reading history (for `/metrics`). */
  scheduleSnapshot(): JobScheduleState[];
  /** The machine is about to sleep (powerMonitor 'suspend'): the next resync('resume') records the exact span. */
  noteSuspend(): void;
  /** The job as resolved from the jobs file (defaults applied); throws not-found. */
  jobSpec(id: string): JobSpec;
  /** What this process's job runs start from, and where it came from (`login shell /bin/zsh`). */
  baseEnvironment(): BaseEnvironment;
  /** The zone jobs without `timezone:` get (this machine's), for printing local times beside a job's own zone. */
  localZone(): string;
  /** Starts the next attempt of a failed run's retry chain now (`cronbar run` waits the delay itself). */
  runRetry(
    jobId: string,
    retry: { attempt: number; retryOf: number; after: number },
  ): { runId: number | null; queued: boolean; refused: string | null };
  /** Resolves once every backfill this process runs (none forwarded to a scheduler) has no slot waiting or running. */
  backfillsIdle(): Promise<void>;
  /** Cancels every backfill this process runs: its waiting slots never start, its live runs are cancelled. */
  cancelBackfills(): void;
  /** Recomputes every timer and runs catch-up: after suspend/resume or a clock change. */
  resync(reason: string): void;
  /**
   * Stops scheduling, lets running jobs finish within `graceMs`, then stops them and marks them interrupted.
   * `onProgress` reports how many are still running, for the quit dialog.
   */
  shutdown(options?: { graceMs?: number; onProgress?: (running: number) => void }): Promise<{ interrupted: number }>;
}
