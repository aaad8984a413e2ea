/**
 * Crash recovery for processes. A run row left `queued` or `running` is either still being executed by the Cronbar
 * process that started it (a `cronbar run` beside the daemon, say) or was abandoned when that process died. Only
 * abandoned runs are recovered, and only then is their process group killed, so an orphaned job does not keep running
 * unseen — but only when the group is plausibly ours: a pid can be reused after a reboot, so a group whose leader
 * started after the run did is left alone.
 *
 * "Alive" is the runner's own check (runner/process-group.ts): a group or process that is only zombies is dead.
 */
import { isProcessGroupAlive, isSameProcessAlive, killProcessGroup, startedAfter } from '../runner/process-group';

export type KillOutcome = 'killed' | 'gone' | 'not-ours' | 'unsupported' | 'failed';

/**
 * True when nobody is executing a run any more: its owner process is dead, or the pid now belongs to a process that
 * started after the run was created. A run with no recorded owner (written before owners were recorded) counts as
 * abandoned, as every live row did before.
 */
export function isRunOwnerGone(ownerPid: number | null, runCreatedAt: number): boolean {
  if (ownerPid === null) return true;
  return !isSameProcessAlive(ownerPid, runCreatedAt);
}

/** Kills process group `pgid` left by a run started at `runStartedAt` (epoch ms), if it is still alive and ours. */
export function killLeftoverProcessGroup(pgid: number, runStartedAt: number | null): KillOutcome {
  // Windows pids are reused within minutes and there is no start time to check them against: never guess there.
  if (process.platform === 'win32') return 'unsupported';
  if (!Number.isSafeInteger(pgid) || pgid <= 1 || pgid === process.pid) return 'failed';
  if (!isProcessGroupAlive(pgid)) return 'gone';
  if (runStartedAt !== null && startedAfter(pgid, runStartedAt)) return 'not-ours';
  if (killProcessGroup(pgid, 'SIGKILL')) return 'killed';
  return isProcessGroupAlive(pgid) ? 'failed' : 'gone';
}
