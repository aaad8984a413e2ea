/**
 * Pause, resume and cancel from any Cronbar process, whoever schedules. The process that holds the data directory's
 * lock owns the pause state in memory, so it must apply a change itself: a process without the lock asks it through
 * its control inbox (control-inbox.ts) and reports who applied it. With no scheduler, the change is written to the DB
 * for the next one to start with. A cancel goes to the process that executes the run, so the run ends recorded
 * `interrupted` by its own engine; a run whose process is gone is cleaned up as crash recovery does.
 */
import { CronbarError, type ErrorCode } from '../../../shared/api/cronbar-error';
import type { JobSpec } from '../../../shared/config/schema';
import { isRunOwnerGone } from '../engine/process-group-reaper';
import type { Clock, Store } from '../ports';
import { type ControlMethod, sendControlRequest } from './control-inbox';
import { type LockOwner, readLockHolder } from './instance-lock';
import { type LiveOutput, clearLiveOutput, readLiveOutput } from './live-output';
import { storePauseAll, storePauseJob, storeResumeAll, storeResumeJob } from './offline-control';

export interface ControlOutcome {
  /**
   * here: this process schedules and applied it; scheduler: the process holding the lock applied it; stored: no
   * scheduler runs, written for the next start; owner: the process executing the run applied it; recovered: that
   * process was gone, the run was marked interrupted; unchanged: there was nothing to do.
   */
  how: 'here' | 'scheduler' | 'stored' | 'owner' | 'recovered' | 'unchanged';
  /** The other process that applied it. */
  by: { pid: number; kind: string } | null;
}

/** What this process can do itself when it holds the lock (or owns the run). */
export interface LocalControl {
  pauseJob(id: string, until: number | null): void;
  resumeJob(id: string): void;
  pauseAll(until: number | null): void;
  resumeAll(): void;
  cancelRun(runId: number): boolean;
}

export interface ProcessControlDeps {
  dataDir: string;
  lockPath: string;
  scheduling: boolean;
  store: Store;
  clock: Clock;
  findJob(id: string): JobSpec;
  local: LocalControl;
  /** Crash recovery: marks runs of dead processes interrupted and kills what they left. */
  recover(): void;
  /** How long to wait for another process's answer. */
  timeoutMs?: number;
}

export interface ProcessControl {
  pauseJob(id: string, until: number | null): Promise<ControlOutcome>;
  resumeJob(id: string): Promise<ControlOutcome>;
  pauseAll(until: number | null): Promise<ControlOutcome>;
  resumeAll(): Promise<ControlOutcome>;
  cancelRun(runId: number): Promise<ControlOutcome & { cancelled: boolean }>;
  /** The live process that schedules this data directory, or null. */
  scheduler(): LockOwner | null;
  /** The live process executing run `runId`, or null (not live, or its process is gone). */
  runOwner(runId: number): number | null;
  /** Asks `pid` a question through its inbox; throws its error, or a `refused` error when it does not answer. */
  ask(pid: number, method: ControlMethod, input: Record<string, unknown>, what: string): Promise<unknown>;
  /** What the executing process published of a followed run so far (live-output.ts). */
  liveOutput(runId: number): LiveOutput | null;
  releaseLiveOutput(runId: number): void;
}

