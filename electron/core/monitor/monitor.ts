/**
 * The monitor: every deadline that is not a job's fire — a check's ping due (+ grace), a job's last success +
 * `expect.succeededWithin`, a run's start + `warnAfter` — in one min-heap with ONE timer on
 * the injected Clock. A state changes when its deadline passes or a ping / run event arrives; nothing is polled, so
 * 10 000 quiet checks cost no wake-up until the first of them is due.
 */
import type { CheckSpec } from '../../../shared/config/check-schema';
import type { CheckState, PingRecord, RunRecord } from '../../../shared/model';
import type { Clock, TimerHandle } from '../ports';
import { type CheckVerdict, evaluateCheck } from './check-state';
import { DeadlineHeap } from './deadline-heap';
import { evaluateExpectation } from './expectation';
import type { LastPings } from './monitor-store';

/** Wall deadlines on a monotonic timer: re-look at least this often, in case a sleep stretched the wait. */
export const MAX_MONITOR_TIMER_MS = 10 * 60_000;

export interface ExpectedJob {
  id: string;
  withinMs: number;
}

export interface MonitorSources {
  /** The newest end and start ping of every check (read once at start). */
  lastPingsByCheck(): Map<string, LastPings>;
  /** The finish time of the job's newest succeeded run, from the store (any process's run). */
  lastSuccessAt(jobId: string): number | null;
  /** When the job's expectation started counting (recorded the first time it is seen). */
  expectationSince(jobId: string, now: number): number;
}

export interface MonitorListener {
  checkChanged(checkId: string, verdict: CheckVerdict, previous: CheckState): void;
  overdueChanged(jobId: string, overdue: boolean, lastSuccessAt: number | null, deadline: number): void;
  runSlow(runId: number, jobId: string, warnAfterMs: number): void;
}

interface CheckEntry {
  spec: CheckSpec;
  pings: LastPings;
  verdict: CheckVerdict;
}

interface JobEntry {
  withinMs: number;
  since: number;
  lastSuccessAt: number | null;
  overdue: boolean;
}

const checkKey = (id: string) => `c:${id}`;
const jobKey = (id: string) => `j:${id}`;
const runKey = (id: number) => `r:${id}`;

