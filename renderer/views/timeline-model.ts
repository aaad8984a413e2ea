/** Turns runs and upcoming fires into rows of bars for the timeline, and finds the spans nothing could run. */
import type { JobView, RunRecord, UpcomingFire } from '../../shared/model';

export const HOUR = 3_600_000;

export interface TimelineBar {
  runId: number;
  status: RunRecord['status'];
  start: number;
  end: number;
  run: RunRecord;
}

/** What the chart draws in a row and the keyboard can land on: a run's bar or an upcoming fire. */
export type TimelineMark =
  | { kind: 'run'; key: string; at: number; bar: TimelineBar }
  /** A row's upcoming fires, one mark for all of them: `at` is the first fire's quarter hour, `count` all in range. */
  | { kind: 'fire'; key: string; at: number; count?: number };

export interface TimelineRow {
  jobId: string;
  name: string;
  /** Oldest first, so the arrow keys move through a row in time order. */
  marks: TimelineMark[];
}

export interface Gap {
  start: number;
  end: number;
}

/** A run's extent: from its start (or when it was due) to its end (or now, while it runs). */
function barOf(run: RunRecord, now: number): TimelineBar {
  const start = run.startedAt ?? run.scheduledFor ?? run.createdAt;
  const end = run.finishedAt ?? (run.status === 'running' ? now : start);
  return { runId: run.id, status: run.status, start, end: Math.max(start, end), run };
}

/**
 * Missed and catch-up runs were decided after the fact: the span from the fire they were for to the moment Cronbar
 * decided is a time the machine slept or the app was not running. Overlapping spans merge into one gap.
 */
export function findGaps(runs: readonly RunRecord[], minimumMs = 60_000): Gap[] {
  const spans = runs
    .filter(
      (run) =>
        (run.status === 'missed' || run.trigger === 'catch-up') &&
        run.scheduledFor !== null &&
        run.createdAt - run.scheduledFor >= minimumMs,
    )
    .map((run) => ({ start: run.scheduledFor!, end: run.createdAt }))
    .sort((a, b) => a.start - b.start);
  const merged: Gap[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

export function buildTimelineRows(
  jobs: readonly JobView[],
  runs: readonly RunRecord[],
  fires: readonly UpcomingFire[],
  now: number,
): TimelineRow[] {
  const rows = new Map<string, TimelineRow>();
  const rowFor = (jobId: string, name: string) => {
    let row = rows.get(jobId);
    if (!row) {
      row = { jobId, name, marks: [] };
      rows.set(jobId, row);
    }
    return row;
  };
  const names = new Map(jobs.map((job) => [job.id, job.name]));
  for (const run of runs) {
    const bar = barOf(run, now);
    rowFor(run.jobId, names.get(run.jobId) ?? run.jobId).marks.push({
      kind: 'run',
      key: `run-${run.id}`,
      at: bar.start,
      bar,
    });
  }
  for (const fire of fires)
    rowFor(fire.jobId, fire.name).marks.push({ kind: 'fire', key: `fire-${fire.jobId}-${fire.at}`, at: fire.at });
  const sorted = [...rows.values()].sort((a, b) => a.name.localeCompare(b.name));
  for (const row of sorted) row.marks.sort((a, b) => a.at - b.at);
  return sorted;
}
