/**
 * A run told in words, for "what happened last night?": when it was due, why it ran when it did (asleep, a catch-up,
 * a retry of which run, late) and how it ended. "02:00 — the machine was asleep (00:40 → 05:34); ran at 05:34 as a
 * catch-up; failed: exit 1".
 */
import type { DowntimeSpan, RunRecord } from '../../shared/model';
import { formatDateTime, formatSpan, runLateness } from './format';
import { STATUS_LABELS } from './status';

const WHY: Record<DowntimeSpan['kind'], string> = {
  suspend: 'the machine was asleep',
  stopped: 'Cronbar was not running',
  crashed: 'Cronbar had stopped unexpectedly',
  'clock-jump': 'the clock jumped',
};

const hhmm = (at: number) => formatDateTime(at).slice(11, 16);

/** How the run ended, in words: `failed: exit 1`, `ok`, `timed out after 3h`. */
export function runOutcome(run: RunRecord): string {
  if (run.status === 'failed') {
    if (run.exitCode !== null) return `failed: exit ${run.exitCode}`;
    return run.reason ? `failed: ${run.reason}` : 'failed';
  }
  if (run.status === 'succeeded') return 'ok';
  if (run.status === 'timed-out' || run.status === 'skipped' || run.status === 'interrupted')
    return run.reason ? `${STATUS_LABELS[run.status]}: ${run.reason}` : STATUS_LABELS[run.status];
  return STATUS_LABELS[run.status];
}

export function runStory(run: RunRecord, downtime: readonly DowntimeSpan[]): string {
  const parts: string[] = [];
  const due = run.scheduledFor;
  const span = due === null ? undefined : downtime.find((entry) => entry.from <= due && due <= entry.to);
  const head = due !== null ? hhmm(due) : run.startedAt !== null ? hhmm(run.startedAt) : '—';
  if (span) parts.push(`${head} — ${WHY[span.kind]} (${hhmm(span.from)} → ${hhmm(span.to)})`);
  else parts.push(head);

  if (run.status === 'missed') {
    parts.push(run.reason ? `missed: ${run.reason}` : 'missed');
    return parts.join('; ');
  }
  const started = run.startedAt;
  if (run.trigger === 'catch-up') parts.push(started !== null ? `ran at ${hhmm(started)} as a catch-up` : 'a catch-up');
  else if (run.trigger === 'retry')
    parts.push(
      `retry (try ${run.attempt})${run.retryOf !== null ? ` of run #${run.retryOf}` : ''}${started !== null ? ` at ${hhmm(started)}` : ''}`,
    );
  else if (run.trigger === 'manual') parts.push('run by hand');
  else if (run.trigger === 'test') parts.push('test run as scheduled');
  else {
    const late = runLateness(run);
    if (late !== null && late >= 60_000) parts.push(`started ${formatSpan(late)} late, at ${hhmm(started!)}`);
  }
  if (run.status === 'running' || run.status === 'queued') parts.push(STATUS_LABELS[run.status]);
  else parts.push(runOutcome(run));
  return parts.join('; ');
}
