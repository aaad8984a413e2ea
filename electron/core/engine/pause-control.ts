/**
 * Pause control: pausing one job or all, with or without an end time, and what a pause leaves behind. Decides which
 * fires a pause swallowed (recorded when it ends: one row per fire up to 10, one coalesced row beyond,
 * decision-rows.ts) and when a timed pause ends (an entry in the control queue). Does not decide anything about a
 * fire that does run: the fire path asks `allPaused`, and a job's own pause takes it out of the fire queue.
 */
import { CronbarError } from '../../../shared/api/cronbar-error';
import type { Store } from '../ports';
import { decideSpan } from './decision-rows';
import {
  type ControlEntry,
  type JobEntry,
  type Plan,
  decidedPlan,
  isSchedulable,
  newMemo,
  refOf,
} from './engine-types';
import type { NextFires } from './next-fires';

export const PAUSE_ALL_SETTING = 'pauseAll';

export interface PauseHost {
  store: Store;
  fires: Pick<NextFires, 'scheduleNext' | 'unschedule' | 'calculator'>;
  /** The one timer's control queue (fire-path.ts). */
  control: { schedule(entry: ControlEntry, at: number): void; remove(entry: ControlEntry): void };
  jobs(): Iterable<JobEntry>;
  saveStates(jobs: readonly JobEntry[]): void;
  log(line: string): void;
}

export class PauseControl {
  private pausedAll: { until: number | null } | null = null;
  private loaded = false;
  private readonly resumeEntries = new Map<string, ControlEntry>();
  private resumeAllEntry: ControlEntry | null = null;

  constructor(private readonly host: PauseHost) {}

  get allPaused(): boolean {
    return this.pausedAll !== null;
  }

  get allPausedUntil(): number | null {
    return this.pausedAll?.until ?? null;
  }

  /** Reads a persisted pause-all once (a later pauseAll() wins over it). */
  load(): void {
    if (this.loaded) return;
    this.loaded = true;
    const raw = this.host.store.getSetting(PAUSE_ALL_SETTING);
    if (!raw) return;
    try {
      const parsed = JSON.parse(raw) as { until?: unknown };
      this.pausedAll = { until: typeof parsed.until === 'number' ? parsed.until : null };
    } catch {
      this.host.log(`ignoring an unreadable ${PAUSE_ALL_SETTING} setting: ${raw}`);
    }
  }

  /** At start: a pause-all that ended while Cronbar was down is recorded; one still going gets its end timer. */
  startUp(now: number, plans: Plan[]): void {
    if (this.pausedAll?.until != null && this.pausedAll.until <= now) {
      const until = this.pausedAll.until;
      this.pausedAll = null;
      this.host.store.setSetting(PAUSE_ALL_SETTING, null);
      for (const job of this.host.jobs())
        if (isSchedulable(job) && !job.state.paused) this.recordPausedFires(job, until, 'paused (all)', plans);
    }
  }

  /** After start's catch-up: the end timer of a pause-all still going. */
  armPauseAllEnd(): void {
    if (this.pausedAll?.until != null) this.armResumeAll(this.pausedAll.until);
  }

  pauseJob(job: JobEntry, until: number | null, now: number): void {
    if (until !== null && until <= now)
      throw new CronbarError('invalid-input', `pause until ${new Date(until).toISOString()} is not in the future`);
    job.state.paused = true;
    job.state.pausedUntil = until;
    this.host.fires.unschedule(job);
    this.armResume(job);
    this.host.saveStates([job]);
  }

  /** Ends a job's pause: the fires it swallowed become rows in `plans`, and its next fire is queued. */
  resumeJob(job: JobEntry, now: number, plans: Plan[]): void {
    this.dropResume(job);
    if (isSchedulable(job) && !this.pausedAll) this.recordPausedFires(job, now, 'paused', plans);
    job.state.paused = false;
    job.state.pausedUntil = null;
    this.host.fires.scheduleNext(job, Math.max(now, job.state.lastFireAt ?? now), newMemo());
    this.host.saveStates([job]);
  }