export function createProcessControl(deps: ProcessControlDeps): ProcessControl {
  const { store, clock } = deps;
  const holder = () => (deps.scheduling ? null : readLockHolder(deps.lockPath));

  const ask = async (
    pid: number,
    method: ControlMethod,
    input: Record<string, unknown>,
    what: string,
  ): Promise<unknown> => {
    const sent = await sendControlRequest(deps.dataDir, pid, method, input, { timeoutMs: deps.timeoutMs });
    if (!sent.answered) {
      const why =
        sent.why === 'no-inbox'
          ? 'takes no requests (an older Cronbar?)'
          : `did not answer within ${Math.round((deps.timeoutMs ?? 3000) / 1000)} s`;
      throw new CronbarError('refused', `${what} (pid ${pid}) ${why}; nothing was changed`);
    }
    if (!sent.reply.ok) throw new CronbarError(sent.reply.code as ErrorCode, sent.reply.message);
    return sent.reply.value;
  };

  /** Here when scheduling, else by the lock holder, else into the DB (and to a scheduler that started meanwhile). */
  const route = async (
    method: ControlMethod,
    input: Record<string, unknown>,
    here: () => void,
    offline: () => void,
  ): Promise<ControlOutcome> => {
    if (deps.scheduling) {
      here();
      return { how: 'here', by: null };
    }
    const owner = holder();
    if (owner) {
      await ask(owner.pid, method, input, `the scheduling ${owner.kind}`);
      return { how: 'scheduler', by: { pid: owner.pid, kind: owner.kind } };
    }
    offline();
    // A scheduler that started while we wrote may have read the state before our write: tell it too (idempotent).
    const late = holder();
    if (late) {
      await ask(late.pid, method, input, `the scheduling ${late.kind}`);
      return { how: 'scheduler', by: { pid: late.pid, kind: late.kind } };
    }
    return { how: 'stored', by: null };
  };

  const futureOrNull = (until: number | null, what: string) => {
    if (until !== null && until <= clock.now())
      throw new CronbarError('invalid-input', `${what} until ${new Date(until).toISOString()} is not in the future`);
  };

  const runOwner = (runId: number): number | null => {
    const row = store.liveRuns().find((run) => run.id === runId);
    if (!row || isRunOwnerGone(row.ownerPid, row.createdAt)) return null;
    return row.ownerPid;
  };

  return {
    scheduler: () => (deps.scheduling ? null : readLockHolder(deps.lockPath)),
    runOwner,
    ask,
    liveOutput: (runId) => readLiveOutput(store, runId),
    releaseLiveOutput: (runId) => clearLiveOutput(store, runId),
    async pauseJob(id, until) {
      const job = deps.findJob(id);
      futureOrNull(until, 'pause');
      return route(
        'pauseJob',
        { id, until },
        () => deps.local.pauseJob(id, until),
        () => storePauseJob(store, job, until, clock.now()),
      );
    },
    async resumeJob(id) {
      const job = deps.findJob(id);
      return route(
        'resumeJob',
        { id },
        () => deps.local.resumeJob(id),
        () => void storeResumeJob(store, job),
      );
    },
    async pauseAll(until) {
      futureOrNull(until, 'pause all');
      return route(
        'pauseAll',
        { until },
        () => deps.local.pauseAll(until),
        () => storePauseAll(store, until),
      );
    },
    async resumeAll() {
      return route(
        'resumeAll',
        {},
        () => deps.local.resumeAll(),
        () => void storeResumeAll(store),
      );
    },
    async cancelRun(runId) {
      const run = store.getRun(runId);
      if (!run) throw new CronbarError('not-found', `no run ${runId}`);
      if (run.status !== 'running' && run.status !== 'queued') return { cancelled: false, how: 'unchanged', by: null };
      const row = store.liveRuns().find((live) => live.id === runId);
      if (row?.ownerPid === process.pid) return { cancelled: deps.local.cancelRun(runId), how: 'here', by: null };
      const owner = runOwner(runId);
      if (owner === null) {
        deps.recover();
        const after = store.getRun(runId);
        return { cancelled: after?.status === 'interrupted', how: 'recovered', by: null };
      }
      const kind =
        readLockHolder(deps.lockPath)?.pid === owner
          ? (readLockHolder(deps.lockPath)?.kind ?? 'process')
          : 'cronbar run';
      const value = (await ask(owner, 'cancelRun', { runId }, `the ${kind} running it`)) as { cancelled?: boolean };
      return { cancelled: value.cancelled === true, how: 'owner', by: { pid: owner, kind } };
    },
  };
}
