/**
 * Pause, resume and cancel asked of any Cronbar process, whoever schedules. The process holding the data directory's
 * lock keeps the pause state in memory, so it applies a change itself; another process asks it over its control
 * socket (electron/core/control). With no scheduler, this process's engine (never started) applies it and persists
 * its own rows for the next scheduler to start from. A cancel goes to whoever executes the run: the scheduler over
 * the socket, a `cronbar run` by SIGTERM (its handler cancels its run, which ends `interrupted` by its own engine);
 * a run whose process is gone is cleaned up as crash recovery does.
 */
import type { MethodInput, MethodOutput, ServiceMethodName } from '../../../shared/api/contract';
import { CronbarError } from '../../../shared/api/cronbar-error';
import type { ControlOutcome } from '../control/control-protocol';
import { askScheduler } from '../control/reach-scheduler';
import type { Engine } from '../engine/engine';
import { isRunOwnerGone } from '../engine/process-group-reaper';
import type { Store } from '../ports';
import { type LockOwner, readLockHolder } from './instance-lock';

/** What this process does itself when it schedules, or when nobody does. */
export interface LocalControl {
  pauseJob(id: string, until: number | null): void;
  resumeJob(id: string): void;
  pauseAll(until: number | null): void;
  resumeAll(): void;
  cancelRun(runId: number): boolean;
}

/** This process's engine as the local side; a job must be in the jobs file to be paused or resumed. */
export function engineControl(engine: Engine, findJob: (id: string) => unknown): LocalControl {
  return {
    pauseJob: (id, until) => (findJob(id), engine.pauseJob(id, until)),
    resumeJob: (id) => (findJob(id), engine.resumeJob(id)),
    pauseAll: (until) => engine.pauseAll(until),
    resumeAll: () => engine.resumeAll(),
    cancelRun: (runId) => engine.cancelRun(runId),
  };
}

export interface RoutedControlDeps {
  dataDir: string;
  lockPath: string;
  scheduling: boolean;
  store: Store;
  local: LocalControl;
  /** Crash recovery: marks runs of dead processes interrupted and kills what they left. */
  recover(): void;
}

export interface RoutedControl {
  pauseJob(id: string, until: number | null): Promise<ControlOutcome>;
  resumeJob(id: string): Promise<ControlOutcome>;
  pauseAll(until: number | null): Promise<ControlOutcome>;
  resumeAll(): Promise<ControlOutcome>;
  cancelRun(runId: number): Promise<ControlOutcome & { cancelled: boolean }>;
  /** Asks the running scheduler when this process does not schedule; null when it does or none runs. */
  forward<M extends ServiceMethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M> | null>;
  /** The live process that schedules this data directory, or null. */
  scheduler(): LockOwner | null;
  /** The live process executing run `runId`, or null (not live, or its process is gone). */
  runOwner(runId: number): number | null;
}

export function createRoutedControl(deps: RoutedControlDeps): RoutedControl {
  const { store } = deps;

  const forward = async <M extends ServiceMethodName>(method: M, input: MethodInput<M>) =>
    deps.scheduling ? null : askScheduler(deps.dataDir, method, input);

  /** Here when scheduling, else by the scheduler, else by this process's engine (and a scheduler that started meanwhile). */
  const route = async <M extends ServiceMethodName>(
    method: M,
    input: MethodInput<M>,
    here: () => void,
  ): Promise<ControlOutcome> => {
    if (deps.scheduling) {
      here();
      return { how: 'here', by: null };
    }
    const asked = await forward(method, input);
    if (asked) return { how: 'scheduler', by: { pid: asked.by.pid, kind: asked.by.kind } };
    here();
    // A scheduler that started while we wrote may have read the state before our write: tell it too (idempotent).
    const late = await forward(method, input);
    if (late) return { how: 'scheduler', by: { pid: late.by.pid, kind: late.by.kind } };
    return { how: 'stored', by: null };
  };

  const runOwner = (runId: number): number | null => {
    const row = store.liveRuns().find((run) => run.id === runId);
    if (!row || isRunOwnerGone(row.ownerPid, row.createdAt)) return null;
    return row.ownerPid;
  };

  return {
    scheduler: () => (deps.scheduling ? null : readLockHolder(deps.lockPath)),
    runOwner,
    forward: async (method, input) => (await forward(method, input))?.value ?? null,
    pauseJob: (id, until) => route('pauseJob', { id, until }, () => deps.local.pauseJob(id, until)),
    resumeJob: (id) => route('resumeJob', { id }, () => deps.local.resumeJob(id)),
    pauseAll: (until) => route('pauseAll', { until }, () => deps.local.pauseAll(until)),
    resumeAll: () => route('resumeAll', {}, () => deps.local.resumeAll()),
    async cancelRun(runId) {
      const run = store.getRun(runId);
      if (!run) throw new CronbarError('not-found', `no run ${runId}`);
      if (run.status !== 'running' && run.status !== 'queued') return { cancelled: false, how: 'unchanged', by: null };
      const row = store.liveRuns().find((live) => live.id === runId);
      if (row?.ownerPid === process.pid) return { cancelled: deps.local.cancelRun(runId), how: 'here', by: null };
      const owner = runOwner(runId);
      if (owner === null) {
        deps.recover();
        return { cancelled: store.getRun(runId)?.status === 'interrupted', how: 'recovered', by: null };
      }
      const holder = readLockHolder(deps.lockPath);
      if (holder?.pid === owner) {
        const asked = await askScheduler(deps.dataDir, 'cancelRun', { runId });
        if (!asked) throw new CronbarError('refused', `the ${holder.kind} running run ${runId} stopped meanwhile`);
        return { cancelled: asked.value.cancelled, how: 'owner', by: { pid: owner, kind: asked.by.kind } };
      }
      // Not the scheduler, so a `cronbar run` (a process that wanted to schedule hands its runs to the scheduler).
      try {
        process.kill(owner, 'SIGTERM');
      } catch {
        deps.recover();
        return { cancelled: store.getRun(runId)?.status === 'interrupted', how: 'recovered', by: null };
      }
      return { cancelled: true, how: 'owner', by: { pid: owner, kind: 'cronbar run' } };
    },
  };
}
