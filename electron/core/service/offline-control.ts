/**
 * Pause and resume while no scheduler holds the data directory: written straight into the state the engine reads
 * when it starts (the job's state row, the pause-all setting), so the next daemon or app starts paused.
 *
 * The rows are the engine's own shapes: a job never scheduled gets the row the engine would have written (its
 * schedule key, last fire = now), so the first start counts it as known and paused instead of resetting it.
 */
import type { JobSpec } from '../../../shared/config/schema';
import { PAUSE_ALL_SETTING } from '../engine/engine';
import { scheduleKey } from '../engine/schedule-calculator';
import type { JobStateRow, Store } from '../ports';

function engineKey(job: JobSpec): string {
  const key = scheduleKey(job);
  return job.enabled ? key : `disabled|${key}`;
}

function stateOf(store: Store, job: JobSpec, now: number): JobStateRow {
  return (
    store.getJobState(job.id) ?? {
      jobId: job.id,
      lastFireAt: now,
      nextFireAt: null,
      paused: false,
      pausedUntil: null,
      scheduleKey: engineKey(job),
      anchorAt: job.schedule.kind === 'every' ? now : null,
    }
  );
}

export function storePauseJob(store: Store, job: JobSpec, until: number | null, now: number): void {
  store.saveJobState({ ...stateOf(store, job, now), paused: true, pausedUntil: until });
}

/** Returns false when the job was not paused. Fires passed meanwhile are left to the scheduler's catch-up policy. */
export function storeResumeJob(store: Store, job: JobSpec): boolean {
  const row = store.getJobState(job.id);
  if (!row?.paused) return false;
  store.saveJobState({ ...row, paused: false, pausedUntil: null });
  return true;
}

export function storePauseAll(store: Store, until: number | null): void {
  store.setSetting(PAUSE_ALL_SETTING, JSON.stringify({ until }));
}

export function storeResumeAll(store: Store): boolean {
  const was = store.getSetting(PAUSE_ALL_SETTING) !== null;
  store.setSetting(PAUSE_ALL_SETTING, null);
  return was;
}

/** Pause-all as stored: null when off. An expired "until" counts as off. */
export function storedPauseAll(store: Store, now: number): { until: number | null } | null {
  const raw = store.getSetting(PAUSE_ALL_SETTING);
  if (raw === null) return null;
  try {
    const until = (JSON.parse(raw) as { until?: unknown }).until;
    if (typeof until === 'number') return until > now ? { until } : null;
    return { until: null };
  } catch {
    return null;
  }
}
