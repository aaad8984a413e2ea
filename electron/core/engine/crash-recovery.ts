/**
 * Crash recovery for rows: run rows a dead Cronbar left `queued` or `running` become `interrupted`, and their process
 * groups are killed (process-group-reaper.ts decides whether a group is still plausibly ours). A row whose owner
 * process lives (a `cronbar run` beside this scheduler) is that process's to finish: it is handed back, for overlap
 * to count. A row of this very process that is not one of this engine's runs was left by an engine dropped without
 * stop(), so it is abandoned too.
 */
import type { LiveRunRow, Store } from '../ports';
import type { Emit } from './engine-types';
import { isRunOwnerGone, killLeftoverProcessGroup } from './process-group-reaper';

export const STOPPED_WHILE_RUNNING = 'Cronbar stopped while this ran';

export interface CrashRecoveryHost {
  store: Store;
  emit: Emit;
  log(line: string): void;
  /** Whether a run id is one of this engine's live runs. */
  isOwnRun(runId: number): boolean;
  /** The live rows other living processes execute, for overlap to count. */
  othersLive(rows: LiveRunRow[]): void;
}

export function recoverCrashedRuns(host: CrashRecoveryHost, now: number): void {
  const { store, log } = host;
  const othersLive: LiveRunRow[] = [];
  const leftovers = store.liveRuns().filter((row) => {
    if (host.isOwnRun(row.id)) return false;
    if (row.ownerPid === process.pid || isRunOwnerGone(row.ownerPid, row.createdAt)) return true;
    log(`left run ${row.id} (${row.jobId}) ${row.status}: process ${row.ownerPid} is running it`);
    othersLive.push(row);
    return false;
  });
  host.othersLive(othersLive);
  if (leftovers.length === 0) return;
  const records = store.transaction(() =>
    leftovers.map((row) =>
      store.updateRun(row.id, { status: 'interrupted', reason: STOPPED_WHILE_RUNNING, finishedAt: now }),
    ),
  );
  for (const row of leftovers) {
    if (row.pgid === null) continue;
    const outcome = killLeftoverProcessGroup(row.pgid, row.startedAt);
    if (outcome === 'killed') log(`killed process group ${row.pgid} left running by run ${row.id}`);
    else if (outcome === 'not-ours')
      log(`left process group ${row.pgid} alone: it started after run ${row.id}, so the pid was reused`);
  }
  for (const record of records) host.emit('run:finished', record);
}
