/**
 * Decides which desktop notifications to show. Pure and clock-free: every method takes `now`, so streaks, the hourly
 * limit and the summary are tested with plain numbers. The glue feeds finished runs in, waits `SETTLE_MS` so runs
 * that end together are judged together, then shows what `flush` returns.
 *
 * Rules: a failure or timeout notifies (job name, exit code or signal, last line of output); a missed run notifies
 * when the job sets `notify.missed`; the first success after failures notifies as a recovery; while a job keeps
 * failing it notifies at most once an hour; when three or more jobs fail within a minute, one summary replaces the
 * individual notices.
 *
 * The silent failures (issue 12) go through the same queue: a job becoming overdue and recovering, a check going
 * down and coming back up, a run past its warnAfter. Each notifies once per change, at most once an hour per job or
 * check and kind, and three or more overdue/down within a minute are one summary.
 */
import { formatDuration } from '../../../shared/config/duration';
import type { RunRecord } from '../../../shared/model';

export interface NotifyPrefs {
  failure: boolean;
  success: boolean;
  missed: boolean;
  /** Announce the first success after announced failures (default true). */
  recovered?: boolean;
  /** Say nothing until this many runs in a row failed (default 1); a recovery is said only after such a streak. */
  alertAfter?: number;
}

export const DEFAULT_NOTIFY_PREFS: NotifyPrefs = { failure: true, success: false, missed: false };

export interface FinishedRun {
  run: Pick<RunRecord, 'id' | 'jobId' | 'status' | 'exitCode' | 'signal' | 'reason'>;
  jobName: string;
  prefs: NotifyPrefs;
  /** The last non-empty line the run printed, if any. */
  lastLine: string | null;
  /** Chain children this failure holds back (`after:` on success), by name: the failure notice lists them. */
  heldBack?: readonly string[];
}

export type NoticeKind =
  | 'failure'
  | 'timeout'
  | 'missed'
  | 'recovery'
  | 'success'
  | 'summary'
  | 'overdue'
  | 'overdue-recovered'
  | 'check-down'
  | 'check-up'
  | 'slow';

/** A monitor event (the service's job:overdue, check:changed and run:slow), as the glue hands it over. */
export type MonitorAlert =
  | { kind: 'overdue'; jobId: string; name: string; reason: string }
  | { kind: 'overdue-recovered'; jobId: string; name: string }
  | { kind: 'check-down'; checkId: string; name: string; reason: string | null; notify: boolean }
  | { kind: 'check-up'; checkId: string; name: string; notify: boolean }
  | { kind: 'slow'; jobId: string; name: string; runId: number; warnAfterMs: number };

export interface Notice {
  kind: NoticeKind;
  title: string;
  body: string;
  /** What a click opens: the run's log, a job, the checks (jobs that run elsewhere), or the jobs list for a summary. */
  target:
    | { view: 'run'; runId: number; jobId: string }
    | { view: 'jobs' }
    | { view: 'checks' }
    | { view: 'job'; jobId: string };
}

/** How a failure notice lists the chain children it held back (`after:`). */
export const HELD_BACK = '; held back: ';

export const HOURLY_LIMIT_MS = 3_600_000;
export const SUMMARY_WINDOW_MS = 60_000;
export const SUMMARY_THRESHOLD = 3;
/** How long the glue waits after a run ends before flushing, so simultaneous failures are summarised together. */
export const SETTLE_MS = 1_500;

interface JobMemory {
  /** Consecutive failures seen (in this session, or seeded from the stored streak at start). */
  streak: number;
  lastFailureNoticeAt: number | null;
  lastMissedNoticeAt: number | null;
}

type PendingKind = 'failure' | 'missed' | 'recovery' | 'success';

interface Pending {
  kind: PendingKind;
  event: FinishedRun;
  at: number;
}

const MAX_LINE = 160;

function oneLine(text: string | null): string | null {
  if (!text) return null;
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MAX_LINE ? `${line.slice(0, MAX_LINE - 1)}…` : line || null;
}

export function lastOutputLine(output: string): string | null {
  const lines = output
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  return oneLine(lines.at(-1) ?? null);
}

function failureBody(event: FinishedRun): string {
  const { run } = event;
  const how =
    run.status === 'timed-out'
      ? `timed out${run.signal ? ` (stopped with ${run.signal})` : ''}`
      : run.exitCode !== null
        ? `exit code ${run.exitCode}`
        : run.signal
          ? `killed by ${run.signal}`
          : (oneLine(run.reason) ?? 'failed');
  const line = oneLine(event.lastLine);
  const body = line ? `${how}: ${line}` : how;
  // The children's own skipped rows raise nothing: this is where the admin learns what did not run.
  return event.heldBack && event.heldBack.length > 0 ? `${body}${HELD_BACK}${event.heldBack.join(', ')}` : body;
}

