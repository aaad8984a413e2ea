/**
 * Feeds finished runs and the monitor's events (overdue, checks down/up, slow runs) to the notify policy and shows
 * what it decides. Looks up each job's name and notify settings from the service, and the last output line for
 * failures, then flushes after the policy's settle delay so runs that end together are judged together.
 */
import type { EventPayload } from '../../shared/api/contract';
import type { JobView, RunRecord } from '../../shared/model';
import { heldBackBy } from '../core/engine/chains';
import { checkAlert, overdueAlert, slowAlert } from '../core/notify/monitor-alerts';
import {
  type MonitorAlert,
  type Notice,
  DEFAULT_NOTIFY_PREFS,
  NotifyPolicy,
  lastOutputLine,
} from '../core/notify/notify-policy';
import type { Notifier } from './notifier';

export interface NotificationFeedOptions {
  listJobs(): Promise<JobView[]>;
  runOutput(runId: number): Promise<{ text: string }>;
  notifier: Notifier;
  /** What a click on a notice does (open the window on the run's log, or the jobs list). */
  open(target: Notice['target']): void;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  log?: (line: string) => void;
}

export class NotificationFeed {
  readonly policy = new NotifyPolicy();
  private timer: unknown = null;
  private readonly now: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;
  private jobs = new Map<string, JobView>();

  constructor(private readonly options: NotificationFeedOptions) {
    this.now = options.now ?? Date.now;
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  }

  /** Loads the jobs and seeds their stored failure streaks, so a recovery right after start is still announced. */
  async start(): Promise<void> {
    await this.reloadJobs();
    for (const job of this.jobs.values()) this.policy.seed(job.id, job.failureStreak);
  }

  async reloadJobs(): Promise<void> {
    this.jobs = new Map((await this.options.listJobs()).map((job) => [job.id, job]));
  }

  async onRunFinished(run: RunRecord): Promise<void> {
    let job = this.jobs.get(run.jobId);
    if (!job) {
      await this.reloadJobs();
      job = this.jobs.get(run.jobId);
    }
    const prefs = job?.notify ?? DEFAULT_NOTIFY_PREFS;
    const wantsLine =
      run.status === 'failed' || run.status === 'timed-out' || (run.status === 'succeeded' && prefs.success);
    let lastLine: string | null = null;
    if (wantsLine && run.outputBytes > 0) {
      try {
        lastLine = lastOutputLine((await this.options.runOutput(run.id)).text);
      } catch (error) {
        this.options.log?.(
          `notify: no output for run ${run.id}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    // A failure that holds back chain children (after:) names them; their own skipped rows raise nothing.
    const heldBack = job?.children ? heldBackBy(run, job.retryAttempts ?? 0, job.children) : [];
    if (this.policy.push({ run, jobName: job?.name ?? run.jobId, prefs, lastLine, heldBack }, this.now()))
      this.schedule();
  }

  onOverdue(payload: EventPayload<'job:overdue'>): void {
    this.pushAlert(overdueAlert(payload));
  }

  onCheckChanged(payload: EventPayload<'check:changed'>): void {
    const alert = checkAlert(payload);
    if (alert) this.pushAlert(alert);
  }

  async onRunSlow(payload: EventPayload<'run:slow'>): Promise<void> {
    if (!this.jobs.has(payload.run.jobId)) await this.reloadJobs();
    this.pushAlert(slowAlert(payload, this.jobs.get(payload.run.jobId)?.name ?? payload.run.jobId));
  }

  private pushAlert(alert: MonitorAlert): void {
    if (this.policy.pushAlert(alert, this.now())) this.schedule();
  }

  private schedule(): void {
    const due = this.policy.nextFlushAt();
    if (due === null) return;
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = this.setTimer(() => this.flush(), Math.max(0, due - this.now()));
  }

  flush(): void {
    this.timer = null;
    for (const notice of this.policy.flush(this.now())) {
      this.options.notifier.show(notice, () => this.options.open(notice.target));
    }
    // Failures held back by the one-summary-a-minute rule come out later.
    this.schedule();
  }

  dispose(): void {
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
  }
}
