/**
 * The job set: the jobs the engine schedules, by id, and applying a new jobs list to it. Decides, per job, whether
 * its state is kept (same schedule key), restarted from now (changed schedule, re-enabled job; a pause survives the
 * edit) or taken from its persisted row, and which jobs left. Validates the whole list before changing anything.
 * Does not write rows or start runs: apply() returns what to save, what left and the catch-up plans, and the Engine
 * persists and commits them.
 */
import { CronbarError } from '../../../shared/api/cronbar-error';
import type { JobSpec } from '../../../shared/config/schema';
import {
  type EngineFlags,
  type FireMemo,
  type JobEntry,
  type Plan,
  effectiveKey,
  freshState,
  newMemo,
} from './engine-types';
import type { JobStates } from './job-states';
import type { NextFires } from './next-fires';
import type { PauseControl } from './pause-control';
import type { RunLifecycle } from './run-lifecycle';

export interface JobSetHost {
  flags: Readonly<EngineFlags>;
  fires: Pick<NextFires, 'scheduleNext' | 'rejitter' | 'unschedule' | 'calculator'>;
  states: Pick<JobStates, 'forJobList' | 'rowOf'>;
  pause: Pick<PauseControl, 'armResume' | 'dropResume'>;
  runs: Pick<RunLifecycle, 'dropUnstarted'>;
  /** Catch-up and next fire of a job whose last fire is known (catch-up-admission.ts). */
  admitKnown(job: JobEntry, now: number, plans: Plan[], memo: FireMemo): void;
}

export interface AppliedJobs {
  /** Jobs whose state row must be written. */
  toSave: JobEntry[];
  removed: JobEntry[];
  /** Catch-up decisions for jobs back in the list while running. */
  plans: Plan[];
}

export class JobSet {
  private readonly byId = new Map<string, JobEntry>();

  constructor(private readonly host: JobSetHost) {}

  get size(): number {
    return this.byId.size;
  }

  get(jobId: string): JobEntry | undefined {
    return this.byId.get(jobId);
  }

  require(jobId: string): JobEntry {
    const job = this.byId.get(jobId);
    if (!job) throw new CronbarError('not-found', `no job with id ${JSON.stringify(jobId)}`);
    return job;
  }

  has(jobId: string): boolean {
    return this.byId.has(jobId);
  }

  values(): IterableIterator<JobEntry> {
    return this.byId.values();
  }

  specs(): JobSpec[] {
    return [...this.byId.values()].map((job) => job.spec);
  }

  /** Replaces the list, diffing by id: unchanged schedules keep their state and their running runs. */
  apply(jobs: JobSpec[], now: number): AppliedJobs {
    const seen = new Map<string, number>();
    jobs.forEach((job, index) => {
      const first = seen.get(job.id);
      if (first !== undefined)
        throw new CronbarError(
          'invalid-input',
          `jobs[${index}]: duplicate id ${JSON.stringify(job.id)} (also jobs[${first}])`,
        );
      seen.set(job.id, index);
    });
    const keys = sharedKeys(jobs);
    this.checkSchedules(jobs, keys, now);

    const { fires, states, flags } = this.host;
    const memo = newMemo();
    const rows = states.forJobList();
    const toSave: JobEntry[] = [];
    const plans: Plan[] = [];
    jobs.forEach((spec, index) => {
      const key = keys[index]!;
      const existing = this.byId.get(spec.id);
      if (existing) {
        existing.spec = spec;
        if (existing.key === key) {
          fires.rejitter(existing);
          return;
        }
        restartSchedule(existing, key, now);
        fires.scheduleNext(existing, now, memo);
        toSave.push(existing);
        return;
      }
      const row = states.rowOf(spec.id, rows);
      const job: JobEntry = {
        spec,
        key,
        state: freshState(spec, key, now),
        nominal: null,
        live: null,
        removed: false,
        at: 0,
        bucket: null,
        slot: -1,
      };
      this.byId.set(spec.id, job);
      if (row && row.scheduleKey === key && row.lastFireAt !== null) {
        job.state = { ...row, jobId: spec.id, scheduleKey: key };
        if (flags.started) {
          this.host.admitKnown(job, now, plans, memo);
          toSave.push(job);
          return;
        }
      } else if (row) {
        // A changed schedule (or a re-enabled job) restarts from now; a pause set by the admin survives the edit.
        job.state.paused = row.paused;
        job.state.pausedUntil = row.pausedUntil;
      }
      fires.scheduleNext(job, Math.max(now, job.state.lastFireAt ?? now), memo);
      if (job.state.paused && job.state.pausedUntil !== null) this.host.pause.armResume(job);
      toSave.push(job);
    });

    const removed: JobEntry[] = [];
    for (const job of this.byId.values()) if (!seen.has(job.spec.id)) removed.push(job);
    for (const job of removed) this.remove(job);
    return { toSave, removed, plans };
  }

  /** Computes every first fire before touching anything, so a schedule croner rejects changes nothing. */
  private checkSchedules(jobs: JobSpec[], keys: string[], now: number): void {
    const checked = new Set<string>();
    jobs.forEach((job, index) => {
      if (job.schedule.kind !== 'cron' || checked.has(keys[index]!)) return;
      checked.add(keys[index]!);
      try {
        this.host.fires.calculator.nextAfter({ schedule: job.schedule, timezone: job.timezone, anchorAt: null }, now);
      } catch (error) {
        throw new CronbarError(
          'invalid-input',
          `jobs[${index}] (${job.id}): schedule ${JSON.stringify(job.schedule.expr)}: ${(error as Error).message}`,
        );
      }
    });
  }

  private remove(job: JobEntry): void {
    job.removed = true;
    this.byId.delete(job.spec.id);
    this.host.fires.unschedule(job);
    this.host.pause.dropResume(job);
    this.host.runs.dropUnstarted(job, 'the job was removed before this ran');
  }
}

/**
 * One key string per distinct schedule, shared by its jobs and their state rows: 100 000 jobs on 100 schedules
 * would otherwise hold 200 000 copies (~50 B each).
 */
function sharedKeys(jobs: JobSpec[]): string[] {
  const distinct = new Map<string, string>();
  return jobs.map((job) => {
    const key = effectiveKey(job);
    const shared = distinct.get(key);
    if (shared !== undefined) return shared;
    distinct.set(key, key);
    return key;
  });
}

function restartSchedule(job: JobEntry, key: string, now: number): void {
  job.key = key;
  job.state.scheduleKey = key;
  job.state.lastFireAt = now;
  job.state.anchorAt = job.spec.schedule.kind === 'every' ? now : null;
}
