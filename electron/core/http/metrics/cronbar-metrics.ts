/**
 * `/metrics`: Cronbar's state in the Prometheus text format through prom-client, on a Registry of its own (never
 * the global one, so nothing else in the process leaks in). Names follow https://prometheus.io/docs/practices/naming/:
 * `cronbar_` prefix, base units, `_total` counters, `_timestamp_seconds` for times, the job id as a label.
 *
 * Cost at 10 000 jobs is the point of the design: per-run facts (counts, last status, last success) change only when
 * a run ends, so they are set once then (RunTally), not recomputed per scrape; a scrape refreshes only the next fire
 * times, the overdue flags, the checks and the scheduler gauges. Durations go into one histogram for the whole scheduler (a histogram per job
 * would be 10+ series per job) plus each job's last duration.
 */
import { Counter, Gauge, Histogram } from 'prom-client';
import type { CheckView, RunRecord, RunStatus, SchedulerStatus } from '../../../../shared/model';
import type { JobScheduleState } from '../../service/schedule-snapshot';
import { REFUSAL_REASONS, type RefusalReason } from '../request-guard';
import { CheckMetrics } from './check-metrics';
import { RunTally, type TallySource, isExecuted } from './run-tally';
import { TextFamily } from './text-family';
import { TextRegistry } from './text-registry';

export interface MetricsSource extends TallySource {
  status(input: Record<string, never>): Promise<SchedulerStatus>;
  scheduleSnapshot(): JobScheduleState[];
  listChecks(input: Record<string, never>): Promise<CheckView[]>;
}

const seconds = (ms: number) => ms / 1000;
export const DURATION_BUCKETS = [0.1, 0.5, 1, 5, 15, 60, 300, 900, 1800, 3600, 7200, 14_400];

/** What the history says about one job, kept for the jobs that are not in the jobs file right now too. */
interface JobFacts {
  counts: Map<RunStatus, number>;
  last: { status: RunStatus; finishedAt: number; duration: number | null } | null;
  lastSuccessAt: number | null;
}

export class CronbarMetrics {
  readonly registry = new TextRegistry();
  readonly #tally: RunTally;
  readonly #facts = new Map<string, JobFacts>();
  /** The job ids exported on the last scrape, to drop the series of a job that left the jobs file. */
  #exported = new Set<string>();
  #exportedOrder: string[] = [];

  readonly #up;
  readonly #paused;
  readonly #pausedUntil;
  readonly #running;
  readonly #queued;
  readonly #concurrency;
  readonly #jobs;
  readonly #configErrors;
  readonly #nextFire;
  readonly #lastStatus;
  readonly #lastEnd;
  readonly #lastSuccess;
  readonly #lastDuration;
  readonly #runs;
  readonly #duration;
  readonly #overdue;
  readonly #checks;
  readonly #refused;

