/**
 * Builds the engine's parts and the narrow interfaces between them: each part gets a host object naming the few
 * things it may ask of the others (closures created once here, none on the fire path), never another part's fields.
 * Decides no scheduling itself, only who answers whom. Also routes the control queue's entries (retries, pause ends)
 * by kind in `onControl`; deadlines that are not fires (check-ins, expectations) are the monitor's (core/monitor/).
 */
import { DEFAULT_CONCURRENCY } from '../../../shared/config/zones-and-times';
import type { ActionRunner, Clock, Store } from '../ports';
import { systemClock } from '../ports';
import { type CatchUpAdmissionHost, admitKnownJob } from './catch-up-admission';
import { ChainStarts } from './chain-starts';
import { ClockWatch } from './clock-watch';
import type { CrashRecoveryHost } from './crash-recovery';
import type { ControlEntry, Emit, EngineFlags, FireMemo, JobEntry, Plan } from './engine-types';
import { FirePath } from './fire-path';
import { ForeignRuns } from './foreign-runs';
import { JobSet } from './job-set';
import { JobStates } from './job-states';
import { NextFires } from './next-fires';
import { PauseControl } from './pause-control';
import { RunIds } from './run-ids';
import { RunLifecycle } from './run-lifecycle';
import { ScheduleCalculator } from './schedule-calculator';
import { StartBatch } from './start-batch';

export interface EngineOptions {
  store: Store;
  runner: ActionRunner;
  clock?: Clock;
  concurrency?: number;
  log?: (line: string) => void;
  calculator?: ScheduleCalculator;
}

/** What the Engine itself answers: its events and its resync. */
export interface EngineHooks {
  emit: Emit;
  statusChanged(): void;
  resync(reason: string): void;
}

export interface EngineParts {
  flags: EngineFlags;
  store: Store;
  clock: Clock;
  log: (line: string) => void;
  ids: RunIds;
  /** Live runs of this scheduler's jobs that other Cronbar processes execute. */
  foreign: ForeignRuns;
  watch: ClockWatch;
  fires: NextFires;
  jobSet: JobSet;
  states: JobStates;
  pause: PauseControl;
  runs: RunLifecycle;
  batch: StartBatch;
  firePath: FirePath;
  /** Chain children (`after:`) of runs that ended. */
  chains: ChainStarts;
  recovery: CrashRecoveryHost;
  /** Catch-up and next fire of a job whose last handled fire is known (catch-up-admission.ts). */
  admitKnown(job: JobEntry, now: number, plans: Plan[], memo: FireMemo): void;
}

export function wireParts(options: EngineOptions, hooks: EngineHooks): EngineParts {
  const { store, runner } = options;
  const clock = options.clock ?? systemClock;
  const log = options.log ?? (() => {});
  const { emit, statusChanged } = hooks;
  const flags: EngineFlags = { started: false, stopping: false };
  const ids = new RunIds(store);
  const foreign = new ForeignRuns(store);
  const watch = new ClockWatch(
    clock,
    (reason) => hooks.resync(reason),
    (now) => hooks.emit('clock:checked', { now }),
  );
  const fires = new NextFires(options.calculator ?? new ScheduleCalculator());
  // Declared before they exist: the closures below run only after wiring is done.
  let firePath: FirePath | null = null;
  let batch: StartBatch | null = null;
  let pause: PauseControl | null = null;
  let jobSet: JobSet | null = null;
  let chains: ChainStarts | null = null;
  const fireControl = {
    schedule: (entry: ControlEntry, at: number) => firePath!.scheduleControl(entry, at),
    remove: (entry: ControlEntry) => firePath!.removeControl(entry),
  };

  const runs = new RunLifecycle(
    {
      store,
      runner,
      clock,
      flags,
      foreign,
      emit,
      log,
      statusChanged,
      arm: () => firePath!.arm(),
      scheduleControl: fireControl.schedule,
      writeHeldRows: () => batch!.writeHeldRows(),
      runEnded: (run, status) => chains!.parentEnded(run, status),
    },
    options.concurrency ?? DEFAULT_CONCURRENCY,
  );
  batch = new StartBatch({ store, clock, flags, ids, foreign, runs, emit, log, statusChanged });
  const states = new JobStates(store, flags, (jobId) => jobSet!.has(jobId));
  pause = new PauseControl({
    store,
    fires,
    control: fireControl,
    jobs: () => jobSet!.values(),
    saveStates: (jobs) => states.save(jobs),
    log,
  });
  const admission: CatchUpAdmissionHost = { fires, pause, runs, log };
  const admitKnown = (job: JobEntry, now: number, plans: Plan[], memo: FireMemo) =>
    admitKnownJob(admission, job, now, plans, memo);
  jobSet = new JobSet({ flags, fires, states, pause, runs, admitKnown });

  const pauseControl = pause;
  const jobs = jobSet;
  chains = new ChainStarts({
    clock,
    log,
    job: (jobId) => jobs.get(jobId),
    scheduleControl: fireControl.schedule,
    allPaused: () => pauseControl.allPaused,
    runs,
  });
  const chainStarts = chains;
  const onControl = (entry: ControlEntry, now: number, plans: Plan[]) => {
    if (entry.kind === 'retry') runs.retryDue(entry, pauseControl.allPaused, plans);
    else if (entry.kind === 'chain') chainStarts.due(entry, plans);
    else emit('jobs:changed', { reason: pauseControl.expire(entry, now, plans) });
  };
  firePath = new FirePath({
    clock,
    flags,
    fires,
    batch,
    allPaused: () => pauseControl.allPaused,
    clockJumped: () => watch.check(),
    resync: (reason) => hooks.resync(reason),
    onControl,
    log,
  });

  const recovery: CrashRecoveryHost = {
    store,
    emit,
    log,
    isOwnRun: (runId) => runs.get(runId) !== undefined,
    othersLive: (rows) => {
      if (flags.started) foreign.track(rows);
    },
  };
  return {
    flags,
    store,
    clock,
    log,
    ids,
    foreign,
    watch,
    fires,
    jobSet,
    states,
    pause,
    runs,
    batch,
    firePath,
    chains: chainStarts,
    recovery,
    admitKnown,
  };
}