export class NotifyPolicy {
  private readonly jobs = new Map<string, JobMemory>();
  private pending: Pending[] = [];
  /** Individual failure notices recently shown, for the "three within a minute" rule. */
  private recentFailureNotices: Array<{ jobId: string; jobName: string; at: number }> = [];
  private lastSummaryAt: number | null = null;
  private alerts: Array<{ alert: MonitorAlert; at: number }> = [];
  /** When each (kind, job or check) was last announced, for the hourly limit. */
  private readonly alertShownAt = new Map<string, number>();
  /** Overdue jobs and down checks announced: only those get a recovery notice. */
  private readonly announcedDown = new Set<string>();

  /** Carries a stored failure streak over a restart, so a recovery after it is still announced. */
  seed(jobId: string, failureStreak: number): void {
    if (failureStreak > 0) this.memory(jobId).streak = failureStreak;
  }

  /** Records a finished run; returns true when something may need showing (the glue then schedules a flush). */
  push(event: FinishedRun, now: number): boolean {
    const { run } = event;
    const memory = this.memory(run.jobId);
    let kind: PendingKind | null = null;
    const alertAfter = event.prefs.alertAfter ?? 1;
    if (run.status === 'failed' || run.status === 'timed-out') {
      memory.streak += 1;
      if (event.prefs.failure && memory.streak >= alertAfter) kind = 'failure';
    } else if (run.status === 'succeeded') {
      const recovered = memory.streak >= alertAfter;
      memory.streak = 0;
      memory.lastFailureNoticeAt = null;
      if (recovered && event.prefs.failure && event.prefs.recovered !== false) kind = 'recovery';
      else if (event.prefs.success) kind = 'success';
    } else if (run.status === 'missed' && event.prefs.missed) {
      kind = 'missed';
    }
    if (!kind) return false;
    this.pending.push({ kind, event, at: now });
    return true;
  }

  /** Records a monitor event; returns true when something may need showing. */
  pushAlert(alert: MonitorAlert, now: number): boolean {
    if ((alert.kind === 'check-down' || alert.kind === 'check-up') && !alert.notify) return false;
    this.alerts.push({ alert, at: now });
    return true;
  }

  /** When the next flush is due (null: nothing pending). */
  nextFlushAt(): number | null {
    if (this.pending.length === 0 && this.alerts.length === 0) return null;
    const settled = Math.max(...this.pending.map((item) => item.at), ...this.alerts.map((item) => item.at)) + SETTLE_MS;
    if (this.lastSummaryAt !== null && this.pending.some((item) => item.kind === 'failure')) {
      return Math.max(settled, this.lastSummaryAt + SUMMARY_WINDOW_MS);
    }
    return settled;
  }

