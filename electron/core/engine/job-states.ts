/**
 * Persistence of job state: reading the state rows a job list is matched against, saving the ones that changed,
 * deleting the rows of jobs that are gone. Decides nothing about what a row means (kept or restarted schedule,
 * catch-up): the job set and the Engine decide; this only knows when the rows are worth holding in memory.
 */
import type { JobStateRow, Store } from '../ports';
import type { EngineFlags, JobEntry } from './engine-types';

export class JobStates {
  private persisted: Map<string, JobStateRow> | null = null;
  private jobsLoaded = false;
  private orphansPruned = false;

  constructor(
    private readonly store: Store,
    private readonly flags: Readonly<EngineFlags>,
    /** Whether a job id is in the current job set: a row of any other id is an orphan. */
    private readonly hasJob: (jobId: string) => boolean,
  ) {}

  /** Every persisted row by job id, read once and held until the orphans are pruned. */
  all(): Map<string, JobStateRow> {
    if (!this.persisted) this.persisted = new Map(this.store.allJobStates().map((row) => [row.jobId, row]));
    return this.persisted;
  }

  /**
   * The rows a job list is matched against: all of them, or null once running with the orphans pruned. The engine
   * then no longer holds every persisted row (100 000 of them are ~15 MB): a job new to a reload is looked up alone.
   */
  forJobList(): Map<string, JobStateRow> | null {
    return this.flags.started && this.orphansPruned ? null : this.all();
  }

  /** The persisted row of one job of a new job list, from `rows` (forJobList) or the store. */
  rowOf(jobId: string, rows: Map<string, JobStateRow> | null): JobStateRow | null {
    if (!rows) return this.store.getJobState(jobId);
    return rows.get(jobId) ?? (this.jobsLoaded && this.flags.started ? this.store.getJobState(jobId) : null);
  }

  /** A job list was applied: orphans can be told apart from jobs not loaded yet. */
  markJobsLoaded(): void {
    this.jobsLoaded = true;
  }

  get loaded(): boolean {
    return this.jobsLoaded;
  }

  /**
   * Saves the state rows of `jobs`, in one transaction. Also on an engine never started: a CLI pausing a job while no
   * scheduler runs persists it through here, so the next scheduler starts from the engine's own rows.
   */
  save(jobs: readonly JobEntry[]): void {
    if (jobs.length === 0) return;
    this.store.transaction(() => jobs.forEach((job) => this.store.saveJobState(job.state)));
  }

  /** Deletes the rows of jobs not in the job set, once; call inside the caller's transaction. */
  pruneOrphans(): void {
    if (this.orphansPruned || !this.persisted) return;
    this.orphansPruned = true;
    for (const jobId of this.persisted.keys()) if (!this.hasJob(jobId)) this.store.deleteJobState(jobId);
    // start() has read what it needed; a later start() reads the rows again.
    if (this.flags.started) this.persisted = null;
  }
}