  constructor(private readonly source: MetricsSource) {
    const registers = [this.registry];
    const gauge = (name: string, help: string, labelNames: string[] = []) =>
      new Gauge({ name, help, labelNames, registers });
    this.#up = gauge(
      'cronbar_scheduler_up',
      "1 when this process schedules the data directory's jobs (holds its lock), else 0",
    );
    this.#paused = gauge('cronbar_scheduler_paused', '1 while "pause all" is on');
    this.#pausedUntil = gauge(
      'cronbar_scheduler_paused_until_timestamp_seconds',
      'When "pause all" ends by itself (0: not paused, or paused until resumed)',
    );
    this.#running = gauge('cronbar_runs_running', 'Runs executing now');
    this.#queued = gauge('cronbar_runs_queued', 'Runs waiting for a free slot (concurrency limit or overlap: queue)');
    this.#concurrency = gauge('cronbar_scheduler_concurrency_limit', 'How many jobs may run at once');
    this.#jobs = gauge('cronbar_jobs', 'Jobs in the jobs file, by state', ['state']);
    this.#configErrors = gauge(
      'cronbar_config_errors',
      'Problems in the jobs file on disk (0: valid; else the last good jobs keep running)',
    );
    // The per-job families write their own text (text-family.ts): prom-client's formatting of ~60 000 lines was the scrape's cost.
    const perJob = (
      name: string,
      help: string,
      labelNames: string[] = ['job_id'],
      type: 'gauge' | 'counter' = 'gauge',
    ) => this.registry.add(new TextFamily(name, help, type, labelNames));
    this.#nextFire = perJob(
      'cronbar_job_next_fire_timestamp_seconds',
      'When the job fires next (absent: disabled, paused or no fire left)',
      ['job_id'],
    );
    this.#lastStatus = perJob(
      'cronbar_job_last_run_status',
      "The status of the job's last run (one series per job, value 1, the status as label)",
      ['job_id', 'status'],
    );
    this.#lastEnd = perJob('cronbar_job_last_run_end_timestamp_seconds', "When the job's last run ended", ['job_id']);
    this.#lastSuccess = perJob('cronbar_job_last_success_timestamp_seconds', 'When the job last succeeded', ['job_id']);
    this.#lastDuration = perJob('cronbar_job_last_run_duration_seconds', "How long the job's last run took", [
      'job_id',
    ]);
    this.#runs = perJob(
      'cronbar_job_runs_total',
      'Finished runs by final status, skipped and missed fires included',
      ['job_id', 'status'],
      'counter',
    );
    this.#duration = new Histogram({
      name: 'cronbar_run_duration_seconds',
      help: 'How long runs took, all jobs',
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.#overdue = perJob(
      'cronbar_job_overdue',
      "1 while the job's last success is older than its expect.succeededWithin, else 0 (absent: no expectation)",
    );
    this.#checks = new CheckMetrics(this.registry);
    this.#refused = new Counter({
      name: 'cronbar_api_refused_total',
      help: 'HTTP API requests refused before any route ran, by reason (bad-host, web-origin, missing-token, wrong-token)',
      labelNames: ['reason'],
      registers,
    });
    // Every reason from the start at 0, so a rate() sees the first refusal.
    for (const reason of REFUSAL_REASONS) this.#refused.inc({ reason }, 0);
    this.#tally = new RunTally(source, { onFinal: (run, duration) => this.#onFinal(run, duration) });
  }

  countRefusal(reason: RefusalReason): void {
    this.#refused.inc({ reason });
  }

  /** Reads the history up to now; the first call reads it all, later ones only what changed. */
  sync(): Promise<void> {
    return this.#tally.sync();
  }

  /** The text a scrape gets (UTF-8). */
  async scrape(): Promise<Buffer> {
    await this.sync();
    const [status, jobs, checks] = [
      await this.source.status({}),
      this.source.scheduleSnapshot(),
      await this.source.listChecks({}),
    ];
    this.#checks.set(checks);
    this.#up.set(status.scheduling ? 1 : 0);
    this.#paused.set(status.pausedAll ? 1 : 0);
    this.#pausedUntil.set(status.pausedAllUntil === null ? 0 : seconds(status.pausedAllUntil));
    this.#running.set(status.running);
    this.#queued.set(status.queued);
    this.#concurrency.set(status.concurrency);
    this.#configErrors.set(status.configErrors.length);
    let enabled = 0;
    let paused = 0;
    // The same jobs in the same order as last time (nearly every scrape): no set of ids to build and compare.
    let sameJobs = jobs.length === this.#exportedOrder.length;
    for (let index = 0; index < jobs.length; index++) {
      const job = jobs[index]!;
      if (sameJobs && job.id !== this.#exportedOrder[index]) sameJobs = false;
      if (job.enabled) enabled++;
      if (job.paused) paused++;
      this.#setNextFire(job.id, job.nextFireAt === null ? null : seconds(job.nextFireAt));
      this.#setOverdue(job.id, job.overdue === null ? null : job.overdue ? 1 : 0);
    }
    this.#jobs.set({ state: 'enabled' }, enabled);
    this.#jobs.set({ state: 'disabled' }, jobs.length - enabled);
    this.#jobs.set({ state: 'paused' }, paused);
    if (!sameJobs) this.#exportJobs(jobs.map((job) => job.id));
    return this.registry.metricsText();
  }

  /** The jobs file changed: the series of jobs that left go, those of jobs that came (back) appear. */
  #exportJobs(order: string[]): void {
    const current = new Set(order);
    for (const id of this.#exported) {
      if (current.has(id)) continue;
      this.#dropJob(id);
      this.#setNextFire(id, null);
      this.#setOverdue(id, null);
    }
    for (const id of current) if (!this.#exported.has(id)) this.#exportJob(id);
    this.#exported = current;
    this.#exportedOrder = order;
  }

  #setNextFire(jobId: string, at: number | null): void {
    if (at === null) this.#nextFire.remove({ job_id: jobId });
    else this.#nextFire.set({ job_id: jobId }, at);
  }

  #setOverdue(jobId: string, value: number | null): void {
    if (value === null) this.#overdue.remove({ job_id: jobId });
    else this.#overdue.set({ job_id: jobId }, value);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  #onFinal(run: RunRecord, duration: number | null): void {
    let facts = this.#facts.get(run.jobId);
    if (!facts) {
      facts = { counts: new Map(), last: null, lastSuccessAt: null };
      this.#facts.set(run.jobId, facts);
    }
    const exported = this.#exported.has(run.jobId);
    const labels = { job_id: run.jobId };
    facts.counts.set(run.status, (facts.counts.get(run.status) ?? 0) + 1);
    if (exported) this.#runs.inc({ ...labels, status: run.status });
    if (duration !== null) this.#duration.observe(duration);
    // Rows arrive in id order, but a long run ends after later short ones: the last run is the one that ended last.
    if (!isExecuted(run.status) || run.finishedAt === null || (facts.last && run.finishedAt < facts.last.finishedAt))
      return;
    if (exported && facts.last && facts.last.status !== run.status)
      this.#lastStatus.remove({ ...labels, status: facts.last.status });
    facts.last = { status: run.status, finishedAt: run.finishedAt, duration };
    if (run.status === 'succeeded') facts.lastSuccessAt = run.finishedAt;
    if (exported) this.#writeLast(run.jobId, facts);
  }

  #writeLast(jobId: string, facts: JobFacts): void {
    const labels = { job_id: jobId };
    if (facts.last) {
      this.#lastStatus.set({ ...labels, status: facts.last.status }, 1);
      this.#lastEnd.set(labels, seconds(facts.last.finishedAt));
      if (facts.last.duration !== null) this.#lastDuration.set(labels, facts.last.duration);
    }
    if (facts.lastSuccessAt !== null) this.#lastSuccess.set(labels, seconds(facts.lastSuccessAt));
  }

  /** A job (back) in the jobs file: its series appear with what the history says. */
  #exportJob(jobId: string): void {
    const facts = this.#facts.get(jobId);
    if (!facts) return;
    for (const [status, count] of facts.counts) this.#runs.inc({ job_id: jobId, status }, count);
    this.#writeLast(jobId, facts);
  }

  /** A job that left the jobs file: its series go (Prometheus marks them stale), its facts stay for a return. */
  #dropJob(jobId: string): void {
    const facts = this.#facts.get(jobId);
    if (!facts) return;
    const labels = { job_id: jobId };
    for (const status of facts.counts.keys()) this.#runs.remove({ ...labels, status });
    if (facts.last) this.#lastStatus.remove({ ...labels, status: facts.last.status });
    this.#lastEnd.remove(labels);
    this.#lastSuccess.remove(labels);
    this.#lastDuration.remove(labels);
  }
}