  /** Returns the notices to show now and forgets them. */
  flush(now: number): Notice[] {
    this.recentFailureNotices = this.recentFailureNotices.filter((notice) => now - notice.at < SUMMARY_WINDOW_MS);
    const batch = this.pending;
    this.pending = [];
    const notices: Notice[] = [];
    const failures: FinishedRun[] = [];
    const seen = new Set<string>();
    for (const { kind, event } of batch) {
      const { run } = event;
      const memory = this.memory(run.jobId);
      const target = { view: 'run', runId: run.id, jobId: run.jobId } as const;
      // One notice per job and kind per flush: a burst of retries or catch-up rows is one event to the admin.
      const key = `${kind}:${run.jobId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (kind === 'failure') {
        // A later success in the same batch already ended the streak: nothing to report.
        if (memory.streak === 0) continue;
        if (memory.lastFailureNoticeAt !== null && now - memory.lastFailureNoticeAt < HOURLY_LIMIT_MS) continue;
        failures.push(event);
      } else if (kind === 'missed') {
        if (memory.lastMissedNoticeAt !== null && now - memory.lastMissedNoticeAt < HOURLY_LIMIT_MS) continue;
        memory.lastMissedNoticeAt = now;
        notices.push({
          kind,
          title: `${event.jobName} missed a run`,
          body: oneLine(run.reason) ?? 'Cronbar was not running or the computer was asleep.',
          target,
        });
      } else if (kind === 'recovery') {
        notices.push({
          kind,
          title: `${event.jobName} is working again`,
          body: 'The last run succeeded after failures.',
          target,
        });
      } else {
        notices.push({
          kind,
          title: `${event.jobName} succeeded`,
          body: oneLine(event.lastLine) ?? 'The run succeeded.',
          target,
        });
      }
    }
    if (failures.length > 0) notices.push(...this.failureNotices(failures, now));
    notices.push(...this.alertNotices(now));
    return notices;
  }

  private alertNotices(now: number): Notice[] {
    const batch = this.alerts;
    this.alerts = [];
    // The last word per job or check wins: overdue then recovered in one batch is nothing to report.
    const latest = new Map<string, MonitorAlert>();
    for (const { alert } of batch) latest.set(alertSubject(alert), alert);
    const notices: Notice[] = [];
    const down: Array<{ name: string; notice: Notice }> = [];
    for (const [subject, alert] of latest) {
      const limitKey = `${alert.kind}:${subject}`;
      if (alert.kind === 'overdue-recovered' || alert.kind === 'check-up') {
        if (!this.announcedDown.delete(subject)) continue;
        notices.push(
          alert.kind === 'check-up'
            ? {
                kind: alert.kind,
                title: `${alert.name} is up again`,
                body: 'It pinged Cronbar again (runs elsewhere).',
                target: { view: 'checks' },
              }
            : {
                kind: alert.kind,
                title: `${alert.name} succeeded again`,
                body: 'Its last success is within its expectation again.',
                target: { view: 'job', jobId: alert.jobId },
              },
        );
        continue;
      }
      const shown = this.alertShownAt.get(limitKey);
      if (shown !== undefined && now - shown < HOURLY_LIMIT_MS) continue;
      this.alertShownAt.set(limitKey, now);
      if (alert.kind === 'slow') {
        notices.push({
          kind: 'slow',
          title: `${alert.name} is slow`,
          body: `Still running after ${formatDuration(alert.warnAfterMs)} (its warnAfter).`,
          target: { view: 'run', runId: alert.runId, jobId: alert.jobId },
        });
        continue;
      }
      this.announcedDown.add(subject);
      down.push(
        alert.kind === 'overdue'
          ? {
              name: alert.name,
              notice: {
                kind: 'overdue',
                title: `${alert.name} is overdue`,
                body: oneLine(alert.reason) ?? 'No success within its expectation.',
                target: { view: 'job', jobId: alert.jobId },
              },
            }
          : {
              name: alert.name,
              notice: {
                kind: 'check-down',
                title: `${alert.name} is down`,
                body: oneLine(alert.reason) ?? 'No ping within its grace (runs elsewhere).',
                target: { view: 'checks' },
              },
            },
      );
    }
    if (down.length >= SUMMARY_THRESHOLD) {
      const names = down.map((entry) => entry.name);
      const shown = names.slice(0, 4).join(', ') + (names.length > 4 ? ` and ${names.length - 4} more` : '');
      notices.push({
        kind: 'summary',
        title: `${names.length} jobs overdue or down`,
        body: shown,
        target: { view: 'jobs' },
      });
    } else {
      notices.push(...down.map((entry) => entry.notice));
    }
    return notices;
  }

  private failureNotices(failures: FinishedRun[], now: number): Notice[] {
    const involved = new Map(this.recentFailureNotices.map((notice) => [notice.jobId, notice.jobName]));
    for (const event of failures) involved.set(event.run.jobId, event.jobName);
    if (involved.size < SUMMARY_THRESHOLD) {
      return failures.map((event) => {
        this.memory(event.run.jobId).lastFailureNoticeAt = now;
        this.recentFailureNotices.push({ jobId: event.run.jobId, jobName: event.jobName, at: now });
        const timedOut = event.run.status === 'timed-out';
        return {
          kind: timedOut ? 'timeout' : 'failure',
          title: timedOut ? `${event.jobName} timed out` : `${event.jobName} failed`,
          body: failureBody(event),
          target: { view: 'run', runId: event.run.id, jobId: event.run.jobId },
        } satisfies Notice;
      });
    }
    if (this.lastSummaryAt !== null && now - this.lastSummaryAt < SUMMARY_WINDOW_MS) {
      // One summary a minute: hold these until the window ends (nextFlushAt tells the glue when).
      this.pending.push(...failures.map((event) => ({ kind: 'failure' as const, event, at: now })));
      return [];
    }
    this.lastSummaryAt = now;
    for (const event of failures) this.memory(event.run.jobId).lastFailureNoticeAt = now;
    // The jobs already announced one by one are now covered by the summary.
    this.recentFailureNotices = [];
    const names = [...involved.values()];
    const shown = names.slice(0, 4).join(', ') + (names.length > 4 ? ` and ${names.length - 4} more` : '');
    return [
      {
        kind: 'summary',
        title: `${names.length} jobs failed within a minute`,
        body: shown,
        target: { view: 'jobs' },
      },
    ];
  }

  private memory(jobId: string): JobMemory {
    let memory = this.jobs.get(jobId);
    if (!memory) {
      memory = { streak: 0, lastFailureNoticeAt: null, lastMissedNoticeAt: null };
      this.jobs.set(jobId, memory);
    }
    return memory;
  }
}

function alertSubject(alert: MonitorAlert): string {
  if (alert.kind === 'check-down' || alert.kind === 'check-up') return `check:${alert.checkId}`;
  if (alert.kind === 'slow') return `run:${alert.runId}`;
  return `job:${alert.jobId}`;
}
