/**
 * Crash recovery for rows: run rows a dead Cronbar left `queued` or `running` become `interrupted`, and their process
 * groups are killed (process-group-reaper.ts decides whether a group is still plausibly ours). A row whose owner
 * process lives (a `cronbar run` beside this scheduler) is that process's to finish: it is handed back, for overlap
 * to count. A row of this very process that is not one of this engine's runs was left by an engine dropped without
 * stop(), so it is abandoned too.
 */
import type { RunRecord } from '../../../shared/model';
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
  let { abandoned, othersLive } = sortLiveRuns(host, store.liveRuns());
  let records: RunRecord[] = [];
  if (abandoned.length > 0) {
    // Read again and write in one write transaction, and only to rows still live: a run another process finished
    // since (its owner then exits and looks gone) keeps the status it recorded.
    ({ abandoned, othersLive, records } = store.transaction(
      () => {
        const sorted = sortLiveRuns(host, store.liveRuns());
        const patch = { status: 'interrupted', reason: STOPPED_WHILE_RUNNING, finishedAt: now } as const;
        const interrupted = store.updateLiveRuns(sorted.abandoned.map((row) => ({ id: row.id, patch })));
        const changed = new Set(interrupted.map((record) => record.id));
        return { ...sorted, abandoned: sorted.abandoned.filter((row) => changed.has(row.id)), records: interrupted };
      },
      { immediate: true },
    ));
  }
  for (const row of othersLive)
    log(`left run ${row.id} (${row.jobId}) ${row.status}: process ${row.ownerPid} is running it`);
  host.othersLive(othersLive);
  for (const row of abandoned) {
    if (row.pgid === null) continue;
    const outcome = killLeftoverProcessGroup(row.pgid, row.startedAt);
    if (outcome === 'killed') log(`killed process group ${row.pgid} left running by run ${row.id}`);
    else if (outcome === 'not-ours')
      log(`left process group ${row.pgid} alone: it started after run ${row.id}, so the pid was reused`);
  }
  for (const record of records) host.emit('run:finished', record);
}

/** Abandoned rows (their owner is gone, or is this process but not this engine) and rows other live processes run. */
function sortLiveRuns(
  host: CrashRecoveryHost,
  rows: LiveRunRow[],
): { abandoned: LiveRunRow[]; othersLive: LiveRunRow[] } {
  const abandoned: LiveRunRow[] = [];
  const othersLive: LiveRunRow[] = [];
  for (const row of rows) {
    if (host.isOwnRun(row.id)) continue;
    if (row.ownerPid === process.pid || isRunOwnerGone(row.ownerPid, row.createdAt)) abandoned.push(row);
    else othersLive.push(row);
  }
  return { abandoned, othersLive };
}
