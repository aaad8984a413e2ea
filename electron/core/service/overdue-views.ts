/**
 * The overdue part of a JobView, computed from the store at `now` (so `cronbar list` in another process says the same
 * as the scheduler's monitor): the last success, when the expectation was missed, and what happened since.
 */
import { formatDuration } from '../../../shared/config/duration';
import type { JobSpec } from '../../../shared/config/schema';
import type { Overdue, RunRecord } from '../../../shared/model';
import { evaluateExpectation } from '../monitor/expectation';
import type { Store } from '../ports';

export function lastSuccessAt(store: Store, jobId: string): number | null {
  const run = store.history({ jobId, statuses: ['succeeded'], limit: 1 }).runs[0];
  return run ? (run.finishedAt ?? run.createdAt) : null;
}

/** `since the last success: 3 failed, 1 missed` — the runs after it, by status. */
export function overdueReason(runsSince: readonly RunRecord[], lastSuccess: number | null, withinMs: number): string {
  const counts = new Map<string, number>();
  for (const run of runsSince)
    if (run.status !== 'running' && run.status !== 'queued') counts.set(run.status, (counts.get(run.status) ?? 0) + 1);
  const what = [...counts].map(([status, count]) => `${count} ${status}`).join(', ');
  const head =
    lastSuccess === null
      ? `no success yet (expected within ${hours(withinMs)})`
      : `no success within ${hours(withinMs)}`;
  return `${head}; ${what === '' ? (lastSuccess === null ? 'no runs at all' : 'no runs since') : `since then: ${what}`}`;
}

const hours = (ms: number) => formatDuration(ms);

export function overdueOf(store: Store, job: JobSpec, since: number, now: number): Overdue | null {
  const withinMs = job.expectSucceededWithinMs;
  if (!withinMs) return null;
  const last = lastSuccessAt(store, job.id);
  const verdict = evaluateExpectation(last, since, withinMs, now);
  if (!verdict.overdue) return null;
  const runsSince = store
    .history({ jobId: job.id, since: last ?? 0, limit: 200 })
    .runs.filter((run) => last === null || (run.finishedAt ?? run.createdAt) > last);
  return { since: verdict.deadline, lastSuccessAt: last, reason: overdueReason(runsSince, last, withinMs) };
}

/** Running runs past the job's warnAfter, from the runs the view already read. */
export function slowRunIds(job: JobSpec, recent: readonly RunRecord[], now: number): number[] {
  const limit = job.warnAfterMs;
  if (!limit) return [];
  return recent
    .filter((run) => run.status === 'running' && run.startedAt !== null && now - run.startedAt >= limit)
    .map((run) => run.id);
}