export class Monitor {
  private readonly heap = new DeadlineHeap();
  private readonly checks = new Map<string, CheckEntry>();
  private readonly jobs = new Map<string, JobEntry>();
  private readonly slowWatches = new Map<number, { jobId: string; warnAfterMs: number }>();
  private readonly slowRuns = new Set<number>();
  private timer: TimerHandle | null = null;
  private timerDue: number | null = null;
  private started = false;
  private pingCache: Map<string, LastPings> | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly sources: MonitorSources,
    private readonly listener: MonitorListener,
  ) {}

  /** Replaces the checks, keeping the pings of those that stay; a new or changed check is evaluated now, silently. */
  setChecks(specs: readonly CheckSpec[]): void {
    const now = this.clock.now();
    // The store is asked only when a check is new to the monitor: a reload that changes nothing costs no query.
    const pings = specs.some((spec) => !this.checks.has(spec.id))
      ? (this.pingCache ?? (this.pingCache = this.sources.lastPingsByCheck()))
      : new Map<string, LastPings>();
    const seen = new Set<string>();
    for (const spec of specs) {
      seen.add(spec.id);
      const known = this.checks.get(spec.id);
      const entryPings = known?.pings ?? pings.get(spec.id) ?? { end: null, start: null };
      const verdict = evaluateCheck(spec, entryPings, now);
      this.checks.set(spec.id, { spec, pings: entryPings, verdict });
      this.arm(checkKey(spec.id), verdict.changesAt);
    }
    for (const id of [...this.checks.keys()]) {
      if (seen.has(id)) continue;
      this.checks.delete(id);
      this.heap.delete(checkKey(id));
    }
    this.pingCache = null;
    this.rearm();
  }

  /** Replaces the jobs with `expect:`; a job already overdue stays so without a second notification. */
  setExpectedJobs(jobs: readonly ExpectedJob[]): void {
    const now = this.clock.now();
    const seen = new Set<string>();
    for (const job of jobs) {
      seen.add(job.id);
      const known = this.jobs.get(job.id);
      const since = known?.since ?? this.sources.expectationSince(job.id, now);
      const lastSuccessAt = known?.lastSuccessAt ?? this.sources.lastSuccessAt(job.id);
      const verdict = evaluateExpectation(lastSuccessAt, since, job.withinMs, now);
      this.jobs.set(job.id, { withinMs: job.withinMs, since, lastSuccessAt, overdue: verdict.overdue });
      this.arm(jobKey(job.id), verdict.overdue ? null : verdict.deadline);
    }
    for (const id of [...this.jobs.keys()]) {
      if (seen.has(id)) continue;
      this.jobs.delete(id);
      this.heap.delete(jobKey(id));
    }
    this.rearm();
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.rearm();
  }

  stop(): void {
    this.started = false;
    this.disarm();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Inputs

  onPing(ping: PingRecord): void {
    const entry = this.checks.get(ping.checkId);
    if (!entry) return;
    if (ping.kind === 'start') {
      if (!entry.pings.start || ping.id > entry.pings.start.id) entry.pings = { ...entry.pings, start: ping };
    } else if (!entry.pings.end || ping.id > entry.pings.end.id) {
      entry.pings = { ...entry.pings, end: ping };
    }
    this.reevaluateCheck(ping.checkId, entry);
    this.rearm();
  }

  onRunStarted(run: RunRecord, warnAfterMs: number | null | undefined): void {
    if (!warnAfterMs || run.status !== 'running' || this.slowWatches.has(run.id)) return;
    this.slowWatches.set(run.id, { jobId: run.jobId, warnAfterMs });
    this.heap.set(runKey(run.id), (run.startedAt ?? this.clock.now()) + warnAfterMs);
    this.rearm();
  }

  onRunFinished(run: RunRecord): void {
    if (this.slowWatches.delete(run.id)) this.heap.delete(runKey(run.id));
    this.slowRuns.delete(run.id);
    const job = this.jobs.get(run.jobId);
    if (job && run.status === 'succeeded') {
      job.lastSuccessAt = Math.max(job.lastSuccessAt ?? 0, run.finishedAt ?? this.clock.now());
      this.reevaluateJob(run.jobId, job);
    }
    this.rearm();
  }

  /** After a sleep or clock change: every wall deadline may have passed; handle them now. */
  resync(): void {
    this.disarm();
    this.onTimer();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Views

  checkVerdict(id: string): CheckVerdict | null {
    return this.checks.get(id)?.verdict ?? null;
  }

  isOverdue(jobId: string): boolean {
    return this.jobs.get(jobId)?.overdue ?? false;
  }

  isSlow(runId: number): boolean {
    return this.slowRuns.has(runId);
  }

  /** The one timer's next wake-up (wall ms), for tests and the bench. */
  get nextWake(): number | null {
    return this.timerDue;
  }

  get deadlineCount(): number {
    return this.heap.size;
  }

  // ---------------------------------------------------------------------------------------------------------------

  private onTimer(): void {
    this.timer = null;
    this.timerDue = null;
    const now = this.clock.now();
    for (const key of this.heap.popDue(now)) {
      const id = key.slice(2);
      if (key.startsWith('c:')) {
        const entry = this.checks.get(id);
        if (entry) this.reevaluateCheck(id, entry);
      } else if (key.startsWith('j:')) {
        const job = this.jobs.get(id);
        // Another process (`cronbar run`) may have recorded a success the events never showed: ask the store.
        if (job) {
          job.lastSuccessAt = this.sources.lastSuccessAt(id) ?? job.lastSuccessAt;
          this.reevaluateJob(id, job);
        }
      } else if (key.startsWith('r:')) {
        const runId = Number(id);
        const watch = this.slowWatches.get(runId);
        if (!watch) continue;
        this.slowWatches.delete(runId);
        this.slowRuns.add(runId);
        this.listener.runSlow(runId, watch.jobId, watch.warnAfterMs);
      }
    }
    this.rearm();
  }

  private reevaluateCheck(id: string, entry: CheckEntry): void {
    const previous = entry.verdict;
    entry.verdict = evaluateCheck(entry.spec, entry.pings, this.clock.now());
    this.arm(checkKey(id), entry.verdict.changesAt);
    if (entry.verdict.state !== previous.state) this.listener.checkChanged(id, entry.verdict, previous.state);
  }

  private reevaluateJob(id: string, job: JobEntry): void {
    const verdict = evaluateExpectation(job.lastSuccessAt, job.since, job.withinMs, this.clock.now());
    this.arm(jobKey(id), verdict.overdue ? null : verdict.deadline);
    if (verdict.overdue === job.overdue) return;
    job.overdue = verdict.overdue;
    this.listener.overdueChanged(id, verdict.overdue, job.lastSuccessAt, verdict.deadline);
  }

  private arm(key: string, due: number | null): void {
    if (due === null) this.heap.delete(key);
    else this.heap.set(key, due);
  }

  private rearm(): void {
    if (!this.started) return;
    const next = this.heap.peek();
    if (next === null) return this.disarm();
    if (this.timer !== null && this.timerDue === next.due) return;
    this.disarm();
    const delay = Math.min(Math.max(0, next.due - this.clock.now()), MAX_MONITOR_TIMER_MS);
    this.timerDue = next.due;
    this.timer = this.clock.setTimeout(() => this.onTimer(), delay);
  }

  private disarm(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.timerDue = null;
  }
}