  pauseAll(until: number | null, now: number): void {
    if (until !== null && until <= now)
      throw new CronbarError('invalid-input', `pause all until ${new Date(until).toISOString()} is not in the future`);
    this.pausedAll = { until };
    this.loaded = true;
    this.host.store.setSetting(PAUSE_ALL_SETTING, JSON.stringify({ until }));
    if (this.resumeAllEntry) this.host.control.remove(this.resumeAllEntry);
    this.resumeAllEntry = null;
    if (until !== null) this.armResumeAll(until);
  }

  /** Ends pause-all: every job's swallowed fires become rows in `plans`; next fires are queued again. */
  resumeAll(now: number, plans: Plan[]): void {
    if (this.resumeAllEntry) this.host.control.remove(this.resumeAllEntry);
    this.resumeAllEntry = null;
    this.pausedAll = null;
    this.host.store.setSetting(PAUSE_ALL_SETTING, null);
    const memo = newMemo();
    const dirty: JobEntry[] = [];
    for (const job of this.host.jobs()) {
      if (!isSchedulable(job) || job.state.paused) continue;
      this.recordPausedFires(job, now, 'paused (all)', plans);
      this.host.fires.scheduleNext(job, Math.max(now, job.state.lastFireAt ?? now), memo);
      dirty.push(job);
    }
    this.host.saveStates(dirty);
  }

  /** A timed pause ended (its control entry came due). Returns what changed, for `jobs:changed`. */
  expire(entry: Extract<ControlEntry, { kind: 'resume' | 'resume-all' }>, now: number, plans: Plan[]): string {
    if (entry.kind === 'resume-all') {
      this.resumeAllEntry = null;
      this.resumeAll(now, plans);
      return 'pause all ended';
    }
    this.resumeEntries.delete(entry.job.spec.id);
    if (!entry.job.removed && entry.job.state.paused) this.resumeJob(entry.job, now, plans);
    return `pause of ${entry.job.spec.id} ended`;
  }

  /**
   * A known job whose timed pause ended while nobody was looking (start, resync, reload): its swallowed fires become
   * rows and it is no longer paused. Called before its catch-up is planned.
   */
  expireIfDue(job: JobEntry, now: number, plans: Plan[]): void {
    if (job.state.paused && job.state.pausedUntil !== null && job.state.pausedUntil <= now) {
      this.recordPausedFires(job, job.state.pausedUntil, 'paused', plans);
      job.state.paused = false;
      job.state.pausedUntil = null;
    }
  }

  /** Rows for the fires of a paused job in (lastFireAt, until]; advances lastFireAt past them. */
  recordPausedFires(job: JobEntry, until: number, reason: string, plans: Plan[]): void {
    const after = job.state.lastFireAt;
    if (after === null || until <= after) return;
    const span = decideSpan(
      this.host.fires.calculator,
      refOf(job),
      after,
      until,
      () => reason,
      (count) => `${reason}: stands for ${count}`,
    );
    for (const row of span.rows) plans.push(decidedPlan(job, 'skipped', 'schedule', row.scheduledFor, row.reason));
    // Even with no fire in the span, the pause is handled up to `until`: catch-up must not start before it.
    job.state.lastFireAt = until;
  }

  /** (Re)arms the end timer of the job's pause; none when not paused or paused without an end. */
  armResume(job: JobEntry): void {
    this.dropResume(job);
    if (!job.state.paused || job.state.pausedUntil === null) return;
    const entry: ControlEntry = { kind: 'resume', job, at: 0, seq: 0, heapIndex: -1 };
    this.resumeEntries.set(job.spec.id, entry);
    this.host.control.schedule(entry, job.state.pausedUntil);
  }

  /** The job left the job set. */
  dropResume(job: JobEntry): void {
    const entry = this.resumeEntries.get(job.spec.id);
    if (entry) this.host.control.remove(entry);
    this.resumeEntries.delete(job.spec.id);
  }

  /** Shutdown: the control queue is cleared by its owner; forget the entries in it. */
  clear(): void {
    this.resumeEntries.clear();
    this.resumeAllEntry = null;
  }

  private armResumeAll(until: number): void {
    if (this.resumeAllEntry) this.host.control.remove(this.resumeAllEntry);
    this.resumeAllEntry = { kind: 'resume-all', at: 0, seq: 0, heapIndex: -1 };
    this.host.control.schedule(this.resumeAllEntry, until);
  }
}
